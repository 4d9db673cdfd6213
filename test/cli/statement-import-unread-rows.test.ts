import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { runCli } from '../helpers/cli.js';
import { csvWithUnreadableRows } from '../../fixtures/statements/make-import-runs.js';

describeEachDialect('an import never drops a row in silence', (t) => {
  let db: string;
  let file: string;
  const fixture = csvWithUnreadableRows();
  beforeEach(async () => {
    db = t.target();
    const finch = await t.open({ db });
    await finch.accounts.add({ name: 'Checking', currency: 'USD' });
    await finch.close();
    file = join(mkdtempSync(join(tmpdir(), 'finch-unread-')), 'march.csv');
    writeFileSync(file, fixture.csv);
  });
  afterEach(() => t.cleanup());

  it('says which rows it could not read, keeps them as unread rows, and leaves the statement for review', async () => {
    const env = { FINCH_HOME: t.home() };
    const text = await runCli(['statement', 'import', file, '--account', 'Checking'], { db, env });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`${fixture.readable} created, ${fixture.unreadable} could not be read \\(finch statement show [0-9a-f-]{13}\\)`));
    expect(text.stdout).toMatch(/\(needs_review\)/);

    const id = /finch statement show ([0-9a-f-]{13})/.exec(text.stdout)![1]!;
    const show = await runCli(['statement', 'show', id], { db, env });
    expect(show.stdout).toMatch(new RegExp(`${fixture.unreadable} rows could not be read`));
    expect(show.stdout).toMatch(/IMPOSSIBLE DATE SHOP/);
    expect(show.stdout).toMatch(/SEMICOLON ROW/);
    const shown = (await runCli(['statement', 'show', id, '--json'], { db, env })).json();
    expect(shown.status).toBe('needs_review');
    expect(shown.unread.map((u: { text: string }) => u.text)).toEqual([
      expect.stringContaining('IMPOSSIBLE DATE SHOP'),
      expect.stringContaining('NOT A DATE SHOP'),
      expect.stringContaining('SEMICOLON ROW'),
    ]);
    for (const u of shown.unread) expect(u.reason.length).toBeGreaterThan(5);
    const compare = (await runCli(['statement', 'compare', id, '--json'], { db, env })).json();
    expect(compare.rows.filter((r: { outcome: string }) => r.outcome === 'unread')).toHaveLength(fixture.unreadable);
  });

  it('lists unread rows under "unread" in --json, imports 0.00 rows, and keeps a long description whole', async () => {
    const env = { FINCH_HOME: t.home() };
    const r = await runCli(['statement', 'import', file, '--account', 'Checking', '--json'], { db, env });
    expect(r.code, r.stderr).toBe(0);
    const out = r.json();
    expect(out.created).toBe(fixture.readable);
    expect(out.status).toBe('needs_review');
    expect(out.unread).toHaveLength(fixture.unreadable);
    expect(out.unread[0]).toMatchObject({ row: expect.any(Number), line: expect.any(Number), reason: expect.stringMatching(/date/) });
    const finch = await t.open({ db });
    try {
      const zero = await finch.transactions.list({ account: 'Checking', text: 'CARD CHECK ZERO' });
      expect(zero.map((x) => x.amountMinor)).toEqual([0]);
      // more decimals than USD has: rounded half to even and kept, never dropped
      const rounded = await finch.transactions.list({ account: 'Checking', text: 'TOO MANY DECIMALS' });
      expect(rounded.map((x) => x.amountMinor)).toEqual([-123]);
      const long = await finch.transactions.list({ account: 'Checking', text: 'REMITTANCE INFORMATION' });
      expect(long).toHaveLength(1);
      expect(long[0]!.description).toBe(fixture.longDescription);
      expect(fixture.longDescription.length).toBeGreaterThan(1000);
    } finally {
      await finch.close();
    }
  });
});
