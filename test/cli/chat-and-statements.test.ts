import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { runCli } from '../helpers/cli.js';
import { EXIT_CODES } from '../../src/cli/exit-codes.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SAMPLE = join(ROOT, 'fixtures', 'quickstart', 'sample-statement.pdf');
const LOCKED = join(ROOT, 'fixtures', 'statements', 'pdf', 'locked-giro.pdf');

describeEachDialect('cli: chat entry and statements', (t) => {
  let db: string;
  let env: NodeJS.ProcessEnv;
  const cli = (args: string[], extra: { stdin?: string } = {}) => runCli(args, { db, env, ...extra });
  beforeEach(() => {
    db = t.target();
    env = { FINCH_HOME: t.home() };
  });
  afterEach(() => t.cleanup());

  it('parses one message to the documented JSON', async () => {
    const r = await cli(['parse', '@john $50 lunch at pizza place', '--today', '2024-03-15', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ amount: '50.00', currency: 'USD', date: '2024-03-15', category: 'dining', type: 'expense', mentions: ['john'], tags: [], merchant: 'pizza place', answered_by: 'rules' });
    expect((await cli(['chat', 'history', '--json'])).json()).toEqual([]); // parse writes nothing
  });

  it('parses stdin as JSON Lines, one line per message even when it cannot parse', async () => {
    const r = await cli(['parse', '--today', '2024-03-15', '--currency', 'EUR'], { stdin: 'tacos 12,50\n\nno amount here\nx'.concat('y'.repeat(10_000), ' 5\n', 'rent 1,850 yesterday\n') });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ amount: '12.50', currency: 'EUR' });
    expect(lines[1]).toEqual({ input: '', error: 'the message is empty' });
    expect(lines[2].error).toMatch(/no amount/);
    expect(lines[3].error).toMatch(/2000/);
    expect(lines[4]).toMatchObject({ amount: '1850.00', date: '2024-03-14', category: 'rent' });
  });

  it('adds with --yes: creates the unknown person, the split and the mentions in one go, and keeps history', async () => {
    await cli(['people', 'add', 'Ben']);
    const r = await cli(['add', 'pizza 36 split with @ben @liv', '--yes', '--json', '--today', '2024-03-15']);
    expect(r.code).toBe(0);
    const saved = r.json();
    expect(saved).toMatchObject({ amount: '-36.00', category: 'dining', source: 'chat', mentions: ['ben', 'liv'] });
    expect(saved.splits.map((s: { person: string; share: string }) => [s.person, s.share])).toEqual([['me', '12.00'], ['ben', '12.00'], ['liv', '12.00']]);
    expect((await cli(['people', 'list', '--json'])).json().map((p: { handle: string }) => p.handle)).toEqual(['ben', 'liv']);
    const history = (await cli(['chat', 'history', '--json'])).json();
    expect(history[0]).toMatchObject({ status: 'saved', transactionId: saved.id, content: 'pizza 36 split with @ben @liv' });
  });

  it('resolves a typo to a known person, and a group mention to a group split', async () => {
    await cli(['people', 'add', 'John']);
    await cli(['people', 'add', 'Ana']);
    await cli(['group', 'add', 'Roomies', 'john', 'ana']);
    const typo = (await cli(['add', 'lunch with @jhon 20', '--yes', '--json'])).json();
    expect(typo.mentions).toEqual(['john']);
    const group = (await cli(['add', 'split 75 groceries with @roomies', '--yes', '--json'])).json();
    expect(group.splits.map((s: { person: string; share: string }) => [s.person, s.share])).toEqual([['me', '25.00'], ['ana', '25.00'], ['john', '25.00']]);
  });

  it('refuses bad messages with one line and saves nothing; without a terminal it needs --yes', async () => {
    for (const [text, reason] of [['', /empty/], ['coffee', /no amount/], ['boat 5000000000000000', /too large/], ['50 XYZ', /unknown currency code XYZ/]] as const) {
      const r = await cli(['add', text, '--yes']);
      expect(r.code).toBe(EXIT_CODES.INVALID_INPUT);
      expect(r.stderr).toMatch(reason);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const noTty = await cli(['add', 'coffee 4']);
    expect(noTty.code).toBe(EXIT_CODES.INVALID_INPUT);
    expect(noTty.stderr).toMatch(/--yes/);
    expect((await cli(['tx', 'list', '--json'])).json()).toEqual([]);
    const statuses = (await cli(['chat', 'history', '--json'])).json().map((m: { status: string }) => m.status);
    expect(statuses.filter((s: string) => s === 'saved')).toEqual([]);
    expect(statuses).toContain('failed');
  });

  it('prints statement parse JSON in the documented shape, writing nothing', async () => {
    const r = await cli(['statement', 'parse', SAMPLE, '--json']);
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out).toMatchObject({ currency: 'USD', period: { start: '2026-11-01', end: '2026-11-30' }, opening_balance: '1204.33', closing_balance: '2528.33', reconciled: true, ocr: false, pages: 1 });
    expect(out.transactions[0]).toEqual({ date: '2026-11-02', description: 'WHOLE FOODS MARKET #102', amount: '-84.17', confidence: 0.97 }); // verified by the running balance (a constant 1.0 said nothing)
    expect(out.stages.map((s: { stage: string }) => s.stage)).toEqual(['decrypt', 'extract', 'parse']);
    expect((await cli(['statement', 'list', '--json'])).json()).toEqual([]);
  });

  it('imports, lists, shows the log and comparison, and deletes a statement', async () => {
    await cli(['account', 'add', 'Checking']);
    const imp = await cli(['statement', 'import', SAMPLE, '--account', 'Checking', '--json']);
    expect(imp.code).toBe(0);
    const r = imp.json();
    expect(r).toMatchObject({ status: 'completed', created: 10, skipped_duplicates: 0, needs_review: 0, reconciled: true });
    const again = (await cli(['statement', 'import', SAMPLE, '--account', 'Checking', '--json'])).json();
    expect([again.status, again.created]).toEqual(['duplicate', 0]);
    const id = r.statement_id.slice(0, 12);
    const compare = await cli(['statement', 'compare', id]);
    expect(compare.stdout).toMatch(/WHOLE FOODS MARKET #102.*-84\.17/);
    expect(compare.stdout).toMatch(/reconciled ✓/);
    const log = await cli(['statement', 'log', id]);
    expect(log.stdout).toMatch(/decrypt\s+ok/);
    expect((await cli(['statement', 'delete', id, '--yes'])).stdout).toMatch(/and 10 transactions/);
    expect((await cli(['tx', 'list', '--json'])).json()).toEqual([]);
  });

  it('says clearly when a statement needs a password, and never lists saved ones', async () => {
    await cli(['account', 'add', 'Giro', '--currency', 'EUR']);
    const locked = await cli(['statement', 'import', LOCKED, '--account', 'Giro']);
    expect(locked.code).toBe(EXIT_CODES.PASSWORD);
    expect(locked.stderr).toMatch(/password-protected/);
    expect((await cli(['password', 'add', 'sparkasse'], { stdin: 'finch-test\n' })).code).toBe(0);
    const listed = await cli(['password', 'list']);
    expect(listed.stdout).toMatch(/sparkasse/);
    expect(listed.stdout).not.toMatch(/finch-test/);
    const ok = await cli(['statement', 'import', LOCKED, '--account', 'Giro', '--try-saved-passwords', '--json']);
    expect(ok.json()).toMatchObject({ created: 3, reconciled: true });
    const missing = await cli(['statement', 'import', '/no/such/file.pdf', '--account', 'Giro']);
    expect([missing.code, missing.stderr]).toEqual([EXIT_CODES.IO, 'finch: cannot read /no/such/file.pdf: no such file\n']);
  });
});
