/** `finch statement fix ID --column N=ROLE --not-a-row LINE`: saves a layout profile, reads again; bad input exits with one line. */
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { runCli } from '../helpers/cli.js';
import { EXIT_CODES } from '../../src/cli/exit-codes.js';

const PDF = join(import.meta.dirname, '..', '..', 'fixtures', 'statements', 'blind', 'pdf', 'blind-us-no-header.pdf');

describeEachDialect('cli: statement fix', (t) => {
  let db: string;
  let env: NodeJS.ProcessEnv;
  const cli = (args: string[]) => runCli(args, { db, env });
  beforeEach(() => {
    db = t.target();
    env = { FINCH_HOME: t.home() };
  });
  afterEach(() => t.cleanup());

  it('saves the correction as a layout profile and shows the statement read with it', async () => {
    await cli(['account', 'add', 'Checking']);
    const imp = await cli(['statement', 'import', PDF, '--account', 'Checking', '--json']);
    expect([imp.code, imp.stderr]).toEqual([0, '']);
    const id = (imp.json() as { statement_id: string }).statement_id.slice(0, 12);
    const fixed = await cli(['statement', 'fix', id, '--column', '1=amount', '--column', '2=balance', '--json']);
    expect([fixed.code, fixed.stderr]).toEqual([0, '']);
    const out = fixed.json() as { fingerprint: string; profile: { columns: Record<string, string> }; statement: { reconciled: boolean; transactions: unknown[]; layoutProfile: string } };
    expect(out.profile.columns).toEqual({ 1: 'amount', 2: 'balance' });
    expect([out.statement.reconciled, out.statement.transactions.length, out.statement.layoutProfile]).toEqual([true, 17, out.fingerprint]);

    const bad = await cli(['statement', 'fix', id, '--column', '2=total']);
    expect(bad.code).toBe(EXIT_CODES.INVALID_INPUT);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect((await cli(['statement', 'fix', id])).code).toBe(EXIT_CODES.INVALID_INPUT);
  });
});
