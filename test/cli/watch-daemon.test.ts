import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect, type TestDb } from '../helpers/dialects.js';
import { writeCheckingStatement } from '../../fixtures/quickstart/make-sample-statement.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'finch.js');
const SAMPLE = join(ROOT, 'fixtures', 'quickstart', 'sample-statement.pdf');
const SAMPLE_ROWS = 10;

interface Daemon {
  child: ChildProcess;
  events: Array<Record<string, unknown>>;
  waitFor(pred: (e: Record<string, unknown>) => boolean, ms?: number): Promise<Record<string, unknown>>;
}

function startDaemon(db: string, home: string, args: string[]): Daemon {
  const child = spawn(process.execPath, [BIN, '--db', db, ...args, '--lease', '3000'], {
    env: { ...process.env, FINCH_HOME: home, CI: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
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
      waiters.splice(0).forEach((w) => w());
    }
  });
  return {
    child,
    events,
    waitFor(pred, ms = 45_000) {
      return new Promise((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`timed out; events: ${JSON.stringify(events)}`)), ms);
        const check = () => {
          const hit = events.find(pred);
          if (hit) {
            clearTimeout(deadline);
            resolve(hit);
          } else waiters.push(check);
        };
        check();
      });
    },
  };
}

async function stop(d: Daemon, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (d.child.exitCode !== null || d.child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    d.child.once('exit', () => resolve());
    d.child.kill(signal);
  });
}

async function transactionsIn(t: TestDb, db: string): Promise<number> {
  const finch = await t.open({ db });
  try {
    return await finch.transactions.count({ account: 'Checking' });
  } finally {
    await finch.close();
  }
}

describeEachDialect('finch watch (a real daemon process)', (t) => {
  let home: string;
  let inbox: string;
  let db: string;
  const daemons: Daemon[] = [];
  const watch = () => {
    const d = startDaemon(db, home, ['watch', inbox, '--settle', '200']);
    daemons.push(d);
    return d;
  };

  beforeEach(async () => {
    home = t.home();
    db = t.target();
    inbox = join(home, 'inbox');
    mkdirSync(join(inbox, 'Checking'), { recursive: true });
    const finch = await t.open({ db });
    await finch.accounts.add({ name: 'Checking', currency: 'USD' });
    await finch.close();
  });
  afterEach(async () => {
    for (const d of daemons.splice(0)) await stop(d, 'SIGKILL');
    await t.cleanup();
  });

  it('imports a dropped statement into the account its folder names, moves it with a log, and imports the same file once', async () => {
    const d = watch();
    copyFileSync(SAMPLE, join(inbox, 'Checking', 'nov.pdf'));
    await d.waitFor((e) => e.event === 'processed' && e.file === join('Checking', 'nov.pdf'));
    expect(existsSync(join(inbox, 'processed', 'nov.pdf'))).toBe(true);
    const log = JSON.parse(readFileSync(join(inbox, 'processed', 'nov.pdf.log.json'), 'utf8'));
    expect(log).toMatchObject({ status: 'completed', account: 'Checking', created: SAMPLE_ROWS });
    expect(log.stages.map((s: { stage: string }) => s.stage)).toEqual(['decrypt', 'extract', 'parse', 'dedup', 'create', 'complete']);

    copyFileSync(SAMPLE, join(inbox, 'Checking', 'nov-again.pdf'));
    await d.waitFor((e) => e.event === 'already-imported' && e.file === join('Checking', 'nov-again.pdf'));
    expect(existsSync(join(inbox, 'processed', 'nov-again.pdf'))).toBe(true);
    await stop(d);
    expect(await transactionsIn(t, db)).toBe(SAMPLE_ROWS);
  });

  it('survives kill -9 mid-file: on restart the job is retried and nothing is imported twice', async () => {
    const first = watch();
    copyFileSync(SAMPLE, join(inbox, 'Checking', 'dec.pdf'));
    await first.waitFor((e) => e.event === 'started');
    await stop(first, 'SIGKILL');
    const second = watch();
    await second.waitFor((e) => e.event === 'processed' || (e.event === 'failed' && e.willRetry === false));
    expect(second.events.find((e) => e.event === 'processed')).toBeTruthy();
    await stop(second);
    expect(await transactionsIn(t, db)).toBe(SAMPLE_ROWS);
    expect(existsSync(join(inbox, 'Checking', 'dec.pdf'))).toBe(false);
  });

  it('moves a file it cannot read to failed/ with the reason', async () => {
    const d = watch();
    const bad = join(inbox, 'Checking', 'broken.pdf');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bad, '%PDF-1.4\nthis is not really a pdf\n');
    await d.waitFor((e) => e.event === 'failed' && e.file === join('Checking', 'broken.pdf'));
    const log = JSON.parse(readFileSync(join(inbox, 'failed', 'broken.pdf.log.json'), 'utf8'));
    expect(log.status).toBe('failed');
    expect(String(log.error)).not.toBe('');
    await stop(d);
    expect(await transactionsIn(t, db)).toBe(0);
  });

  it.runIf(t.dialect === 'postgres')('shares the queue with finch worker processes: each file started and imported once', async () => {
    const workers = [startDaemon(db, home, ['worker']), startDaemon(db, home, ['worker'])];
    daemons.push(...workers);
    const procs = [watch(), ...workers];
    const files = ['jan', 'feb', 'mar', 'apr', 'may', 'jun'];
    for (const [i, name] of files.entries()) {
      const tmp = join(home, `${name}.pdf`);
      await writeCheckingStatement(tmp, {
        bank: 'QUEUE BANK',
        accountNumber: '****0001',
        period: [`0${i + 1}/01/2024`, `0${i + 1}/28/2024`],
        opening: '100.00',
        rows: [
          [`0${i + 1}/03/2024`, `SHOP ${name.toUpperCase()}`, '10.00', ''],
          [`0${i + 1}/09/2024`, `CAFE ${name.toUpperCase()}`, '2.50', ''],
        ],
        creationDate: new Date(Date.UTC(2024, i, 28)),
      });
      renameSync(tmp, join(inbox, 'Checking', `${name}.pdf`));
    }
    const processed = () => procs.flatMap((d) => d.events.filter((e) => e.event === 'processed').map((e) => String(e.file)));
    const deadline = Date.now() + 60_000;
    while (processed().length < files.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(processed().sort()).toEqual(files.map((f) => join('Checking', `${f}.pdf`)).sort());
    // Three processes poll one queue; no job was started twice.
    const starts = procs.map((d) => d.events.filter((e) => e.event === 'started').length);
    expect(starts.reduce((a, b) => a + b, 0)).toBe(files.length);
    for (const d of procs) await stop(d);
    expect(await transactionsIn(t, db)).toBe(files.length * 2);
  }, 90_000);
});
