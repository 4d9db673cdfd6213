import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
/** The built CLI (`npm run build` first): tests that need real, separate processes spawn this. */
export const FINCH_BIN = join(ROOT, 'bin', 'finch.js');

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `finch --db DB ARGS…` as its own process and collects what it printed. */
export function runFinch(db: string, home: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessResult> & { pid: () => number | undefined; kill: (s: NodeJS.Signals) => void } {
  const child = spawn(process.execPath, [FINCH_BIN, '--db', db, ...args], {
    env: { ...process.env, FINCH_HOME: home, CI: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => void (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => void (stderr += c.toString()));
  const done = new Promise<ProcessResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  }) as Promise<ProcessResult> & { pid: () => number | undefined; kill: (s: NodeJS.Signals) => void };
  done.pid = () => child.pid;
  done.kill = (s) => void child.kill(s);
  return done;
}

/** Runs a node script (ESM source text) as its own process, with `args` as process.argv[2…]. */
export function runNodeScript(source: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessResult> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', source, '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => void (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => void (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
