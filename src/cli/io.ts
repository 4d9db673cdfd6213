/** Where the CLI reads and writes; tests swap it for buffers, so commands never touch process.* directly. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
  /** Line by line, for streaming commands. */
  stdinLines(): AsyncIterable<string>;
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * `finch … | head`: once the reader has gone, there is nobody left to tell anything. End quietly
 * with status 0, as cat and grep do, instead of an unhandled EPIPE and a stack trace.
 */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') > 0) continue;
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
}

export function processIo(): CliIo {
  quietOnClosedPipe();
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    async *stdinLines() {
      const { createInterface } = await import('node:readline');
      const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
      for await (const line of rl) yield line;
    },
    stdinIsTTY: Boolean(process.stdin.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    env: process.env,
  };
}

let current: CliIo | undefined;
export function setIo(io: CliIo): void {
  current = io;
}
export function io(): CliIo {
  current ??= processIo();
  return current;
}
