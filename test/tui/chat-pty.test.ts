import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFinch } from '../../src/core/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'finch.js');
const SCRIPT = '/usr/bin/script';
const built = existsSync(join(ROOT, 'dist', 'tui', 'index.js'));
const strip = (s: string) => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\u001b\][^\u0007]*\u0007/g, '');

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/**
 * The real `finch chat` in a pseudo-terminal (util-linux `script` gives it one): type a message,
 * Enter, Enter on the card to save it, /quit — then the library finds the transaction.
 * `npm test` builds dist/ first; run `npx tsc -p tsconfig.build.json` before running this alone.
 */
/** Starts `finch --db DB chat` in a pseudo-terminal of 80×24. */
function startChat(extraEnv: Record<string, string> = {}) {
  const home = mkdtempSync(join(tmpdir(), 'finch-pty-'));
  dirs.push(home);
  const db = join(home, 'finch.db');
  const child = spawn(SCRIPT, ['-qfec', `node ${JSON.stringify(BIN)} --db ${JSON.stringify(db)} chat`, '/dev/null'], {
    cwd: ROOT,
    // A clean environment: the test runner's own variables (NODE_OPTIONS, VITEST…) stay out.
    env: { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8', COLUMNS: '80', LINES: '24', TERM: 'xterm', FINCH_HOME: home, ...extraEnv },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const io = { out: '' };
  child.stdout.on('data', (d: Buffer) => (io.out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (io.out += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (text: string, timeout = 20_000) => {
    const start = Date.now();
    while (!strip(io.out).includes(text)) {
      if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${text} in:\n${strip(io.out).slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const exitCode = () => Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000))]);
  return { child, io, db, home, waitFor, exitCode };
}

describe.skipIf(!existsSync(SCRIPT) || !built)('finch chat in a terminal (end to end)', () => {
  it('saves a typed message and leaves cleanly', async () => {
    const { child, db, home, waitFor, exitCode } = startChat();
    try {
      await waitFor('Type what you spent');
      child.stdin.write('coffee 4.50 at blue bottle');
      await waitFor('› coffee 4.50 at blue bottle');
      child.stdin.write('\r');
      await waitFor('Enter save · e edit · x discard');
      child.stdin.write('\r');
      await waitFor('✓ saved');
      child.stdin.write('/quit');
      await waitFor('› /quit');
      child.stdin.write('\r');
      expect(await exitCode()).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    const finch = await openFinch({ db, home, env: {} });
    try {
      const rows = await finch.transactions.list();
      expect(rows.map((r) => [r.amount, r.description, r.source])).toEqual([['-4.50', 'coffee at blue bottle', 'chat']]);
      expect((await finch.chat.history())[0]).toMatchObject({ status: 'saved', transactionId: rows[0]!.id });
    } finally {
      await finch.close();
    }
  }, 60_000);

  it('prints no colour with NO_COLOR, and Ctrl+C leaves', async () => {
    const { child, io, waitFor, exitCode } = startChat({ NO_COLOR: '1' });
    try {
      await waitFor('Type what you spent');
      child.stdin.write('lunch 12');
      await waitFor('› lunch 12');
      child.stdin.write('\r');
      await waitFor('suggestion · rules');
      expect(io.out).not.toMatch(/\u001b\[(?:3[0-79]|9[0-7]|4[0-79]|10[0-7]|38;|48;)[0-9;]*m/);
      child.stdin.write('\u0003');
      expect(await exitCode()).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
