import type { FinchErrorCode } from '../core/index.js';

/** One exit code per kind of failure, so scripts can tell them apart. Documented in the README. */
export const EXIT_CODES: Record<FinchErrorCode | 'USAGE' | 'INTERNAL', number> = {
  INTERNAL: 1,
  USAGE: 2,
  INVALID_INPUT: 3,
  NOT_FOUND: 4,
  CONFLICT: 5,
  PASSWORD: 6,
  UNSUPPORTED: 7,
  DATABASE: 8,
  IO: 9,
  AI_UNAVAILABLE: 10,
  RATE_LIMITED: 11,
  // A database problem like DATABASE: the lock was not free in time (README "Exit codes").
  BUSY: 8,
};
