import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { removeDovecot, startDovecot, type Dovecot } from '../helpers/dovecot.js';
import { fixtureFiles } from '../core/mail/fixture-accounts.js';

const SAMPLE = join(import.meta.dirname, '..', '..', 'fixtures', 'quickstart', 'sample-statement.pdf');
// Card alerts of the account whose statement is the quickstart sample (Whole Foods, Shell,
// payroll, Starbucks, Uber, Amazon are on it; the Zelle payment is not).
const ALERTS = ['fsb-wholefoods', 'fsb-shell', 'fsb-starbucks', 'fsb-payroll', 'zelle-bofa', 'uber-trip', 'amazon-order'];

describeEachDialect('finch mail: alerts first, the statement later confirms them', (t) => {
  let dovecot: Dovecot;
  let home: string;
  beforeAll(async () => {
    dovecot = await startDovecot();
    dovecot.deliver(fixtureFiles('dev').filter((f) => ALERTS.some((a) => f.includes(a))));
    home = mkdtempSync(join(tmpdir(), 'finch-mail-cli-'));
  });
  afterAll(async () => {
    await dovecot.stop();
    removeDovecot(dovecot);
    rmSync(home, { recursive: true, force: true });
    await t.cleanup();
  });

  it('syncs, confirms, and matches each statement row to its mail transaction with the reason, creating no duplicate', async () => {
    const db = t.target();
    const env = { FINCH_HOME: home };
    const cli = (args: string[], stdin?: string) => runCli(args, { db, env, stdin });
    expect((await cli(['account', 'add', 'Checking', '--currency', 'USD', '--number', '4821'])).code).toBe(0);

    const added = await cli(['mail', 'add', 'fsb', '--imap', dovecot.url, '--password-stdin', '--json'], `${dovecot.password}\n`);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).not.toContain(dovecot.password);
    expect((await cli(['mail', 'list', '--json'])).json()).toMatchObject([{ name: 'fsb', kind: 'imap' }]);

    const sync = await cli(['mail', 'sync', 'fsb', '--json']);
    expect(sync.code, sync.stderr).toBe(0);
    const report = sync.json();
    expect(report).toMatchObject({ read: ALERTS.length, skipped: [], failed: [], matched: [] });
    expect(report.created).toHaveLength(ALERTS.length);
    expect(report.created.every((c: { status: string; account: string }) => c.status === 'pending' && c.account === 'Checking')).toBe(true);
    // Pending means not in the ledger yet.
    expect((await cli(['tx', 'list', '--json'])).json()).toEqual([]);

    const pending = (await cli(['mail', 'pending', '--json'])).json() as Array<{ id: string; merchant: string; amount: string }>;
    const wholeFoods = pending.find((p) => p.merchant.startsWith('WHOLE FOODS'))!;
    const confirmed = await cli(['mail', 'confirm', wholeFoods.id.slice(0, 13), '--json']);
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', amount: '-84.17' });
    expect((await cli(['tx', 'list', '--json'])).json()).toHaveLength(1);

    const imported = await cli(['statement', 'import', SAMPLE, '--account', 'Checking', '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    // 10 rows: 6 were mail transactions (one confirmed, five pending), 4 are new.
    expect(imported.json()).toMatchObject({ created: 4 });
    const ledger = (await cli(['tx', 'list', '--account', 'Checking', '--json'])).json() as Array<{ amount: string; date: string }>;
    expect(ledger).toHaveLength(10);
    const keys = ledger.map((r) => `${r.date} ${r.amount}`);
    expect(new Set(keys).size).toBe(keys.length);

    const matches = (await cli(['mail', 'matches', '--json'])).json() as Array<{ merchant: string; match: { explanation: string } }>;
    expect(matches.map((m) => m.merchant).sort()).toEqual(['Amazon', 'PAYROLL ACME CORP', 'SHELL OIL 5743', 'STARBUCKS STORE 1123', 'Uber', 'WHOLE FOODS MARKET #102']);
    for (const m of matches) expect(m.match.explanation).toMatch(/^same account Checking, same amount -?\d+\.\d\d USD, dates \S+ \(mail\) and \S+ \(statement\) \d day\(s\) apart, merchant /);

    // The Zelle payment is inside the statement's dates but not on it: listed for review.
    const review = (await cli(['mail', 'review', '--json'])).json() as Array<{ merchant: string; status: string }>;
    expect(review).toMatchObject([{ merchant: 'DAVID KIM', status: 'pending' }]);

    // The same statement again changes nothing.
    expect((await cli(['statement', 'import', SAMPLE, '--account', 'Checking', '--json'])).json()).toMatchObject({ status: 'duplicate', created: 0 });
    expect((await cli(['tx', 'list', '--json'])).json()).toHaveLength(10);
    expect((await cli(['mail', 'sync', '--json'])).json()).toMatchObject([{ read: 0 }]);

    const rejected = await cli(['mail', 'reject', review[0] ? (await cli(['mail', 'pending', '--json'])).json()[0].id : 'x', '--json']);
    expect(rejected.json()).toMatchObject({ status: 'rejected', merchant: 'DAVID KIM' });
    expect((await cli(['mail', 'pending', '--json'])).json()).toEqual([]);
  });

  it('explains bad input in one line with a non-zero exit', async () => {
    const db = t.target();
    const r = await runCli(['mail', 'add', 'x', '--imap', 'http://example.org/'], { db, env: { FINCH_HOME: home } });
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect((await runCli(['mail', 'sync', 'nope'], { db, env: { FINCH_HOME: home } })).code).toBe(4);
  });
});
