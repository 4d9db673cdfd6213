import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json<T = any>(): T;
}

/** Runs the real CLI in-process with captured output; `db` is passed as --db. */
export async function runCli(args: string[], options: { db?: string; env?: NodeJS.ProcessEnv; stdin?: string; tty?: boolean } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const stdin = options.stdin ?? '';
  const io: CliIo = {
    out: (t) => void (stdout += t),
    err: (t) => void (stderr += t),
    readStdin: async () => stdin,
    async *stdinLines() {
      const lines = stdin.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      yield* lines;
    },
    stdinIsTTY: options.tty ?? false,
    stdoutIsTTY: options.tty ?? false,
    env: { ...options.env },
  };
  const argv = ['node', 'finch', ...(options.db ? ['--db', options.db] : []), ...args];
  const code = await main(argv, io);
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}
