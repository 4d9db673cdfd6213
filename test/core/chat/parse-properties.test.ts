import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyCode, decimalToMinor, FinchError, toCalendarDate } from '../../../src/core/index.js';
import { parseMessage } from '../../../src/core/chat/index.js';

const options = { today: toCalendarDate('2024-03-15'), currency: currencyCode('USD') };
// Pieces of the messages people type, recombined at random: the parser must never throw anything
// but a FinchError, and what it returns must be well-formed.
const piece = fc.constantFrom(
  '@john', '@', '@@', '#food', '#', '$50', '50$', '€1.234,56', '1,20,000', '1.5k', '₹', '¥', 'rs 450', 'bucks', '-', '+', '%', '50%',
  'lunch', 'at', 'pizza place', 'yesterday', 'last friday', 'on 5th jan', '3 days ago', '2024-02-30', '31/02', 'split', 'with', 'paid',
  'received', 'salary', 'transfer to savings', '\u0000', '\u202e', '😀', '\n', '\t', '""', "'", '9'.repeat(40), '0.000001', 'NaN', 'Infinity',
);
const message = fc.oneof(fc.array(piece, { maxLength: 12 }).map((p) => p.join(' ')), fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }));

describe('chat parser properties', () => {
  it('never throws anything but FinchError, and every suggestion is well-formed', () => {
    fc.assert(
      fc.property(message, (text) => {
        let s;
        try {
          s = parseMessage(text, options);
        } catch (e) {
          if (!(e instanceof FinchError)) throw e;
          return;
        }
        if (s.amount !== null && s.amount !== undefined) {
          expect(() => decimalToMinor(String(s.amount), currencyCode(String(s.currency)))).not.toThrow();
        }
        if (s.date) expect(() => toCalendarDate(String(s.date))).not.toThrow();
        expect(s.confidence).toBeGreaterThanOrEqual(0);
        expect(s.confidence).toBeLessThanOrEqual(1);
      }),
      { numRuns: 1500 },
    );
  });
});
