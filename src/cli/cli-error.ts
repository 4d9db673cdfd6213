import type { FinchErrorCode } from '../core/index.js';

/**
 * An error in what was typed on the command line, found before the library is loaded (commander's
 * argument parsers run synchronously, and loading the library for `finch --help` would slow it).
 * main.ts treats it exactly like a FinchError with the same code.
 */
export class CliError extends Error {
  override readonly name = 'FinchError';
  constructor(
    readonly code: FinchErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A FinchError from the library or a CliError: an error meant for people, with an exit code. */
export function isPeopleError(e: unknown): e is Error & { code: FinchErrorCode; subject?: string } {
  return e instanceof Error && e.name === 'FinchError' && typeof (e as { code?: unknown }).code === 'string';
}
