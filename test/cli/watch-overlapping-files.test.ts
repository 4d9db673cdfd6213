import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { describePostgres } from '../helpers/dialects.js';
import { FINCH_BIN } from '../helpers/processes.js';
import { statementLines, toCsv } from '../../fixtures/statements/make-import-runs.js';

function daemon(db: string, home: string, args: string[]): { child: ChildProcess; events: Array<Record<string, unknown>> } {
  const child = spawn(process.execPath, [FINCH_BIN, '--db', db, ...args], { env: { ...process.env, FINCH_HOME: home, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const events: Array<Record<string, unknown>> = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      try {
        events.push(JSON.parse(line));
      } catch {
        // not a log line
      }
    }
  });
  return { child, events };
}

describePostgres('finch watch and two finch workers over overlapping statements', (t) => {
  const procs: ChildProcess[] = [];
  afterEach(async () => {
    for (const c of procs.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
    await t.cleanup();
  });

  it('import every distinct row once, however the files are shared out', async () => {
    const db = t.target();
    const home = t.home();
    const finch = await t.open({ db });
    await finch.accounts.add({ name: 'Checking', currency: 'USD' });
    await finch.close();
    const inbox = join(home, 'inbox');
    mkdirSync(join(inbox, 'Checking'), { recursive: true });
    const ds = [daemon(db, home, ['watch', inbox, '--settle', '200', '--lease', '5000']), daemon(db, home, ['worker', '--lease', '5000']), daemon(db, home, ['worker', '--lease', '5000'])];
    procs.push(...ds.map((d) => d.child));
    // 12 statements, each 400 rows of one 1,500-row history, each starting 100 rows after the last.
    const lines = statementLines(1500, { seed: 3 });
    for (let i = 0; i < 12; i++) {
      const tmp = join(home, `part-${i}.csv`);
      writeFileSync(tmp, toCsv(lines.slice(i * 100, i * 100 + 400)));
      renameSync(tmp, join(inbox, 'Checking', `part-${i}.csv`));
    }
    const processed = () => ds.flatMap((d) => d.events.filter((e) => e.event === 'processed' || e.event === 'failed'));
    const deadline = Date.now() + 60_000;
    while (processed().length < 12 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(processed().filter((e) => e.event === 'processed')).toHaveLength(12);
    const check = await t.open({ db });
    try {
      expect(await check.transactions.count({ account: 'Checking' })).toBe(1500);
      const coffees = lines.filter((l) => l.description === 'CAFE NERO COFFEE').length;
      expect(await check.transactions.count({ account: 'Checking', text: 'CAFE NERO COFFEE' })).toBe(coffees);
    } finally {
      await check.close();
    }
  }, 90_000);
});
