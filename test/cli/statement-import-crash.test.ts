import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { runFinch } from '../helpers/processes.js';
import { statementLines, toCsv } from '../../fixtures/statements/make-import-runs.js';

describeEachDialect('an import killed with kill -9', (t) => {
  let db: string;
  let dir: string;
  beforeEach(async () => {
    db = t.target();
    dir = mkdtempSync(join(tmpdir(), 'finch-crash-'));
    const finch = await t.open({ db });
    await finch.accounts.add({ name: 'Checking', currency: 'USD' });
    await finch.close();
  });
  afterEach(() => t.cleanup());

  it('is recovered on the next run: the statement stops being "processing", and importing the file again imports it whole', async () => {
    const big = join(dir, 'big.csv');
    writeFileSync(big, toCsv(statementLines(20_000)));
    const run = runFinch(db, t.home(), ['statement', 'import', big, '--account', 'Checking', '--json']);
    const finch = await t.open({ db });
    try {
      const deadline = Date.now() + 15_000;
      while (!(await finch.statements.list()).some((s) => s.status === 'processing')) {
        if (Date.now() > deadline) throw new Error('the import never started');
        await new Promise((r) => setTimeout(r, 20));
      }
      run.kill('SIGKILL');
      const killed = await run;
      expect(killed.signal).toBe('SIGKILL');
      expect((await finch.statements.list()).map((s) => s.status)).toEqual(['processing']);
      expect(await finch.transactions.count({ account: 'Checking' })).toBe(0);

      // The next run, of any file, marks the interrupted one failed with a reason…
      const small = join(dir, 'small.csv');
      writeFileSync(small, toCsv(statementLines(5, { seed: 99, start: '2023-01-01' })));
      const next = await runFinch(db, t.home(), ['statement', 'import', small, '--account', 'Checking', '--json']);
      expect(next.code, next.stderr).toBe(0);
      const interrupted = (await finch.statements.list()).find((s) => s.filename === 'big.csv')!;
      expect(interrupted.status).toBe('failed');
      expect(interrupted.error).toMatch(/interrupted/);

      // …and importing it again imports every row, once.
      const again = await runFinch(db, t.home(), ['statement', 'import', big, '--account', 'Checking', '--json']);
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout).created).toBe(20_000);
      expect(await finch.transactions.count({ account: 'Checking' })).toBe(20_005);
      expect((await finch.statements.list()).map((s) => s.status).sort()).toEqual(['completed', 'completed']);
    } finally {
      await finch.close();
    }
  }, 60_000);
});
