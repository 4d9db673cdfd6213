import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import type { Finch } from '../../../src/core/index.js';
import { FinchError } from '../../../src/core/errors/index.js';
import { writePlan } from '../../../src/core/budgets/budgets.js';

const fixturePath = (name: string) => fileURLToPath(new URL(`../../../fixtures/budgets/${name}`, import.meta.url));

async function rejected(p: Promise<unknown>): Promise<FinchError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FinchError);
    return e as FinchError;
  }
  throw new Error('expected a FinchError');
}

describeEachDialect('budgets: templates, apply, status, rollover', (t) => {
  let finch: Finch;
  beforeEach(async () => {
    finch = await t.open({ homeCurrency: 'USD' });
  });
  afterEach(async () => {
    await finch.close();
    await t.cleanup();
  });

  const spend = (date: string, amount: string, category: string, extra: Record<string, unknown> = {}) =>
    finch.transactions.add({ date, amount, category, description: `${category} ${date}`, ...extra });

  it('applies a template file: fixed, percent, up_to, save-by-date and the rest sum exactly to the income', async () => {
    await finch.budgets.templates.addFile(fixturePath('household.yaml'));
    const r = await finch.budgets.apply('household', { month: '2026-09', income: '5000.00' });
    const amounts = Object.fromEntries(r.budget.lines.map((l) => [l.category, l.amount]));
    expect(amounts).toEqual({
      rent: '1500.00',
      groceries: '625.00', // 12.5%
      utilities: '365.00', // 7.3%
      dining: '250.00',
      travel: '142.86', // 1000.00 over Sep 2026 … Mar 2027 (7 months), rounded up
      investments: '2117.14', // the rest
    });
    expect(r.budget.totalMinor).toBe(500000);
    expect(r.budget.lines.find((l) => l.category === 'groceries')!.rollover).toBe(true);
    expect(r.budget.lines[0]!.category).toBe('rent'); // priority 1 first
    expect(r.warnings).toEqual([]);
  });

  it('allocates awkward percentages so the parts always sum to the income', async () => {
    await finch.budgets.templates.add('name: thirds\nlines:\n  - category: rent\n    percent: 33.3\n  - category: groceries\n    percent: 33.3\n  - category: dining\n    percent: 33.4\n', 'thirds.yaml');
    for (const income of ['100.01', '0.02', '999999.99', '7.77']) {
      const r = await finch.budgets.apply('thirds', { month: '2026-01', income, replace: true });
      expect(r.budget.total).toBe(income);
    }
  });

  it('funds lines by priority and says when income runs short', async () => {
    await finch.budgets.templates.add(
      'name: tight\nlines:\n  - category: dining\n    amount: 300\n  - category: rent\n    amount: 900\n    priority: 1\n  - category: shopping\n    up_to: 500\n',
      'tight.yaml',
    );
    const r = await finch.budgets.apply('tight', { month: '2026-02', income: '1000.00' });
    expect(Object.fromEntries(r.budget.lines.map((l) => [l.category, l.amount]))).toEqual({ rent: '900.00', dining: '100.00', shopping: '0.00' });
    expect(r.warnings).toEqual(['dining: income runs short; 100.00 USD of 300.00 USD allocated']);
  });

  it('asks for --replace before overwriting a month, and replaces in one transaction', async () => {
    await finch.budgets.set('pets', '20', { month: '2026-02' });
    await finch.budgets.set('rent', '1000', { month: '2026-03' });
    const e = await rejected(finch.budgets.apply('envelopes', { month: '2026-03' }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/2026-03 already has a budget; add --replace/);
    // A write that fails half-way (a line for a category that does not exist) leaves the old budget intact.
    const bad = { id: 'no-such-category', slug: 'ghost', name: 'Ghost', parentId: null, parentSlug: null, kind: 'expense' as const, isDefault: false };
    const rent = await finch.categories.get('rent');
    await expect(
      writePlan(finch.ctx, { template: 'x', month: '2026-03' as never, currency: 'USD' as never, incomeMinor: null, warnings: [], lines: [
        { category: rent, amountMinor: 5, rollover: false, priority: 1, note: null },
        { category: bad, amountMinor: 5, rollover: false, priority: 1, note: null },
      ] }, true),
    ).rejects.toThrow();
    expect((await finch.budgets.get('2026-03'))!.lines.map((l) => [l.category, l.amount])).toEqual([['rent', '1000.00']]);
    const replaced = await finch.budgets.apply('envelopes', { month: '2026-03', replace: true });
    expect(replaced.replaced).toBe(true);
    expect(replaced.budget.lines.map((l) => [l.category, l.amount])).toEqual([['pets', '20.00']]);
  });

  it('says plainly when a month has no budget', async () => {
    expect(await finch.budgets.status('2026-11')).toBeNull();
    expect(await finch.budgets.get('2026-11')).toBeNull();
  });

  it('tracks spent by category (children included, refunds net), % and over-budget warnings', async () => {
    const coffee = await finch.categories.add({ name: 'Coffee', parent: 'dining' });
    await finch.budgets.set('dining', '100.00', { month: '2026-04' });
    await finch.budgets.set('groceries', '300.00', { month: '2026-04' });
    await spend('2026-04-02', '80.00', 'dining');
    await spend('2026-04-03', '35.50', coffee.slug);
    await spend('2026-04-10', '120.00', 'groceries');
    await spend('2026-04-11', '+20.00', 'groceries', { type: 'expense' }); // an expense is always money out
    await spend('2026-04-12', '15.00', 'groceries', { type: 'income' }); // a refund back into groceries
    await spend('2026-04-20', '60.00', 'shopping'); // no line
    await spend('2026-05-01', '999.00', 'dining'); // next month
    await spend('2026-04-05', '4000.00', 'salary'); // income is not spending
    await finch.transactions.add({ date: '2026-04-06', amount: '50', currency: 'EUR', category: 'dining', description: 'other currency' });
    const other = await t.open({ user: 'other', homeCurrency: 'USD' });
    try {
      await other.transactions.add({ date: '2026-04-02', amount: '500.00', category: 'dining', description: 'not mine' });
      await other.budgets.set('dining', '1.00', { month: '2026-04' });
    } finally {
      await other.close();
    }
    const s = (await finch.budgets.status('2026-04'))!;
    const dining = s.lines.find((l) => l.category === 'dining')!;
    expect(dining).toMatchObject({ allocated: '100.00', spent: '115.50', remaining: '-15.50', percent: 115.5, over: true });
    expect(s.lines.find((l) => l.category === 'groceries')).toMatchObject({ spent: '125.00', remaining: '175.00', percent: 41.7, over: false });
    expect(s.unbudgeted).toEqual([{ category: 'shopping', spentMinor: 6000, spent: '60.00' }]);
    expect(s.warnings).toContain('dining is over budget by 15.50 USD (spent 115.50 USD of 100.00 USD)');
    expect(s.warnings).toContain('spending with no budget line: shopping 60.00 USD');
    expect(s.warnings).toContain('not counted (the budget is in USD): 1 transaction in EUR');
    expect(s.totals).toMatchObject({ allocated: '400.00', spent: '240.50', remaining: '159.50' });
  });

  it('carries unspent and overspent amounts into the next month when the line has rollover', async () => {
    await finch.budgets.set('groceries', '400.00', { month: '2026-06', rollover: true });
    await finch.budgets.set('dining', '100.00', { month: '2026-06', rollover: true });
    await finch.budgets.set('groceries', '400.00', { month: '2026-07', rollover: true });
    await finch.budgets.set('dining', '100.00', { month: '2026-07', rollover: true });
    await finch.budgets.set('groceries', '400.00', { month: '2026-08', rollover: true });
    await finch.budgets.set('dining', '100.00', { month: '2026-08' }); // no rollover into August
    await spend('2026-06-10', '350.00', 'groceries'); // 50 left
    await spend('2026-06-11', '130.00', 'dining'); // 30 over
    await spend('2026-07-10', '420.00', 'groceries'); // 450 available → 30 left
    const july = (await finch.budgets.status('2026-07'))!;
    expect(july.lines.find((l) => l.category === 'groceries')).toMatchObject({ rollover: '50.00', available: '450.00', spent: '420.00', remaining: '30.00', over: false });
    expect(july.lines.find((l) => l.category === 'dining')).toMatchObject({ rollover: '-30.00', available: '70.00', remaining: '70.00' });
    const aug = (await finch.budgets.status('2026-08'))!;
    expect(aug.lines.find((l) => l.category === 'groceries')).toMatchObject({ rollover: '30.00', available: '430.00' });
    expect(aug.lines.find((l) => l.category === 'dining')).toMatchObject({ rollover: '0.00', available: '100.00' });
  });

  it('built-in 50-30-20 splits income exactly, inside each group by recent spending', async () => {
    await spend('2026-07-03', '300.00', 'groceries');
    await spend('2026-07-04', '100.00', 'utilities');
    await spend('2026-07-05', '50.00', 'dining');
    const r = await finch.budgets.apply('50-30-20', { month: '2026-08', income: '3333.33' });
    expect(r.budget.totalMinor).toBe(333333);
    const by = Object.fromEntries(r.budget.lines.map((l) => [l.category, l.amountMinor]));
    expect(by.groceries! + by.utilities!).toBe(166666); // needs 50% (allocate gives the odd cents to wants and savings)
    expect([by.groceries, by.utilities]).toEqual([124999, 41667]); // in proportion 3:1 to July's spending
    expect(by.rent).toBeUndefined(); // needs with no spending get nothing when some have spending
    expect(by.dining).toBe(100000); // the only want with spending gets all 30%
    expect(by.investments).toBe(66667); // savings 20%
    const e = await rejected(finch.budgets.apply('50-30-20', { month: '2026-09' }));
    expect(e.message).toMatch(/needs an income: give --income/);
  });

  it('built-in zero-based assigns every unit of income from median spending', async () => {
    for (const [m, g, d] of [['2026-05', '300', '40'], ['2026-06', '500', '60'], ['2026-07', '400', '10']] as const) {
      await spend(`${m}-10`, g, 'groceries');
      await spend(`${m}-11`, d, 'dining');
      await spend(`${m}-01`, '2000', 'salary');
    }
    const r = await finch.budgets.apply('zero-based', { month: '2026-08' });
    expect(Object.fromEntries(r.budget.lines.map((l) => [l.category, l.amount]))).toEqual({ groceries: '400.00', dining: '40.00', investments: '1560.00' });
    expect(r.budget.total).toBe('2000.00');
    expect(r.warnings[0]).toMatch(/income taken as the median/);
    const tight = await finch.budgets.apply('zero-based', { month: '2026-08', income: '220.00', replace: true });
    expect(tight.budget.total).toBe('220.00');
    expect(tight.warnings[0]).toMatch(/scaled down/);
  });

  it('built-in envelopes copy the last budget with rollover on', async () => {
    await finch.budgets.set('groceries', '410.00', { month: '2026-05' });
    await finch.budgets.set('pets', '25.00', { month: '2026-05' });
    const r = await finch.budgets.apply('envelopes', { month: '2026-06' });
    expect(r.budget.lines.map((l) => [l.category, l.amount, l.rollover])).toEqual([
      ['groceries', '410.00', true],
      ['pets', '25.00', true],
    ]);
  });

  it('rejects a template naming a category the user does not have, with its line', async () => {
    const e = await rejected(finch.budgets.templates.addFile(fixturePath('unknown-category.yaml')));
    expect(e.message).toBe('unknown-category.yaml line 5: unknown category "yachts"');
    expect(e.subject).toBe('category');
    const bad = await rejected(finch.budgets.templates.addFile(fixturePath('bad-amount.yaml')));
    expect(bad.message).toBe('bad-amount.yaml line 7: amount must be a decimal like 250.00');
    expect((await finch.budgets.templates.list()).filter((x) => !x.builtin)).toEqual([]);
    const dup = await rejected(finch.budgets.templates.add('name: envelopes\nlines:\n  - category: rent\n    amount: 1\n', 'e.yaml'));
    expect(dup.code).toBe('CONFLICT');
    await finch.budgets.templates.add(readFileSync(fixturePath('envelopes.json'), 'utf8'), 'envelopes.json');
    const again = await rejected(finch.budgets.templates.add(readFileSync(fixturePath('envelopes.json'), 'utf8'), 'envelopes.json'));
    expect(again.code).toBe('CONFLICT');
    const shown = await finch.budgets.templates.get('json-envelopes');
    expect(shown.definition!.lines).toEqual([{ category: 'groceries', amount: '400.00' }, { category: 'dining', amount: '150.5' }]);
  });
});
