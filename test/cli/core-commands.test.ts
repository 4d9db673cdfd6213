import { afterEach, beforeEach, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { describeEachDialect } from '../helpers/dialects.js';
import { runCli } from '../helpers/cli.js';
import { EXIT_CODES } from '../../src/cli/exit-codes.js';

describeEachDialect('cli: accounts, transactions, search', (t) => {
  let db: string;
  let env: NodeJS.ProcessEnv;
  const cli = (args: string[], extra: { stdin?: string } = {}) => runCli(args, { db, env, ...extra });

  beforeEach(async () => {
    db = t.target();
    env = { FINCH_HOME: t.home() };
    const init = await cli(['init', '--currency', 'EUR', '--json']);
    expect(init.code).toBe(0);
    expect(init.json()).toMatchObject({ user: 'me', homeCurrency: 'EUR' });
  });
  afterEach(() => t.cleanup());

  it('adds accounts and shows balances as decimal strings', async () => {
    expect((await cli(['account', 'add', 'Checking', '--opening', '1000.50'])).code).toBe(0);
    expect((await cli(['account', 'add', 'Visa', '--kind', 'card', '--currency', 'USD'])).code).toBe(0);
    expect((await cli(['tx', 'add', '--amount', '20.25', '--desc', 'Groceries', '--account', 'Checking', '--category', 'groceries'])).code).toBe(0);
    const list = await cli(['account', 'list', '--json']);
    expect(list.json().map((a: any) => [a.name, a.currency, a.balance])).toEqual([
      ['Checking', 'EUR', '980.25'],
      ['Visa', 'USD', '0.00'],
    ]);
    const table = await cli(['account', 'list']);
    expect(table.stdout).toMatch(/Checking\s+bank\s+EUR\s+980\.25\s+1/);
    const show = await cli(['account', 'show', 'visa', '--json']);
    expect(show.json()).toMatchObject({ name: 'Visa', kind: 'card' });
  });

  it('lists with filters, sorting, limits, JSON and CSV', async () => {
    await cli(['account', 'add', 'Checking']);
    for (const [date, amount, desc, cat, tag] of [
      ['2024-01-03', '4.50', 'Coffee, "the good one"', 'dining', 'am'],
      ['2024-01-20', '60', 'Dinner out', 'dining', ''],
      ['2024-02-02', '35.10', 'Tesco', 'groceries', 'weekly'],
    ] as const) {
      const r = await cli(['tx', 'add', '--amount', amount, '--desc', desc, '--date', date, '--category', cat, '--account', 'Checking', ...(tag ? ['--tag', tag] : [])]);
      expect(r.code).toBe(0);
    }
    const jan = await cli(['tx', 'list', '--month', '2024-01', '--category', 'dining', '--json']);
    expect(jan.json().map((x: any) => [x.date, x.amount, x.currency])).toEqual([
      ['2024-01-20', '-60.00', 'EUR'],
      ['2024-01-03', '-4.50', 'EUR'],
    ]);
    const byAmount = await cli(['tx', 'list', '--sort', 'amount', '--asc', '--limit', '1', '--json']);
    expect(byAmount.json()[0].description).toBe('Dinner out');
    const tagged = await cli(['tx', 'list', '--tag', 'weekly', '--json']);
    expect(tagged.json().map((x: any) => x.description)).toEqual(['Tesco']);
    const ranged = await cli(['tx', 'list', '--min', '5', '--max', '40', '--json']);
    expect(ranged.json().map((x: any) => x.description)).toEqual(['Tesco']);
    const csv = await cli(['tx', 'list', '--csv', '--sort', 'date', '--asc']);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,date,amount,cur,description,category,account,tags,type,merchant,notes');
    expect(lines[1]).toContain('"Coffee, ""the good one"""');
    expect(lines).toHaveLength(4);
    const text = await cli(['tx', 'list', '--text', 'tesco']);
    expect(text.stdout).toMatch(/Tesco/);
    expect(text.stdout).not.toMatch(/Dinner/);
  });

  it('shows, edits and deletes by id prefix', async () => {
    const added = (await cli(['tx', 'add', '--amount', '9', '--desc', 'Taxi', '--json'])).json();
    const prefix = added.id.slice(0, 10);
    const edited = await cli(['tx', 'edit', prefix, '--category', 'transport', '--tag', 'work', '--json']);
    expect(edited.json()).toMatchObject({ category: 'transport', tags: ['work'] });
    const shown = await cli(['tx', 'show', prefix]);
    expect(shown.stdout).toMatch(/category\s+transport/);
    const refused = await cli(['tx', 'delete', prefix]);
    expect(refused.code).toBe(EXIT_CODES.INVALID_INPUT);
    expect(refused.stderr).toMatch(/--yes/);
    expect((await cli(['tx', 'delete', prefix, '--yes'])).code).toBe(0);
    const gone = await cli(['tx', 'show', prefix]);
    expect(gone.code).toBe(EXIT_CODES.NOT_FOUND);
    expect(gone.stderr).toBe(`finch: no transaction ${prefix}\n`);
  });

  it('runs bulk actions with a preview and --yes, and refuses an empty filter', async () => {
    for (let i = 0; i < 12; i++) await cli(['tx', 'add', '--amount', '3', '--desc', i % 3 ? 'Uber ride' : 'Pret', '--date', '2024-03-01']);
    const noFilter = await cli(['tx', 'bulk', 'delete', '--yes']);
    expect(noFilter.code).toBe(EXIT_CODES.INVALID_INPUT);
    const rec = await cli(['tx', 'bulk', 'recategorize', 'transport', '--text', 'uber', '--yes', '--json']);
    expect(rec.json()).toEqual({ action: 'recategorize', matched: 8, changed: 8 });
    const tag = await cli(['tx', 'bulk', 'tag', 'rides', 'work', '--category', 'transport', '--yes']);
    expect(tag.stdout).toMatch(/tagged 8 transactions/);
    expect((await cli(['tx', 'list', '--tag', 'work', '--json'])).json()).toHaveLength(8);
    const del = await cli(['tx', 'bulk', 'delete', '--text', 'pret', '--yes']);
    expect(del.stdout).toMatch(/Pret/);
    expect(del.stdout).toMatch(/deleted 4 transactions/);
    expect((await cli(['tx', 'list', '--json'])).json()).toHaveLength(8);
  });

  it('gives one clear line and a non-zero exit for bad input, and changes nothing', async () => {
    await cli(['account', 'add', 'Checking']);
    const before = (await cli(['tx', 'list', '--json'])).json();
    const cases: Array<[string[], number, RegExp]> = [
      [['tx', 'add', '--amount', 'twelve', '--desc', 'x'], EXIT_CODES.INVALID_INPUT, /invalid transaction amount/],
      [['tx', 'add', '--amount', '12', '--desc', 'x', '--date', '2024-13-01'], EXIT_CODES.INVALID_INPUT, /invalid date "2024-13-01"/],
      [['tx', 'add', '--amount', '12', '--desc', 'x', '--currency', 'EURO'], EXIT_CODES.INVALID_INPUT, /unknown currency code "EURO"/],
      [['tx', 'add', '--amount', '12', '--desc', 'x', '--account', 'Savings'], EXIT_CODES.NOT_FOUND, /unknown account "Savings"/],
      [['tx', 'add', '--amount', '12', '--desc', 'x', '--category', 'yachts'], EXIT_CODES.NOT_FOUND, /unknown category "yachts"/],
      [['tx', 'add', '--amount', '12', '--desc', 'x', '--type', 'gift'], EXIT_CODES.INVALID_INPUT, /invalid type/],
      [['tx', 'add', '--desc', 'x'], EXIT_CODES.USAGE, /required option '--amount <amount>'/],
      [['tx', 'list', '--limit', '0'], EXIT_CODES.INVALID_INPUT, /positive whole number/],
      [['account', 'add', 'Checking'], EXIT_CODES.CONFLICT, /already exists/],
      [['--user', 'nobody', 'tx', 'list'], EXIT_CODES.NOT_FOUND, /unknown user "nobody"/],
    ];
    for (const [args, code, message] of cases) {
      const r = await cli(args);
      expect({ args, code: r.code }).toEqual({ args, code });
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect((await cli(['tx', 'list', '--json'])).json()).toEqual(before);
  });

  it('searches everything at once', async () => {
    await cli(['account', 'add', 'Amex Gold', '--kind', 'card']);
    await cli(['tx', 'add', '--amount', '80', '--desc', 'Amex annual fee']);
    const hits = (await cli(['search', 'amex', '--json'])).json();
    expect(hits.map((h: any) => h.kind).sort()).toEqual(['account', 'transaction']);
  });
});

describeEachDialect('cli: profiles', (t) => {
  afterEach(() => t.cleanup());
  it('keeps profiles apart and creates a named one only with init', async () => {
    const db = t.target();
    const env = { FINCH_HOME: t.home() };
    await runCli(['tx', 'add', '--amount', '5', '--desc', 'mine'], { db, env });
    expect((await runCli(['--user', 'alice', 'init', '--currency', 'GBP'], { db, env })).code).toBe(0);
    const alice = await runCli(['--user', 'alice', 'tx', 'list', '--json'], { db, env });
    expect(alice.json()).toEqual([]);
    const mine = await runCli(['tx', 'list', '--json'], { db, env });
    expect(mine.json().map((x: any) => x.description)).toEqual(['mine']);
  });
});

it('reports a missing database directory in one line', async () => {
  const r = await runCli(['account', 'list'], { db: '/nonexistent-finch-dir/sub/finch.db' });
  expect(r.code).toBe(EXIT_CODES.IO);
  expect(r.stderr).toBe('finch: database directory /nonexistent-finch-dir/sub does not exist\n');
  expect(existsSync('/nonexistent-finch-dir')).toBe(false);
});

it('prints help fast enough to read without a database', async () => {
  const r = await runCli(['--help']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/Usage: finch/);
  expect(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).toContain('"finch"');
});
