import { describe, expect, it } from 'vitest';
import { chain, oneDigitMend, reconcile, scoreOf } from '../../../../src/core/statements/system-parser/readings/scoring.js';

describe('evidence for a reading', () => {
  it('chains rows through the running balance; an unchanged balance is an informational row; a jump breaks', () => {
    const c = chain(
      [
        { amount: -500, balance: 9500 },
        { amount: 6125, balance: 9500 }, // an unpaid debit order printed under money in: the balance did not move
        { amount: -1000, balance: 8500 },
        { amount: -4177, balance: 3823 }, // printed 41.77, the balance says 47.77
      ],
      10000,
    );
    expect(c.status).toEqual(['verified', 'informational', 'verified', 'broken']);
    expect([c.passes, c.breaks]).toEqual([2, 1]);
  });

  it('takes the printed figure that reconciles, not the first one on the line (a franc equivalent)', () => {
    expect(reconcile([100000], [2212333, 337268], 237268)).toEqual({ opening: 100000, closing: 337268, reconciled: true });
    expect(reconcile([100000], [5], 10).reconciled).toBe(false);
    expect(reconcile([], [5], 10).reconciled).toBeNull();
  });

  it('ranks a reconciled reading over any unreconciled one', () => {
    const rec = scoreOf({ reconciled: true, passes: 0, breaks: 0, rows: 5, informational: 0, prior: 0 });
    const chainOnly = scoreOf({ reconciled: false, passes: 30, breaks: 0, rows: 30, informational: 0, prior: 3 });
    expect(rec).toBeGreaterThan(chainOnly);
  });

  it('proposes the mended figure only when one digit differs (an OCR slip)', () => {
    expect(oneDigitMend(-4177, -4777)).toBe(-4777);
    expect(oneDigitMend(-4177, -5277)).toBeNull();
    expect(oneDigitMend(-4177, 4177)).toBeNull();
  });
});
