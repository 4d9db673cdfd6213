/**
 * Runs the real built CLI (bin/finch.js) in a pseudo-terminal through util-linux `script`, so
 * prompts and the TUI see a TTY. Output is collected with ANSI escapes removed, for matching.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'finch.js');

export interface PtySession {
  /** Everything printed so far, without escape sequences. */
  output(): string;
  /** Everything printed so far, as printed (colours and all). */
  raw(): string;
  write(keys: string): void;
  /** Waits until the output (after `from` characters) matches, or fails with what was seen. */
  waitFor(pattern: RegExp, options?: { timeoutMs?: number; from?: number }): Promise<void>;
  /** The exit code once the program ends. */
  exited(timeoutMs?: number): Promise<number>;
  kill(): void;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
// CSI sequences, OSC sequences and lone escapes (cursor moves, colours, title changes).
const ANSI = /\u001B\[[0-9;?]*[ -/]*[@-~]|\u001B\][^\u0007]*\u0007|\u001B[()][A-Z0-9]|\u001B[=>78DEHM]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

export function startPty(args: string[], options: { env?: NodeJS.ProcessEnv; columns?: number; rows?: number } = {}): PtySession {
  const columns = options.columns ?? 80;
  const rows = options.rows ?? 24;
  const command = `stty cols ${columns} rows ${rows} 2>/dev/null; exec ${[process.execPath, BIN, ...args].map(shellQuote).join(' ')}`;
  const child: ChildProcess = spawn('script', ['-qfec', command, '/dev/null'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm-256color', COLUMNS: String(columns), LINES: String(rows), ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let raw = '';
  child.stdout!.on('data', (d: Buffer) => void (raw += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => void (raw += d.toString('utf8')));
  const exit = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  return {
    output: () => stripAnsi(raw),
    raw: () => raw,
    write: (keys) => void child.stdin!.write(keys),
    async waitFor(pattern, { timeoutMs = 15_000, from = 0 } = {}) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(stripAnsi(raw).slice(from))) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; the terminal showed:\n${stripAnsi(raw).slice(from)}`);
        if (child.exitCode !== null) throw new Error(`finch exited (${child.exitCode}) before ${pattern}; it showed:\n${stripAnsi(raw).slice(from)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async exited(timeoutMs = 15_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`finch did not exit; it showed:\n${stripAnsi(raw)}`)), timeoutMs);
      });
      try {
        return await Promise.race([exit, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    kill: () => void child.kill('SIGKILL'),
  };
}
