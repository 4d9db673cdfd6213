import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import type { Finch } from '../../../src/core/index.js';
import { convertMinor, divRoundHalfEven, parseRate, periodRange, ratioOf } from '../../../src/core/reports/index.js';
import { seedLedger } from './seed.js';

const pick = (rows: Array<{ key: string; currency: string; amount: string; count?: number }>) => rows.map((r) => [r.key, r.currency, r.amount]);

describeEachDialect('reports', (t) => {
  let finch: Finch;
  beforeEach(async () => {
    finch = await t.open();
  });
  afterEach(async () => {
    await finch.close();
    await t.cleanup();
  });

  it('says a report over an empty ledger is empty', async () => {
    for (const r of [
      await finch.reports.summary(),
      await finch.reports.spending(),
      await finch.reports.income(),
      await finch.reports.cashflow(),
      await finch.reports.balance(),
      await finch.reports.networth(),
      await finch.reports.trends(),
    ]) {
      expect(r.empty, r.kind).toBe(true);
    }
    expect((await finch.reports.spending()).rows).toEqual([]);
  });

  describe('over a seeded ledger', () => {
    beforeEach(() => seedLedger(finch));

    it('breaks spending down by category per currency, children labelled under their parent', async () => {
      const r = await finch.reports.spending();
      expect(r.empty).toBe(false);
      expect(r.rows.map((x) => [x.label, x.currency, x.amount, x.count])).toEqual([
        ['entertainment', 'EUR', '25.00', 1],
        ['dining', 'JPY', '1500', 1],
        ['groceries', 'USD', '92.25', 2],
        ['dining', 'USD', '30.00', 1],
        ['dining/coffee', 'USD', '16.50', 2],
        ['uncategorized', 'USD', '7.00', 1],
      ]);
      // the pizza (90.00 split three ways with @flat) counts my share; --gross counts what was paid
      expect(r.totals.map((x) => [x.currency, x.amount, x.count])).toEqual([
        ['EUR', '25.00', 1],
        ['JPY', '1500', 1],
        ['USD', '145.75', 6],
      ]);
      expect(r.rows.find((x) => x.key === 'groceries')!.share).toBe('63.3');
      const gross = await finch.reports.spending({ gross: true });
      expect(gross.rows.find((x) => x.key === 'dining' && x.currency === 'USD')!.amount).toBe('90.00');
      expect(gross.totals.find((x) => x.currency === 'USD')!.amount).toBe('205.75');
      // a category filter includes its children
      const dining = await finch.reports.spending({ category: 'dining' });
      expect(pick(dining.rows)).toEqual([
        ['dining', 'JPY', '1500'],
        ['dining', 'USD', '30.00'],
        ['coffee', 'USD', '16.50'],
      ]);
    });

    it('buckets by month and by ISO week (Monday) on both databases', async () => {
      const months = await finch.reports.spending({ by: 'month' });
      expect(pick(months.rows)).toEqual([
        ['2024-01', 'USD', '86.75'],
        ['2024-02', 'EUR', '25.00'],
        ['2024-02', 'JPY', '1500'],
        ['2024-02', 'USD', '59.00'],
      ]);
      const weeks = await finch.reports.spending({ by: 'week', to: '2024-01-31' });
      // 2024-01-07 is a Sunday (week of Monday 01-01); 01-08 is the next Monday.
      expect(pick(weeks.rows)).toEqual([
        ['2024-01-01', 'USD', '34.50'],
        ['2024-01-08', 'USD', '52.25'],
      ]);
    });

    it('breaks down by merchant, tag and account, and filters by tag, account, group and period', async () => {
      const merchants = await finch.reports.spending({ by: 'merchant', account: 'Checking' });
      expect(pick(merchants.rows)).toEqual([
        ['Tesco', 'USD', '92.25'],
        ['Dominos', 'USD', '30.00'],
      ]);
      const tags = await finch.reports.spending({ by: 'tag' });
      expect(pick(tags.rows)).toEqual([
        ['trip', 'EUR', '25.00'],
        ['trip', 'JPY', '1500'],
        ['(untagged)', 'USD', '111.25'],
        ['work', 'USD', '34.50'],
        ['fun', 'USD', '30.00'],
      ]);
      // totals do not count a row with two tags twice
      expect(tags.totals.find((x) => x.currency === 'USD')!.amount).toBe('145.75');
      const accounts = await finch.reports.spending({ by: 'account', tag: 'trip' });
      expect(pick(accounts.rows)).toEqual([
        ['Euro Savings', 'EUR', '25.00'],
        ['Yen Wallet', 'JPY', '1500'],
      ]);
      const flat = await finch.reports.spending({ group: 'flat' });
      expect(pick(flat.rows)).toEqual([['dining', 'USD', '30.00']]);
      const feb = await finch.reports.spending({ period: '2024-02', by: 'category', account: 'Checking' });
      expect(pick(feb.rows)).toEqual([['groceries', 'USD', '40.00']]);
      expect(feb.from).toBe('2024-02-01');
      expect(feb.to).toBe('2024-02-29');
      const none = await finch.reports.spending({ period: '2019' });
      expect(none.empty).toBe(true);
    });

    it('reports income, a summary and cash flow per month', async () => {
      const income = await finch.reports.income();
      expect(pick(income.rows)).toEqual([
        ['salary', 'USD', '3000.00'],
        ['other_income', 'USD', '150.00'],
      ]);
      const s = await finch.reports.summary({ to: '2024-02-29' });
      expect(s.currencies.map((c) => [c.currency, c.income.amount, c.spending.amount, c.net.amount, c.transfers.amount, c.count])).toEqual([
        ['EUR', '0.00', '25.00', '-25.00', '0.00', 1],
        ['JPY', '0', '1500', '-1500', '0', 1],
        ['USD', '3000.00', '145.75', '2854.25', '-200.00', 8],
      ]);
      expect(s.topCategories[0]).toMatchObject({ key: 'entertainment', currency: 'EUR' });
      const cf = await finch.reports.cashflow({ account: 'Checking' });
      expect(cf.rows.map((r) => [r.period, r.currency, r.income.amount, r.spending.amount, r.net.amount])).toEqual([
        ['2024-01', 'USD', '3000.00', '82.25', '2917.75'],
        ['2024-02', 'USD', '0.00', '40.00', '-40.00'],
        ['2024-03', 'USD', '150.00', '0.00', '150.00'],
      ]);
      expect(cf.totals.map((r) => r.net.amount)).toEqual(['3027.75']);
      // A type filter narrows a summary to that type, and a wrong one is refused.
      const onlySpending = await finch.reports.summary({ to: '2024-02-29', type: 'expense' });
      expect(onlySpending.currencies.map((c) => [c.currency, c.income.amount, c.spending.amount, c.transfers.amount])).toEqual([
        ['EUR', '0.00', '25.00', '0.00'],
        ['JPY', '0', '1500', '0'],
        ['USD', '0.00', '145.75', '0.00'],
      ]);
      await expect(finch.reports.summary({ type: 'refund' as never })).rejects.toThrow(/invalid type "refund"/);
    });

    it('computes balances from opening balances, as of a date, and net worth with liabilities', async () => {
      const b = await finch.reports.balance();
      expect(b.rows.map((r) => [r.account, r.currency, r.opening.amount, r.amount, r.count])).toEqual([
        ['Checking', 'USD', '1000.00', '3767.75', 6],
        ['Euro Savings', 'EUR', '500.00', '475.00', 1],
        ['Visa Gold', 'USD', '0.00', '-16.50', 2],
        ['Yen Wallet', 'JPY', '20000', '18500', 1],
        [null, 'USD', '0.00', '-7.00', 1],
      ]);
      expect(b.totals.map((x) => [x.currency, x.amount])).toEqual([
        ['EUR', '475.00'],
        ['JPY', '18500'],
        ['USD', '3744.25'],
      ]);
      const jan = await finch.reports.balance({ to: '2024-01-31', account: 'Checking' });
      expect(jan.rows.map((r) => r.amount)).toEqual(['3657.75']);
      const nw = await finch.reports.networth();
      // what @flat owes me for the pizza (2 × 30.00) is mine too
      expect(nw.rows.map((r) => [r.currency, r.assets.amount, r.liabilities.amount, r.owed.amount, r.net.amount])).toEqual([
        ['EUR', '475.00', '0.00', '0.00', '475.00'],
        ['JPY', '18500', '0', '0', '18500'],
        ['USD', '3820.75', '16.50', '60.00', '3804.25'],
      ]);
    });

    it('shows monthly trends per category with the change from the month before', async () => {
      const tr = await finch.reports.trends({ account: 'Checking' });
      expect(tr.periods).toEqual(['2024-01', '2024-02']);
      const groceries = tr.series.find((s) => s.key === 'groceries')!;
      expect(groceries.points.map((p) => [p.period, p.amount, p.change, p.changePct])).toEqual([
        ['2024-01', '52.25', null, null],
        ['2024-02', '40.00', '-12.25', '-23.4'],
      ]);
      const dining = tr.series.find((s) => s.key === 'dining')!;
      expect(dining.points.map((p) => p.amount)).toEqual(['30.00', '0.00']);
      expect(tr.totals[0]!.points.map((p) => p.amount)).toEqual(['82.25', '40.00']);
      // a period asked for is covered whole, empty months as zero
      const q1 = await finch.reports.trends({ account: 'Checking', period: '2024-q1', category: 'groceries' });
      expect(q1.periods).toEqual(['2024-01', '2024-02', '2024-03']);
      expect(q1.series.map((s) => s.points.map((p) => p.amount))).toEqual([['52.25', '40.00', '0.00']]);
      expect(q1.series[0]!.points[2]).toMatchObject({ change: '-40.00', changePct: '-100.0' });
      // weekly steps run Monday to Monday with no gaps
      const wk = await finch.reports.trends({ account: 'Checking', by: 'week' });
      expect(wk.step).toBe('week');
      expect(wk.periods.length).toBeGreaterThan(1);
      for (const [i, p] of wk.periods.entries()) {
        expect(new Date(`${p}T00:00:00Z`).getUTCDay(), p).toBe(1);
        if (i > 0) expect(Date.parse(p) - Date.parse(wk.periods[i - 1]!), p).toBe(7 * 86_400_000);
      }
    });

    it('converts to the home currency with the user’s rates and says what it could not convert', async () => {
      expect((await finch.reports.spending({ convert: true })).conversion).toMatchObject({ to: 'USD', converted: false, missingRates: ['EUR', 'JPY'] });
      await finch.rates.add({ from: 'EUR', to: 'USD', rate: '1.10', date: '2024-01-01' });
      await finch.rates.add({ from: 'EUR', to: 'USD', rate: '1.20', date: '2024-06-01' });
      const r = await finch.reports.spending({ convert: true, to: '2024-03-31' });
      expect(r.conversion).toMatchObject({ to: 'USD', converted: true, missingRates: ['JPY'] });
      expect(r.conversion!.rates).toEqual([{ from: 'EUR', to: 'USD', rate: '1.1', inverted: false, asOf: '2024-01-01' }]);
      // 25.00 EUR × 1.10 (the rate in force at the period's end, not the later 1.20) = 27.50 USD, merged into the USD rows; JPY stays JPY
      expect(r.rows.find((x) => x.key === 'entertainment')).toMatchObject({ currency: 'USD', amount: '27.50' });
      expect(r.totals.map((x) => [x.currency, x.amount])).toEqual([
        ['JPY', '1500'],
        ['USD', '173.25'],
      ]);
      // an inverse rate works too: 1 USD = 150 JPY → 1500 JPY = 10.00 USD
      await finch.rates.add({ from: 'USD', to: 'JPY', rate: '150', date: '2024-01-01' });
      const all = await finch.reports.spending({ convert: 'USD', by: 'month' });
      expect(all.conversion!.missingRates).toEqual([]);
      expect(all.rows.map((x) => [x.key, x.currency, x.amount])).toEqual([
        ['2024-01', 'USD', '86.75'],
        ['2024-02', 'USD', '99.00'],
      ]);
      // 3744.25 USD + 60.00 owed to me + 475.00 EUR × 1.20 (newest) + 18500 JPY / 150 = 123.333… → 123.33
      const nw = await finch.reports.networth({ convert: true });
      expect(nw.rows.map((x) => [x.currency, x.net.amount])).toEqual([['USD', '4497.58']]);
      const rates = await finch.rates.list();
      expect(rates.map((x) => [x.from, x.to, x.rate, x.asOf])).toEqual([
        ['EUR', 'USD', '1.2', '2024-06-01'],
        ['EUR', 'USD', '1.1', '2024-01-01'],
        ['USD', 'JPY', '150', '2024-01-01'],
      ]);
    });

    it('sees only the current user’s rows', async () => {
      const other = await t.open({ user: 'other' });
      try {
        expect((await other.reports.spending()).empty).toBe(true);
        expect((await other.reports.balance()).empty).toBe(true);
        await other.accounts.add({ name: 'Other', currency: 'USD', openingBalance: '5' });
        expect((await finch.reports.balance()).rows.map((r) => r.account)).not.toContain('Other');
      } finally {
        await other.close();
      }
    });
  });
});

