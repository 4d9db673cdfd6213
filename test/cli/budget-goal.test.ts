import { afterEach, beforeEach, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { describeEachDialect } from '../helpers/dialects.js';
import { runCli } from '../helpers/cli.js';
import { startFakeAiServers, type FakeAiServers } from '../helpers/fake-ai-servers.js';
import { EXIT_CODES } from '../../src/cli/exit-codes.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/budgets/${name}`, import.meta.url));

describeEachDialect('cli: budget, goal, group balances', (t) => {
  let db: string;
  let env: NodeJS.ProcessEnv;
  let servers: FakeAiServers;
  const cli = (args: string[], extra: { env?: NodeJS.ProcessEnv } = {}) => runCli(args, { db, env: { ...env, ...extra.env } });
  const spend = async (date: string, amount: string, category: string, more: string[] = []) => {
    const r = await cli(['tx', 'add', '--amount', amount, '--desc', category, '--date', date, '--category', category, ...more]);
    expect(r.code).toBe(0);
  };

  beforeEach(async () => {
    servers = await startFakeAiServers();
    db = t.target();
    env = { FINCH_HOME: t.home() };
    expect((await cli(['init', '--currency', 'USD'])).code).toBe(0);
  });
  afterEach(async () => {
    await servers.close();
    await t.cleanup();
  });

  it('lists templates, rejects a bad file with its line, applies a good one and asks for --replace', async () => {
    const list = await cli(['budget', 'template', 'list', '--json']);
    expect(list.json().map((x: any) => x.name)).toEqual(['50-30-20', 'zero-based', 'envelopes']);
    const bad = await cli(['budget', 'template', 'add', fixture('bad-amount.yaml')]);
    expect(bad.code).toBe(EXIT_CODES.INVALID_INPUT);
    expect(bad.stderr).toBe('finch: bad-amount.yaml line 7: amount must be a decimal like 250.00\n');
    const badJson = await cli(['budget', 'template', 'add', fixture('bad-percent.json')]);
    expect(badJson.stderr).toBe('finch: bad-percent.json line 6: percentages add up to more than 100 (110)\n');
    const good = await cli(['budget', 'template', 'add', fixture('household.yaml')]);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/added budget template household \(6 lines\)/);
    const shown = await cli(['budget', 'template', 'show', 'household']);
    expect(shown.stdout).toMatch(/groceries\s+12\.5% of income/);
    expect(shown.stdout).toMatch(/travel\s+save 1000\.00 by 2027-03-15/);
    const dry = await cli(['budget', 'apply', 'household', '--month', '2026-09', '--income', '5000', '--dry-run', '--json']);
    expect(dry.json()).toMatchObject({ total: '5000.00', month: '2026-09' });
    expect((await cli(['budget', 'show', '--month', '2026-09', '--json'])).json().budget).toBeNull();
    const applied = await cli(['budget', 'apply', 'household', '--month', '2026-09', '--income', '5000', '--json']);
    expect(applied.code).toBe(0);
    expect(applied.json()).toMatchObject({ month: '2026-09', template: 'household', total: '5000.00', income: '5000.00', replaced: false });
    const again = await cli(['budget', 'apply', '50-30-20', '--month', '2026-09', '--income', '4000']);
    expect(again.code).toBe(EXIT_CODES.CONFLICT);
    expect(again.stderr).toBe('finch: 2026-09 already has a budget (from household); add --replace to overwrite it\n');
    const replaced = await cli(['budget', 'apply', '50-30-20', '--month', '2026-09', '--income', '4000', '--replace']);
    expect(replaced.stdout).toMatch(/^replaced the budget for 2026-09 from 50-30-20/);
    expect(replaced.stdout).toMatch(/total 4000\.00 USD of income 4000\.00 USD/);
    expect((await cli(['budget', 'list', '--json'])).json()).toEqual([{ month: '2026-09', template: '50-30-20', currency: 'USD', total: '4000.00', lines: 20 }]);
  });

  it('says plainly when a month has no budget', async () => {
    const r = await cli(['budget', 'status', '--month', '2026-11']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('no budget for 2026-11: finch budget apply TEMPLATE --month 2026-11 (templates: finch budget template list), or finch budget suggest --month 2026-11\n');
    const j = await cli(['budget', 'status', '--month', '2026-11', '--json']);
    expect(j.json()).toMatchObject({ month: '2026-11', budget: null });
  });

  it('sets lines and shows status with rollover and over-budget warnings', async () => {
    expect((await cli(['budget', 'set', 'groceries', '400', '--month', '2026-06', '--rollover'])).code).toBe(0);
    const set = await cli(['budget', 'set', 'dining', '100', '--month', '2026-07', '--json']);
    expect(set.json().lines).toEqual([{ category: 'dining', amount: '100.00', rollover: false, priority: 100 }]);
    expect((await cli(['budget', 'set', 'groceries', '400', '--month', '2026-07', '--rollover'])).stdout).toMatch(/2026-07: groceries 400\.00 USD \(rollover\)/);
    await spend('2026-06-05', '300', 'groceries');
    await spend('2026-07-05', '450', 'groceries');
    await spend('2026-07-06', '130.25', 'dining');
    const table = await cli(['budget', 'status', '--month', '2026-07']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/groceries\s+400\.00\s+100\.00\s+450\.00\s+50\.00\s+90\.0%/);
    expect(table.stdout).toMatch(/dining\s+100\.00\s+130\.25\s+-30\.25\s+130\.3%\s+OVER/);
    expect(table.stdout).toContain('! dining is over budget by 30.25 USD (spent 130.25 USD of 100.00 USD)');
    const j = (await cli(['budget', 'status', '--month', '2026-07', '--json'])).json();
    expect(j.lines.find((l: any) => l.category === 'groceries')).toMatchObject({ allocated: '400.00', rollover: '100.00', available: '500.00', spent: '450.00', remaining: '50.00', over: false });
    expect(j.totals).toMatchObject({ spent: '580.25' });
    expect((await cli(['budget', 'set', 'Personal care', '20', '--month', '2026-07'])).stdout).toBe('2026-07: personal_care 20.00 USD; budget total 520.00 USD\n');
    const badAmount = await cli(['budget', 'set', 'dining', '12.345', '--month', '2026-07']);
    expect(badAmount.code).toBe(EXIT_CODES.INVALID_INPUT);
  });

  it('suggests by rules, through the AI provider, and falls back saying so', async () => {
    for (const [m, g] of [['2026-05', '300'], ['2026-06', '360'], ['2026-07', '330']] as const) await spend(`${m}-10`, g, 'groceries');
    const rules = await cli(['budget', 'suggest', '--month', '2026-08', '--json']);
    expect(rules.json()).toMatchObject({ answered_by: 'rules', total: '330.00', lines: [{ category: 'groceries', amount: '330.00', monthly: ['300.00', '360.00', '330.00'], trend: 'steady' }] });
    const aiEnv = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: servers.openai.baseURL };
    servers.openai.enqueue({ kind: 'json', value: { lines: [{ category: 'groceries', amount: '340.00', note: 'steady; a little headroom' }], summary: 'Keep groceries near 340.' } });
    const ai = await cli(['budget', 'suggest', '--month', '2026-08', '--ai', '--apply'], { env: aiEnv });
    expect(ai.code).toBe(0);
    expect(ai.stderr).toBe('');
    expect(ai.stdout).toMatch(/suggested budget for 2026-08 \(AI: openai\)/);
    expect(ai.stdout).toMatch(/groceries\s+340\.00\s+330\.00/);
    expect(ai.stdout).toMatch(/created the budget for 2026-08/);
    expect((await cli(['budget', 'show', '--month', '2026-08', '--json'])).json()).toMatchObject({ template: 'suggested-ai', total: '340.00' });
    servers.openai.enqueue({ kind: 'status', status: 503 });
    // A window that reaches before the ledger began looks only at the months since (2026-05…07,
    // the request already answered, from the cache); a later month is a different request.
    const since = await cli(['budget', 'suggest', '--month', '2026-08', '--months', '4', '--ai'], { env: aiEnv });
    expect(since.stderr).toMatch(/the ledger began in 2026-05: 3 of the 4 months looked at have history/);
    const fallback = await cli(['budget', 'suggest', '--month', '2026-09', '--months', '4', '--ai'], { env: aiEnv });
    expect(fallback.code).toBe(0);
    expect(fallback.stderr).toBe('finch: AI unavailable: openai failed (HTTP 503); used the rules\n');
    expect(fallback.stdout).toMatch(/suggested budget for 2026-09 \(rules\), from 2026-05…2026-08/);
    expect(servers.openai.requests).toHaveLength(2);
  });

  it('adds goals and shows progress with the required monthly saving', async () => {
    expect((await cli(['account', 'add', 'Savings', '--kind', 'savings', '--opening', '250'])).code).toBe(0);
    const add = await cli(['goal', 'add', 'New bike', '--target', '1000', '--by', '2027-03-01', '--account', 'Savings', '--json']);
    expect(add.json()).toEqual({ name: 'New bike', target: '1000.00', currency: 'USD', by: '2027-03-01', account: 'Savings', tag: null });
    expect((await cli(['goal', 'list', '--json'])).json()).toHaveLength(1);
    const status = await cli(['goal', 'status', 'new bike', '--as-of', '2026-11-25', '--json']);
    expect(status.json()).toMatchObject({ saved: '250.00', remaining: '750.00', percent: 25, months_left: 4, required_monthly: '187.50' });
    const table = await cli(['goal', 'status', '--as-of', '2026-11-25']);
    expect(table.stdout).toMatch(/New bike\s+250\.00\s+1000\.00\s+USD\s+25\.0%\s+2027-03-01\s+4\s+187\.50/);
    const missing = await cli(['goal', 'status', 'car']);
    expect(missing.code).toBe(EXIT_CODES.NOT_FOUND);
  });

  it('shows group balances and settles them with the fewest payments', async () => {
    for (const name of ['ana', 'bo', 'cy']) expect((await cli(['people', 'add', name])).code).toBe(0);
    expect((await cli(['group', 'add', 'Trip', 'ana', 'bo', 'cy'])).code).toBe(0);
    await spend('2026-05-01', '200', 'travel', ['--split', 'equal:@trip']);
    await spend('2026-05-02', '40', 'dining', ['--split', 'equal:@trip']);
    const b = await cli(['group', 'balances', 'trip', '--json']);
    expect(b.json().currencies[0]).toEqual({
      currency: 'USD',
      members: [
        { person: 'me', paid: '240.00', share: '60.00', net: '180.00' },
        { person: 'ana', paid: '0.00', share: '60.00', net: '-60.00' },
        { person: 'bo', paid: '0.00', share: '60.00', net: '-60.00' },
        { person: 'cy', paid: '0.00', share: '60.00', net: '-60.00' },
      ],
      payments: [
        { from: 'ana', to: 'me', amount: '60.00' },
        { from: 'bo', to: 'me', amount: '60.00' },
        { from: 'cy', to: 'me', amount: '60.00' },
      ],
    });
    const table = await cli(['group', 'balances', 'trip']);
    expect(table.stdout).toMatch(/@ana owes me 60\.00 USD/);
    const refused = await cli(['group', 'settle', 'trip']);
    expect(refused.code).toBe(EXIT_CODES.INVALID_INPUT);
    expect(refused.stderr).toMatch(/refusing without --yes/);
    const settled = await cli(['group', 'settle', 'trip', '--yes', '--date', '2026-05-31', '--json']);
    expect(settled.json()).toMatchObject({ group: 'trip', settled: true });
    expect(settled.json().payments).toHaveLength(3);
    expect((await cli(['group', 'balances', 'trip', '--json'])).json().settled).toBe(true);
    const txs = (await cli(['tx', 'list', '--month', '2026-05', '--json'])).json();
    expect(txs.filter((x: any) => x.type === 'transfer').map((x: any) => x.amount)).toEqual(['60.00', '60.00', '60.00']);
    expect((await cli(['group', 'settle', 'trip', '--yes'])).stdout).toBe('@trip is settled up: nobody owes anybody\n');
  });
});
