import { existsSync } from 'node:fs';

/**
 * Whether a file from ../shared (the eval data beside the repository) is there. Missing on a
 * developer's machine: the test is skipped. Missing under CI: that is a broken checkout, and the
 * suite fails instead of skipping in silence.
 */
export function sharedPresent(path: string): boolean {
  if (existsSync(path)) return true;
  if (process.env.CI && process.env.CI !== 'false') throw new Error(`CI needs ${path} (../shared beside the repository) but it is missing`);
  return false;
}