describe('exact conversion', () => {
  it('rounds half to even, in both signs', () => {
    expect([5n, 15n, 25n, -5n, -15n, 7n, 6n].map((n) => divRoundHalfEven(n, 10n))).toEqual([0n, 2n, 2n, -0n, -2n, 1n, 1n]);
  });
  it('converts between currencies with different minor digits', () => {
    // 1234 JPY at 0.0067 USD = 8.2678 → 827 cents
    expect(convertMinor(1234, 'JPY' as never, 'USD' as never, ratioOf('0.0067'))).toBe(827);
    // 10.00 USD at 150 JPY = 1500 JPY
    expect(convertMinor(1000, 'USD' as never, 'JPY' as never, ratioOf('150'))).toBe(1500);
    // 0.125 KWD... 1.005 USD→EUR at 0.5: 100.5 cents → 100 (even), 101.5 → 102
    expect(convertMinor(201, 'USD' as never, 'EUR' as never, ratioOf('0.5'))).toBe(100);
    expect(convertMinor(203, 'USD' as never, 'EUR' as never, ratioOf('0.5'))).toBe(102);
    expect(convertMinor(1, 'KWD' as never, 'USD' as never, ratioOf('3.25'))).toBe(0);
  });
  it('validates rates and periods', () => {
    expect(parseRate('001.2500')).toBe('1.25');
    expect(() => parseRate('0')).toThrow(/more than zero/);
    expect(() => parseRate('-1')).toThrow(/invalid rate/);
    expect(() => parseRate('1e3')).toThrow(/invalid rate/);
    expect(periodRange('2024-q1')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(periodRange('last-month', '2024-03-15' as never)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodRange('ytd', '2024-03-15' as never)).toEqual({ from: '2024-01-01', to: '2024-03-15' });
    expect(() => periodRange('soon')).toThrow(/invalid period/);
  });
});
