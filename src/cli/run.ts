import type { Command } from 'commander';
import type { Finch } from '../core/index.js';
import { CliError as FinchError } from './cli-error.js';
import { io } from './io.js';

export interface GlobalOptions {
  db?: string;
  user?: string;
}

/** Opens the ledger named by the global options, runs `fn`, and always closes it. */
export async function withFinch<T>(cmd: Command, fn: (finch: Finch) => Promise<T>, extra: { createUser?: boolean; homeCurrency?: string } = {}): Promise<T> {
  const globals = cmd.optsWithGlobals<GlobalOptions>();
  const { openFinch } = await import('../core/index.js');
  const { DEFAULT_USER } = await import('../core/index.js');
  const env = io().env;
  const userName = globals.user ?? env.FINCH_USER;
  const finch = await openFinch({
    db: globals.db,
    user: userName,
    env,
    // A typo in --user must not silently start an empty profile: only the default user and
    // `finch init` create one.
    createUser: extra.createUser ?? (!userName || userName.toLowerCase() === DEFAULT_USER),
    homeCurrency: extra.homeCurrency,
  });
  try {
    return await fn(finch);
  } finally {
    await finch.close();
  }
}

/** Asks before a destructive action; without a terminal, --yes is required. */
export async function confirmOrAbort(question: string, yes: boolean | undefined): Promise<boolean> {
  if (yes) return true;
  if (!io().stdinIsTTY) throw new FinchError('INVALID_INPUT', `${question.replace(/\?$/, '')}: refusing without --yes (no terminal to ask on)`);
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message: question, default: false });
}

/** Commander collects a repeatable option into an array with this. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new FinchError('INVALID_INPUT', `expected a positive whole number, got "${value}"`);
  return n;
}
