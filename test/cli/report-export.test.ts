import { afterEach, beforeEach, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describeEachDialect } from '../helpers/dialects.js';
import { runCli } from '../helpers/cli.js';
import { EXIT_CODES } from '../../src/cli/exit-codes.js';
import { hledgerBalances, ledgerBalances, beancountBalances } from '../core/exports/journal-tools.js';
import { decimalToMinor } from '../../src/core/index.js';

describeEachDialect('cli: report, export, rate', (t) => {
  let db: string;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  const cli = (args: string[], extra: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}) => runCli(args, { db, env: { ...env, ...extra.env }, tty: extra.tty });

  beforeEach(async () => {
    db = t.target();
    env = { FINCH_HOME: t.home() };
    dir = mkdtempSync(join(tmpdir(), 'finch-cli-export-'));
    expect((await cli(['init', '--currency', 'EUR'])).code).toBe(0);
  });
  afterEach(async () => {
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  async function seed() {
    for (const args of [
      ['account', 'add', 'Main', '--opening', '500'],
      ['account', 'add', 'Card', '--kind', 'card'],
      ['account', 'add', 'Dollars', '--currency', 'USD', '--opening', '100'],
    ]) expect((await cli(args)).code).toBe(0);
    for (const [date, amount, desc, cat, acct, ...rest] of [
      ['2024-03-01', '+2000', 'Pay', 'salary', 'Main'],
      ['2024-03-04', '30.10', 'Tesco', 'groceries', 'Card', '--tag', 'food'],
      ['2024-03-15', '12.40', 'Cinema', 'entertainment', 'Card'],
      ['2024-04-02', '45.00', 'Tesco', 'groceries', 'Main', '--tag', 'food'],
      ['2024-04-03', '20.00', 'Diner', 'dining', 'Dollars'],
    ] as const) {
      const r = await cli(['tx', 'add', '--date', date, '--amount', amount, '--desc', desc, '--category', cat, '--account', acct, ...rest]);
      expect(r.code, r.stderr).toBe(0);
    }
  }

  it('says plainly when there is nothing to report', async () => {
    for (const kind of ['summary', 'spending', 'income', 'cashflow', 'trends']) {
      const r = await cli(['report', kind]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('no transactions: nothing to report\n');
    }
    expect((await cli(['report', 'balance'])).stdout).toBe('no accounts or transactions: nothing to report\n');
    await seed();
    const r = await cli(['report', 'spending', '--month', '2023-01']);
    expect(r.stdout).toBe('no transactions between 2023-01-01 and 2023-01-31: nothing to report\n');
    expect((await cli(['report', 'spending', '--month', '2023-01', '--json'])).json()).toMatchObject({ empty: true, rows: [] });
  });

  it('prints tables, JSON and CSV with decimal strings', async () => {
    await seed();
    const table = await cli(['report', 'spending']);
    expect(table.stdout).toMatch(/^category\s+currency\s+amount\s+share %\s+count\n/);
    expect(table.stdout).toMatch(/groceries\s+EUR\s+75\.10\s+85\.8\s+2/);
    expect(table.stdout).not.toMatch(/█/); // no bars when not a terminal
    const json = (await cli(['report', 'spending', '--by', 'month', '--json'])).json();
    expect(json.rows.map((r: any) => [r.key, r.currency, r.amount])).toEqual([
      ['2024-03', 'EUR', '42.50'],
      ['2024-04', 'EUR', '45.00'],
      ['2024-04', 'USD', '20.00'],
    ]);
    expect(json.rows[0]).not.toHaveProperty('minor');
    expect(json).toMatchObject({ converted: false, missing_rates: [] });
    const csv = await cli(['report', 'balance', '--csv']);
    const rows = Papa.parse<Record<string, string>>(csv.stdout.trim(), { header: true }).data;
    expect(rows.map((r) => [r.account, r.currency, r.balance])).toEqual([
      ['Card', 'EUR', '-42.50'],
      ['Dollars', 'USD', '80.00'],
      ['Main', 'EUR', '2455.00'],
    ]);
    const tag = (await cli(['report', 'spending', '--tag', 'food', '--json'])).json();
    expect(tag.totals).toEqual([{ amount: '75.10', currency: 'EUR', count: 2 }]);
    const nw = (await cli(['report', 'networth', '--json'])).json();
    expect(nw.rows).toEqual([
      { currency: 'EUR', assets: { amount: '2455.00', currency: 'EUR' }, liabilities: { amount: '42.50', currency: 'EUR' }, owed: { amount: '0.00', currency: 'EUR' }, net: { amount: '2412.50', currency: 'EUR' } },
      { currency: 'USD', assets: { amount: '80.00', currency: 'USD' }, liabilities: { amount: '0.00', currency: 'USD' }, owed: { amount: '0.00', currency: 'USD' }, net: { amount: '80.00', currency: 'USD' } },
    ]);
    const cf = await cli(['report', 'cashflow', '--csv']);
    expect(cf.stdout.split('\n')[0]).toBe('month,currency,income,spending,net,count');
    const trends = (await cli(['report', 'trends', '--json'])).json();
    expect(trends.periods).toEqual(['2024-03', '2024-04']);
    expect(trends.series.find((s: any) => s.key === 'groceries' && s.currency === 'EUR').points.map((p: any) => [p.amount, p.change, p.changePct])).toEqual([
      ['30.10', null, null],
      ['45.00', '14.90', '49.5'],
    ]);
    const summary = await cli(['report', 'summary']);
    expect(summary.stdout).toMatch(/EUR\s+2000\.00\s+87\.50\s+1912\.50/);
  });

  it('draws bars and a trend line on a terminal, and honours NO_COLOR', async () => {
    await seed();
    const bars = await cli(['report', 'spending'], { tty: true });
    expect(bars.stdout).toMatch(/groceries.*█/);
    expect(bars.stdout).toContain('\u001b[36m');
    const plain = await cli(['report', 'spending'], { tty: true, env: { NO_COLOR: '1' } });
    expect(plain.stdout).toMatch(/groceries.*█/);
    expect(plain.stdout).not.toContain('\u001b[');
    const line = await cli(['report', 'spending', '--by', 'month'], { tty: true, env: { NO_COLOR: '1' } });
    expect(line.stdout).toMatch(/[┤┼]/);
    const trends = await cli(['report', 'trends'], { tty: true, env: { NO_COLOR: '1' } });
    expect(trends.stdout).toMatch(/[▁▂▃▄▅▆▇█]{2}/);
    const json = await cli(['report', 'spending', '--json'], { tty: true });
    expect(() => json.json()).not.toThrow();
  });

  it('adds rates and converts reports, saying what it converted and what it could not', async () => {
    await seed();
    const missing = (await cli(['report', 'spending', '--convert', '--json'])).json();
    expect(missing).toMatchObject({ converted: false, convertedTo: 'EUR', missing_rates: ['USD'] });
    const note = await cli(['report', 'spending', '--convert']);
    expect(note.stdout).toMatch(/no rate to EUR for USD/);
    const added = await cli(['rate', 'add', 'usd', 'eur', '0.92', '--date', '2024-01-01', '--json']);
    expect(added.json()).toEqual({ from: 'USD', to: 'EUR', rate: '0.92', asOf: '2024-01-01' });
    const converted = (await cli(['report', 'spending', '--convert', '--json'])).json();
    expect(converted).toMatchObject({ converted: true, convertedTo: 'EUR', missing_rates: [] });
    expect(converted.totals).toEqual([{ amount: '105.90', currency: 'EUR', count: 4 }]);
    expect(converted.rates).toEqual([{ from: 'USD', to: 'EUR', rate: '0.92', inverted: false, asOf: '2024-01-01' }]);
    expect((await cli(['report', 'spending', '--convert'])).stdout).toMatch(/converted to EUR with your rates: 1 USD = 0\.92 EUR \(2024-01-01\)/);
    const list = await cli(['rate', 'list']);
    expect(list.stdout).toMatch(/USD\s+EUR\s+0\.92\s+2024-01-01/);
    const bad = await cli(['rate', 'add', 'USD', 'EUR', '-1']);
    expect(bad.code).toBe(EXIT_CODES.INVALID_INPUT);
    expect(bad.stderr).toMatch(/^finch: invalid rate "-1"/);
  });

  it('exports journals the real tools accept, with the same balances as finch report balance', async () => {
    await seed();
    const report = (await cli(['report', 'balance', '--json'])).json();
    for (const [format, read] of [
      ['hledger', hledgerBalances],
      ['ledger', ledgerBalances],
      ['beancount', beancountBalances],
    ] as const) {
      const file = join(dir, `out.${format}`);
      const r = await cli(['export', '--format', format, '--output', file, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const summary = r.json();
      expect(summary).toMatchObject({ format, transactions: 5, output: file });
      const bal = await read(file);
      for (const row of report.rows) {
        const name = summary.accounts[row.account ?? '(no account)'];
        expect(name, `${format}: ${row.account}`).toBeTruthy();
        const got = bal.get(name)?.get(row.currency) ?? '0';
        expect([format, name, decimalToMinor(got, row.currency)]).toEqual([format, name, decimalToMinor(row.amount, row.currency)]);
      }
    }
    const csv = await cli(['export', '--format', 'csv', '--category', 'groceries']);
    expect(csv.stdout.trim().split('\n')).toHaveLength(3);
    const json = JSON.parse((await cli(['export', '--format', 'json'])).stdout);
    expect(json.transactions).toHaveLength(5);
  });

  it('rejects bad input with a one-line reason', async () => {
    const by = await cli(['report', 'spending', '--by', 'planet']);
    expect(by.code).toBe(EXIT_CODES.INVALID_INPUT);
    expect(by.stderr).toMatch(/^finch: invalid --by "planet"/);
    const byCash = await cli(['report', 'cashflow', '--by', 'tag']);
    expect(byCash.code).toBe(EXIT_CODES.INVALID_INPUT);
    const balanceBy = await cli(['report', 'balance', '--by', 'month']);
    expect(balanceBy.code).toBe(EXIT_CODES.INVALID_INPUT);
    expect(balanceBy.stderr).toMatch(/report balance has no --by/);
    const format = await cli(['export', '--format', 'qif']);
    expect(format.code).toBe(EXIT_CODES.INVALID_INPUT);
    expect(format.stderr).toMatch(/invalid --format "qif"/);
    const period = await cli(['report', 'summary', '--period', 'someday']);
    expect(period.code).toBe(EXIT_CODES.INVALID_INPUT);
    const account = await cli(['report', 'balance', '--account', 'nope']);
    expect(account.code).toBe(EXIT_CODES.NOT_FOUND);
    const nowhere = await cli(['export', '--format', 'hledger', '--output', join(dir, 'missing', 'x.journal')]);
    expect(nowhere.code).toBe(EXIT_CODES.IO);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
    const jsonNoFile = await cli(['export', '--format', 'csv', '--json']);
    expect(jsonNoFile.code).toBe(EXIT_CODES.INVALID_INPUT);
    void readFileSync;
  });
});
