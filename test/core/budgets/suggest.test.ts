import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import { startFakeAiServers, type FakeAiServers } from '../../helpers/fake-ai-servers.js';
import type { Finch } from '../../../src/core/index.js';
import { median, trendOf } from '../../../src/core/budgets/index.js';

it('median and trend', () => {
  expect(median([300, 500, 400])).toBe(400);
  expect(median([1, 2, 3, 4])).toBe(3); // 2.5 rounded up to a whole minor unit
  expect(median([])).toBe(0);
  expect(trendOf([100, 100, 200, 300])).toBe('rising');
  expect(trendOf([300, 200, 100])).toBe('falling');
  expect(trendOf([100, 105, 98])).toBe('steady');
  expect(trendOf([0, 0, 50])).toBe('new');
});

describeEachDialect('budget suggest: rules and AI with fallback', (t) => {
  let finch: Finch;
  let servers: FakeAiServers;
  beforeEach(async () => {
    servers = await startFakeAiServers();
    finch = await t.open({ homeCurrency: 'USD', env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: servers.openai.baseURL } });
    const rows: Array<[string, string, string]> = [
      ['2026-04-10', '100.00', 'groceries'], // outside a 3-month window for August
      ['2026-05-10', '300.00', 'groceries'],
      ['2026-06-10', '350.00', 'groceries'],
      ['2026-07-10', '500.00', 'groceries'],
      ['2026-05-12', '80.00', 'dining'],
      ['2026-06-12', '60.00', 'dining'],
      ['2026-07-12', '20.00', 'dining'],
      ['2026-07-20', '45.00', 'pets'],
      ['2026-08-03', '999.00', 'dining'], // the month itself is not history
    ];
    await finch.transactions.addMany(rows.map(([date, amount, category]) => ({ date, amount, category, description: category })));
    await finch.transactions.add({ date: '2026-06-01', amount: '3000', category: 'salary', description: 'pay' });
  });
  afterEach(async () => {
    await finch.close();
    await servers.close();
    await t.cleanup();
  });

  it('by rules: the median monthly spend per category with a trend note', async () => {
    const s = await finch.budgets.suggest({ month: '2026-08' });
    expect(s.source).toBe('rules');
    expect(s.months).toEqual(['2026-05', '2026-06', '2026-07']);
    expect(s.lines.map((l) => [l.category, l.amount, l.trend])).toEqual([
      ['groceries', '350.00', 'rising'],
      ['dining', '60.00', 'falling'],
      ['pets', '0.00', 'new'],
    ]);
    expect(s.lines[0]!.monthly).toEqual(['300.00', '350.00', '500.00']);
    expect(s.total).toBe('410.00');
    expect(s.income).toBeNull(); // the median of 0, 3000.00, 0
    await finch.transactions.add({ date: '2026-07-01', amount: '3100', category: 'salary', description: 'pay' });
    const withIncome = await finch.budgets.suggest({ month: '2026-08' });
    expect(withIncome.income).toBe('3000.00'); // the median of 0, 3000.00, 3100.00
    expect(servers.openai.requests).toHaveLength(0);
    const six = await finch.budgets.suggest({ month: '2026-08', months: 6 });
    // months before the ledger's first entry are not months of spending nothing
    expect(six.months).toEqual(['2026-04', '2026-05', '2026-06', '2026-07']);
    expect(six.lines.find((l) => l.category === 'groceries')!.monthly).toEqual(['100.00', '300.00', '350.00', '500.00']);
    expect(six.notes.join(' ')).toMatch(/the ledger began in 2026-04: 4 of the 6 months/);
    await expect(finch.budgets.suggest({ month: '2026-08', months: 7 })).rejects.toThrow(/3 to 6 months/);
  });

  it('through the AI layer: the provider gets the history and answers lines', async () => {
    servers.openai.enqueue({
      kind: 'json',
      value: { lines: [{ category: 'groceries', amount: '450.00', note: 'rising, leave room' }, { category: 'dining', amount: '50', note: 'falling' }], summary: 'Groceries are climbing.' },
    });
    const s = await finch.budgets.suggest({ month: '2026-08', ai: true });
    expect(s).toMatchObject({ source: 'ai', provider: 'openai', total: '500.00', summary: 'Groceries are climbing.', notes: [] });
    expect(s.lines.map((l) => [l.category, l.amount, l.median, l.note])).toEqual([
      ['groceries', '450.00', '350.00', 'rising, leave room'],
      ['dining', '50.00', '60.00', 'falling'],
    ]);
    expect(servers.openai.requests).toHaveLength(1);
    const prompt = JSON.stringify(servers.openai.requests[0]!.body.messages);
    expect(prompt).toContain('groceries: 300.00, 350.00, 500.00 (median 350.00, rising)');
    const applied = await finch.budgets.applySuggestion(s);
    expect(applied.budget).toMatchObject({ template: 'suggested-ai', total: '500.00' });
  });

  it('falls back to the rules when the provider fails or answers nonsense, and says so', async () => {
    servers.openai.enqueue({ kind: 'status', status: 500 });
    const s = await finch.budgets.suggest({ month: '2026-08', ai: true });
    expect(s.source).toBe('rules');
    expect(s.lines[0]).toMatchObject({ category: 'groceries', amount: '350.00' });
    expect(s.notes).toEqual(['AI unavailable: openai failed (HTTP 500); used the rules']);
    // A category outside the taxonomy is invalid output: retried once, then the rules.
    const bad = { lines: [{ category: 'yachts', amount: '1.00', note: '' }], summary: 'x' };
    servers.openai.enqueue({ kind: 'json', value: bad }, { kind: 'json', value: bad });
    const again = await finch.budgets.suggest({ month: '2026-07', ai: true });
    expect(again.source).toBe('rules');
    expect(again.notes[0]).toMatch(/openai returned output that does not match the schema.*used the rules/);
    expect(servers.openai.requests).toHaveLength(3);
  });

  it('uses the rules and says why when no provider is configured', async () => {
    const plain = await t.open({ homeCurrency: 'USD', env: {} });
    try {
      const s = await plain.budgets.suggest({ month: '2026-08', ai: true });
      expect(s.source).toBe('rules');
      expect(s.notes[0]).toMatch(/no AI provider is configured.*used the rules/);
    } finally {
      await plain.close();
    }
  });
});
