import type { Kysely } from 'kysely';
import type { DialectName } from './open.js';
import type { Database } from './schema.js';
import type { CurrencyCode } from '../money/index.js';
import { isFinchError } from '../errors/index.js';
import { busyError, isSqliteBusy } from './sqlite-immediate.js';

/** What every core function gets: the database (or the open transaction) and who is asking. */
export interface Ctx {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly userId: string;
  readonly homeCurrency: CurrencyCode;
  /** SQLite only: the raw connection, for prepared-statement bulk writes (see bulk-insert.ts). */
  readonly sqlite?: import('better-sqlite3').Database;
  /** SQLite only: how long a transaction waits for another process's write lock, in all. */
  readonly busyTimeoutMs?: number;
}

/**
 * Runs `fn` in one database transaction, or inside the caller's when there already is one, so
 * writes that belong together are all-or-nothing however the calls are nested.
 */
export async function inTransaction<T>(ctx: Ctx, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  if (ctx.dialect !== 'sqlite') return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
  // SQLite has one writer at a time. BEGIN IMMEDIATE waits for the lock (busy_timeout); if another
  // process holds it longer, the whole transaction is tried again after a pause, until the budget
  // is spent. Nothing of a failed attempt was written, so running `fn` again is safe as long as
  // it keeps its effects inside the database.
  const budget = ctx.busyTimeoutMs ?? 60_000;
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
    } catch (e) {
      if (!isBusy(e)) throw e;
      const waited = Date.now() - started;
      if (waited >= budget) throw busyError(waited, e);
      const pause = Math.min(budget - waited, 1000, 25 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

function isBusy(e: unknown): boolean {
  return (isFinchError(e) && e.code === 'BUSY') || isSqliteBusy(e);
}
