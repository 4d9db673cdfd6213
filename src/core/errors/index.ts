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
  /**
   * What the error is about (`'account'`, `'secret-key'`, …), so a front end can add its own
   * advice ("see: finch account list") without the library speaking in CLI terms.
   */
  readonly subject?: string;
  constructor(
    readonly code: FinchErrorCode,
    message: string,
    options?: { cause?: unknown; subject?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    if (options?.subject) this.subject = options.subject;
  }
}

export const invalid = (message: string, subject?: string): FinchError => new FinchError('INVALID_INPUT', message, { subject });
export const notFound = (message: string, subject?: string): FinchError => new FinchError('NOT_FOUND', message, { subject });
export const conflict = (message: string): FinchError => new FinchError('CONFLICT', message);

export function isFinchError(e: unknown): e is FinchError {
  return e instanceof FinchError;
}
