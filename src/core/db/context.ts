import type { Kysely } from 'kysely';
import type { DialectName } from './open.js';
import type { Database } from './schema.js';
import type { CurrencyCode } from '../money/index.js';

/** What every core function gets: the database (or the open transaction) and who is asking. */
export interface Ctx {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly userId: string;
  readonly homeCurrency: CurrencyCode;
  /** SQLite only: the raw connection, for prepared-statement bulk writes (see bulk-insert.ts). */
  readonly sqlite?: import('better-sqlite3').Database;
}

/**
 * Runs `fn` in one database transaction, or inside the caller's when there already is one, so
 * writes that belong together are all-or-nothing however the calls are nested.
 */
export async function inTransaction<T>(ctx: Ctx, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
}
