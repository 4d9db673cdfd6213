import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFinch } from '../../src/core/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'finch.js');
const SAMPLE = join(ROOT, 'fixtures', 'quickstart', 'sample-statement.pdf');
const SAMPLE_ROWS = 10;

interface Daemon {
  child: ChildProcess;
  events: Array<Record<string, unknown>>;
  waitFor(pred: (e: Record<string, unknown>) => boolean, ms?: number): Promise<Record<string, unknown>>;
}

function startDaemon(home: string, inbox: string): Daemon {
  const child = spawn(process.execPath, [BIN, 'watch', inbox, '--settle', '200', '--lease', '3000'], {
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

async function transactionsIn(home: string): Promise<number> {
  const finch = await openFinch({ home, db: join(home, 'finch.db'), env: {} });
  try {
    return await finch.transactions.count({ account: 'Checking' });
  } finally {
    await finch.close();
  }
}

describe('finch watch (a real daemon process)', () => {
  let home: string;
  let inbox: string;
  const daemons: Daemon[] = [];

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), 'finch-watch-'));
    inbox = join(home, 'inbox');
    mkdirSync(join(inbox, 'Checking'), { recursive: true });
    const finch = await openFinch({ home, db: join(home, 'finch.db'), env: {} });
    await finch.accounts.add({ name: 'Checking', currency: 'USD' });
    await finch.close();
  });
  afterEach(async () => {
    for (const d of daemons.splice(0)) await stop(d, 'SIGKILL');
    rmSync(home, { recursive: true, force: true });
  });

  it('imports a dropped statement into the account its folder names, moves it with a log, and imports the same file once', async () => {
    const d = startDaemon(home, inbox);
    daemons.push(d);
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
    expect(await transactionsIn(home)).toBe(SAMPLE_ROWS);
  });

  it('survives kill -9 mid-file: on restart the job is retried and nothing is imported twice', async () => {
    const first = startDaemon(home, inbox);
    daemons.push(first);
    copyFileSync(SAMPLE, join(inbox, 'Checking', 'dec.pdf'));
    await first.waitFor((e) => e.event === 'started');
    await stop(first, 'SIGKILL');
    const second = startDaemon(home, inbox);
    daemons.push(second);
    await second.waitFor((e) => e.event === 'processed' || (e.event === 'failed' && e.willRetry === false));
    expect(second.events.find((e) => e.event === 'processed')).toBeTruthy();
    await stop(second);
    expect(await transactionsIn(home)).toBe(SAMPLE_ROWS);
    expect(existsSync(join(inbox, 'Checking', 'dec.pdf'))).toBe(false);
  });

  it('moves a file it cannot read to failed/ with the reason', async () => {
    const d = startDaemon(home, inbox);
    daemons.push(d);
    const bad = join(inbox, 'Checking', 'broken.pdf');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bad, '%PDF-1.4\nthis is not really a pdf\n');
    await d.waitFor((e) => e.event === 'failed' && e.file === join('Checking', 'broken.pdf'));
    const log = JSON.parse(readFileSync(join(inbox, 'failed', 'broken.pdf.log.json'), 'utf8'));
    expect(log.status).toBe('failed');
    expect(String(log.error)).not.toBe('');
    await stop(d);
    expect(await transactionsIn(home)).toBe(0);
  });
});
