import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { runCli } from '../helpers/cli.js';
import { startFakeAiServers, type FakeAiServers } from '../helpers/fake-ai-servers.js';
import { SAMPLE_ROWS } from '../../fixtures/quickstart/make-sample-statement.js';

const PDF = join(import.meta.dirname, '..', '..', 'fixtures', 'quickstart', 'sample-statement.pdf');

/** What a model would read from the sample statement: title-cased names, so its rows are recognisable. */
function aiAnswer(options: { wrongAmountOn?: number } = {}) {
  return {
    institution: 'Finch Sample Bank',
    accountNumber: '****4821',
    currency: 'USD',
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
    openingBalance: '1204.33',
    closingBalance: '2528.33',
    transactions: SAMPLE_ROWS.map(([date, desc, out, inn], i) => {
      const [m, d, y] = date.split('/');
      let amount = out ? `-${out.replace(/,/g, '')}` : inn.replace(/,/g, '');
      if (i === options.wrongAmountOn) amount = '-999.99';
      return {
        date: `${y}-${m}-${d}`,
        description: desc.toLowerCase().replace(/\b\w/g, (c) => c.toUpperCase()),
        amount,
        balance: null,
        lines: [i + 5],
        confidence: 0.9,
      };
    }),
  };
}

describeEachDialect('cli: statements read by the AI parser', (t) => {
  let servers: FakeAiServers;
  let env: NodeJS.ProcessEnv;
  let db: string;
  beforeEach(async () => {
    servers = await startFakeAiServers();
    db = t.target();
    env = { FINCH_HOME: t.home(), OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: servers.openai.baseURL };
    expect((await runCli(['account', 'add', 'Checking', '--currency', 'USD'], { db, env })).code).toBe(0);
  });
  afterEach(async () => {
    await servers.close();
    await t.cleanup();
  });

  it('imports the rows the provider read, reconciled, through the real SDK', async () => {
    servers.openai.setDefault({ kind: 'json', value: aiAnswer() });
    const r = await runCli(['statement', 'import', PDF, '--account', 'Checking', '--parser', 'ai', '--json'], { db, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(servers.openai.requests.length).toBeGreaterThanOrEqual(1);
    // The request carries the statement's extracted text.
    expect(JSON.stringify(servers.openai.requests[0]!.body)).toContain('PAYROLL ACME CORP');
    const list = (await runCli(['tx', 'list', '--account', 'Checking', '--json'], { db, env })).json<Array<{ description: string; amount: string }>>();
    expect(list).toHaveLength(SAMPLE_ROWS.length);
    expect(list.map((x) => x.description)).toContain('Payroll Acme Corp');
    expect(list.find((x) => x.description === 'Payroll Acme Corp')!.amount).toBe('3250.00');
    const statements = (await runCli(['statement', 'list', '--json'], { db, env })).json<Array<{ id: string }>>();
    const shown = (await runCli(['statement', 'show', statements[0]!.id, '--json'], { db, env })).json();
    expect(JSON.stringify(shown)).toMatch(/"parser":"ai"/);
  });

  it('flags a statement whose AI rows do not add up to the closing balance', async () => {
    servers.openai.setDefault({ kind: 'json', value: aiAnswer({ wrongAmountOn: 3 }) });
    const r = await runCli(['statement', 'parse', PDF, '--parser', 'ai', '--json'], { db, env });
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.parser).toBe('ai');
    expect(out.reconciled).toBe(false);
    expect(out.transactions.find((x: { amount: string }) => x.amount === '-999.99')).toBeTruthy();
  });

  it('falls back to the system parser when the provider fails, and says so', async () => {
    servers.openai.setDefault({ kind: 'status', status: 500 });
    const r = await runCli(['statement', 'parse', PDF, '--parser', 'ai', '--json'], { db, env });
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.parser).toBe('system');
    expect(out.reconciled).toBe(true);
    expect(out.transactions).toHaveLength(SAMPLE_ROWS.length);
    expect(out.transactions[0].description).toBe('WHOLE FOODS MARKET #102');
    expect(out.notes.join(' ')).toMatch(/system parser/);
  });
});
