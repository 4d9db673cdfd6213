import { CommanderError, type Command } from 'commander';
import { isPeopleError } from './cli-error.js';
import { type CliIo, processIo, setIo } from './io.js';
import { EXIT_CODES } from './exit-codes.js';
import { buildProgram } from './program.js';
import { errorLine } from './hints.js';

/** Set by a command that finished but must still exit non-zero (e.g. some lines failed). */
export const outcome = { exitCode: 0 };

function routeOutput(cmd: Command, cliIo: CliIo): void {
  cmd.exitOverride();
  cmd.configureOutput({ writeOut: (s) => cliIo.out(s), writeErr: (s) => cliIo.err(s) });
  for (const sub of cmd.commands) routeOutput(sub, cliIo);
}

/**
 * Runs the CLI and returns the exit code. The one place errors become a line on stderr and a
 * code (see exit-codes.ts).
 */
export async function main(argv: readonly string[], cliIo: CliIo = processIo()): Promise<number> {
  setIo(cliIo);
  outcome.exitCode = 0;
  const program = buildProgram();
  routeOutput(program, cliIo);
  try {
    await program.parseAsync([...argv]);
    return outcome.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has already printed its message (or the help/version text)
      return e.exitCode === 0 ? 0 : EXIT_CODES.USAGE;
    }
    if (isPeopleError(e)) {
      cliIo.err(`finch: ${errorLine(e)}\n`);
      return EXIT_CODES[e.code] ?? EXIT_CODES.INTERNAL;
    }
    if (e instanceof Error && e.name === 'ExitPromptError') {
      cliIo.err('finch: cancelled\n');
      return EXIT_CODES.INTERNAL;
    }
    const message = e instanceof Error ? e.message : String(e);
    cliIo.err(`finch: unexpected error: ${message.split('\n')[0]}\n`);
    if (cliIo.env.FINCH_DEBUG && e instanceof Error) cliIo.err(`${e.stack}\n`);
    return EXIT_CODES.INTERNAL;
  }
}
