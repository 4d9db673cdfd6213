import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where finch keeps its things: FINCH_HOME, else the XDG data dir. */
export function resolveHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FINCH_HOME) return resolve(env.FINCH_HOME);
  const xdg = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(xdg, 'finch');
}

/** The database to open: an explicit target, else DATABASE_URL, else finch.db in the home. */
export function resolveDatabaseTarget(explicit: string | undefined, home: string, env: NodeJS.ProcessEnv = process.env): string {
  return explicit || env.FINCH_DB || env.DATABASE_URL || join(home, 'finch.db');
}

export const paths = {
  keyFile: (home: string) => join(home, 'secret.key'),
  fileStore: (home: string) => join(home, 'files'),
  logs: (home: string) => join(home, 'logs'),
};
