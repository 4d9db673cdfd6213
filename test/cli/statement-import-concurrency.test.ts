import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDialect, makeTestDb, type TestDb } from '../helpers/dialects.js';
import { runFinch, runNodeScript } from '../helpers/processes.js';
import { overlappingPair, statementLines, toCsv } from '../../fixtures/statements/make-import-runs.js';

// Real, separate finch processes (the built CLI in dist/) against one database: the only way to
// see what two writers do to each other.

async function count(t: TestDb, db: string, account = 'Checking'): Promise<number> {
  const finch = await t.open({ db });
  try {
    return await finch.transactions.count({ account });
  } finally {
    await finch.close();
  }
}

describeEachDialect('statement imports from several processes at once', (t) => {
  let db: string;
  let dir: string;
  beforeEach(async () => {
    db = t.target();
    dir = mkdtempSync(join(tmpdir(), 'finch-conc-'));
    const finch = await t.open({ db });
    await finch.accounts.add({ name: 'Checking', currency: 'USD' });
    await finch.close();
  });
  afterEach(() => t.cleanup());

  it('three processes importing the same 5,000-row file create each row once', async () => {
    const file = join(dir, 'may.csv');
    const lines = statementLines(5000);
    writeFileSync(file, toCsv(lines));
    const runs = await Promise.all([0, 1, 2].map(() => runFinch(db, t.home(), ['statement', 'import', file, '--account', 'Checking', '--json'])));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const created = runs.map((r) => JSON.parse(r.stdout).created as number).sort((a, b) => a - b);
    expect(created).toEqual([0, 0, 5000]);
    expect(await count(t, db)).toBe(5000);
    // Identical purchases in one file stay separate rows.
    const finch = await t.open({ db });
    try {
      const coffees = await finch.transactions.count({ account: 'Checking', text: 'CAFE NERO COFFEE' });
      expect(coffees).toBe(lines.filter((l) => l.description === 'CAFE NERO COFFEE').length);
      const statements = await finch.statements.list();
      expect(statements.map((s) => s.status)).toEqual(['completed']);
    } finally {
      await finch.close();
    }
  }, 60_000);

  it('two overlapping files imported at once leave every distinct row once (5,001)', async () => {
    const pair = overlappingPair(5000);
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    writeFileSync(a, pair.first);
    writeFileSync(b, pair.second);
    const runs = await Promise.all([a, b].map((f) => runFinch(db, t.home(), ['statement', 'import', f, '--account', 'Checking', '--json'])));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    expect(await count(t, db)).toBe(pair.distinct);
    const finch = await t.open({ db });
    try {
      const statuses = (await finch.statements.list()).map((s) => s.status);
      expect(statuses.every((s) => s === 'completed' || s === 'needs_review')).toBe(true);
      expect(statuses).toHaveLength(2);
    } finally {
      await finch.close();
    }
  }, 60_000);

  it('800 transactions added by 8 processes at once are all saved', async () => {
    // Each process opens the built library and adds 100 transactions one by one (each in its own
    // database transaction, as `finch tx add` does); a few more come from real `finch tx add`s.
    const script = `
      const { openFinch } = await import('./dist/core/index.js');
      const [db, home, lane] = process.argv.slice(-3);
      const finch = await openFinch({ db, home, env: {} });
      let failed = 0;
      for (let i = 0; i < 100; i++) {
        try { await finch.transactions.add({ amount: '-1.00', description: 'lane ' + lane + ' #' + i, account: 'Checking', date: '2024-05-01' }); }
        catch (e) { failed++; console.error(e.message); }
      }
      await finch.close();
      console.log(JSON.stringify({ failed }));
    `;
    const lanes = await Promise.all(
      [...Array.from({ length: 8 }, (_, lane) => runNodeScript(script, [db, t.home(), String(lane)])), ...Array.from({ length: 6 }, (_, i) => runFinch(db, t.home(), ['tx', 'add', '--amount', '-2.00', '--desc', `cli ${i}`, '--account', 'Checking', '--date', '2024-05-02', '--json']))],
    );
    for (const r of lanes) expect(r.code, r.stderr).toBe(0);
    expect(await count(t, db)).toBe(806);
  }, 90_000);
});

describe('a SQLite writer that cannot get the lock', () => {
  const t = makeTestDb('sqlite');
  afterEach(() => t.cleanup());

  it('waits for it, and when it gives up exits 8 with one line, changing nothing', async () => {
    const db = t.target();
    const finch = await t.open({ db });
    await finch.accounts.add({ name: 'Checking', currency: 'USD' });
    await finch.close();
    const holder = new Database(db);
    holder.pragma('journal_mode = WAL');
    holder.prepare('begin immediate').run();
    try {
      const started = Date.now();
      const r = await runFinch(db, t.home(), ['tx', 'add', '--amount', '-3.00', '--desc', 'blocked', '--account', 'Checking'], { FINCH_BUSY_TIMEOUT_MS: '1500' });
      const waited = Date.now() - started;
      expect(r.code, r.stderr).toBe(8);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/busy|locked/i);
      expect(r.stderr).not.toMatch(/unexpected error/);
      expect(waited).toBeGreaterThanOrEqual(1400);
    } finally {
      holder.prepare('rollback').run();
      holder.close();
    }
    // With the lock released in time, the same command waits and succeeds.
    const holder2 = new Database(db);
    holder2.prepare('begin immediate').run();
    const pending = runFinch(db, t.home(), ['tx', 'add', '--amount', '-3.00', '--desc', 'waited', '--account', 'Checking'], { FINCH_BUSY_TIMEOUT_MS: '20000' });
    await new Promise((r) => setTimeout(r, 1500));
    holder2.prepare('rollback').run();
    holder2.close();
    const r2 = await pending;
    expect(r2.code, r2.stderr).toBe(0);
    expect(await count(t, db)).toBe(1);
  }, 40_000);
});
