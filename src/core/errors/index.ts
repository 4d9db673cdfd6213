/**
 * The one error type the library throws on purpose. `code` is for programs (the CLI maps it to an
 * exit code), `message` is one line meant for a person.
 */
export type FinchErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNSUPPORTED'
  | 'PASSWORD'
  | 'DATABASE'
  | 'AI_UNAVAILABLE'
  | 'RATE_LIMITED'
  | 'IO'
  /** Another process held the database's write lock for longer than finch waits (SQLite). */
  | 'BUSY';

export class FinchError extends Error {
  override readonly name = 'FinchError';
  constructor(
    readonly code: FinchErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const invalid = (message: string): FinchError => new FinchError('INVALID_INPUT', message);
export const notFound = (message: string): FinchError => new FinchError('NOT_FOUND', message);
export const conflict = (message: string): FinchError => new FinchError('CONFLICT', message);

export function isFinchError(e: unknown): e is FinchError {
  return e instanceof FinchError;
}
