import { afterEach, describe, expect, it } from 'vitest';
import { importKeys, similarity } from '../../../src/core/statements/dedup.js';
import { describeEachDialect } from '../../helpers/dialects.js';
import { seeded, statementLines } from '../../../fixtures/statements/make-import-runs.js';

describe('import keys', () => {
  it('give the n-th of identical rows #n, and the same row the same key in an overlapping statement', () => {
    const coffee = { date: '2024-05-01', amountMinor: -450, description: 'CAFE NERO COFFEE' };
    const rows = [{ date: '2024-04-30', amountMinor: -999, description: 'RENT' }, coffee, coffee, { ...coffee, description: 'CAFE  NERO COFFEE ' }];
    const keys = importKeys('csv', rows);
    expect(new Set(keys).size).toBe(4);
    expect(keys[1]).toMatch(/#1$/);
    expect(keys[2]).toMatch(/#2$/);
    expect(keys[3]).toMatch(/#3$/); // the same text with other spacing is the same row
    const later = importKeys('csv', rows.slice(1));
    expect(later).toEqual(keys.slice(1));
  });

  it('use a printed reference when there is one, counted too (a reference column that repeats loses nothing)', () => {
    const keys = importKeys('ofx', [
      { date: '2024-05-01', amountMinor: -1, description: 'a', reference: 'FIT1' },
      { date: '2024-05-02', amountMinor: -2, description: 'b', reference: 'FIT1' },
    ]);
    expect(keys).toEqual(['ofx:FIT1#1', 'ofx:FIT1#2']);
  });

  it('compare whole descriptions: long ones that share their first 1,000 characters still differ', () => {
    const head = 'SEPA CREDIT TRANSFER '.repeat(60);
    const [a, b] = importKeys('csv', [
      { date: '2024-05-01', amountMinor: -100, description: `${head}INVOICE 1` },
      { date: '2024-05-01', amountMinor: -100, description: `${head}INVOICE 2` },
    ]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/sha256:[0-9a-f]{64}#1$/);
  });
});

describe('fuzzy dedup', () => {
  it('never takes two texts with different reference numbers for one transaction', () => {
    expect(similarity('TESCO STORES 1234', 'TESCO STORES 5678')).toBe(0);
    expect(similarity('INVOICE 2024-0042 ACME', 'ACME INVOICE 2024-0042')).toBeGreaterThan(0.5);
    expect(similarity('POS 4411 STARBUCKS SEATTLE', 'Starbucks Seattle')).toBeGreaterThan(0.5);
  });
});

describeEachDialect('an import into a big ledger', (t) => {
  afterEach(() => t.cleanup());

  it('drops no distinct row as a false duplicate (same amounts and days, other reference numbers)', async () => {
    const finch = await t.open();
    try {
      await finch.accounts.add({ name: 'Checking', currency: 'USD' });
      const r = seeded(7);
      // 6,000 rows over 10 days with 40 possible amounts: every new row shares its day and amount
      // with ledger rows whose words are the same and whose numbers differ.
      const names = ['TESCO STORES', 'UBER *TRIP', 'AMAZON MKTPLACE'];
      const amount = () => `-${(1 + Math.floor(r() * 40)).toFixed(2)}`;
      const day = () => `2024-05-${String(1 + Math.floor(r() * 10)).padStart(2, '0')}`;
      await finch.transactions.addMany(Array.from({ length: 6000 }, (_, i) => ({ date: day(), amount: amount(), description: `${names[i % 3]} ${100000 + i}`, account: 'Checking' })));
      const lines = Array.from({ length: 1500 }, (_, i) => `${day()},${names[i % 3]} ${500000 + i},${amount()}`);
      const result = await finch.statements.import({ bytes: Buffer.from(['Date,Description,Amount', ...lines].join('\n')), filename: 'may.csv', account: 'Checking' });
      expect(result.skippedDuplicates).toBe(0);
      expect(result.created).toBe(1500);
      // A row that is in the ledger already (same reference) is still found.
      const again = await finch.statements.import({ bytes: Buffer.from(['Date,Description,Amount', ...lines.slice(0, 10), ...statementLines(2, { start: '2023-01-01' }).map((l) => `${l.date},${l.description},${l.amount}`)].join('\n')), filename: 'may-2.csv', account: 'Checking' });
      expect([again.created, again.skippedDuplicates]).toEqual([2, 10]);
    } finally {
      await finch.close();
    }
  }, 60_000);
});
