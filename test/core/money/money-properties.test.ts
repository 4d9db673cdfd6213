import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, currencyCode, decimalToMinor, FinchError, minorDigits, minorToDecimal } from '../../../src/core/index.js';
import { computeShares } from '../../../src/core/ledger/splits.js';

const CURRENCIES = ['USD', 'EUR', 'JPY', 'KWD', 'HUF', 'INR', 'CLF', 'BHD'].map((c) => currencyCode(c));
const currency = fc.constantFrom(...CURRENCIES);
const minor = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

describe('money properties', () => {
  it('minor → decimal → minor is the identity, in every currency', () => {
    fc.assert(fc.property(minor, currency, (m, c) => decimalToMinor(minorToDecimal(m, c), c) === m), { numRuns: 2000 });
  });

  it('decimal → minor → decimal keeps the value (padded to the currency\'s digits)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 11n }), fc.nat({ max: 3 }), fc.boolean(), currency, (whole, fracDigits, neg, c) => {
        const digits = minorDigits(c);
        const frac = fracDigits > digits ? digits : fracDigits;
        const text = `${neg ? '-' : ''}${whole}${frac ? `.${'7'.repeat(frac)}` : ''}`;
        const m = decimalToMinor(text, c);
        expect(Number.isSafeInteger(m)).toBe(true);
        expect(decimalToMinor(minorToDecimal(m, c), c)).toBe(m);
        // Same number: compare as exact rationals over 10^digits.
        const back = minorToDecimal(m, c);
        const scaled = (t: string) => {
          const [i, f = ''] = t.replace('-', '').split('.');
          const v = BigInt(i!) * 10n ** BigInt(digits) + BigInt((f + '0'.repeat(digits)).slice(0, digits) || '0');
          return t.startsWith('-') ? -v : v;
        };
        expect(scaled(back)).toBe(scaled(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('decimalToMinor refuses anything that is not a plain decimal with a FinchError, never a float', () => {
    fc.assert(
      fc.property(fc.string(), currency, (text, c) => {
        try {
          const m = decimalToMinor(text, c);
          expect(Number.isSafeInteger(m)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(FinchError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('allocate: shares sum to the total, each within one unit of its exact part, never negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 30 }), (total, weights) => {
        fc.pre(weights.some((w) => w > 0));
        const parts = allocate(total, weights);
        const sum = weights.reduce((a, b) => a + b, 0);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        parts.forEach((p, i) => {
          expect(Number.isInteger(p) && p >= 0).toBe(true);
          expect(Math.abs(p - (total * weights[i]!) / sum)).toBeLessThan(1 + 1e-6);
        });
        expect(allocate(total, weights)).toEqual(parts);
      }),
      { numRuns: 2000 },
    );
  });

  it('split shares always add up to the amount, whichever method', () => {
    const people = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e10 }), people, fc.constantFrom('equal', 'shares', 'percent'), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 8, maxLength: 8 }), (total, names, method, weights) => {
        let values = names.map((_, i) => String(weights[i]!));
        if (method === 'percent') {
          // Percentages that add to exactly 100.
          const w = names.map((_, i) => weights[i]!);
          const parts = allocate(100, w);
          fc.pre(parts.every((p) => p > 0));
          values = parts.map(String);
        }
        const shares = computeShares(total, { method: method as 'equal', participants: names.map((person, i) => ({ person, value: values[i] })) }, (d) => decimalToMinor(d, currencyCode('USD')));
        expect(shares.reduce((a, s) => a + s.shareMinor, 0)).toBe(total);
        expect(shares.every((s) => s.shareMinor >= 0)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
