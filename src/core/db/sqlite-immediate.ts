import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type QueryResult, type SqliteDialectConfig } from 'kysely';
import { FinchError } from '../errors/index.js';

/** SQLite's "someone else holds the lock" codes (SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, …, SQLITE_LOCKED). */
export function isSqliteBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

export function busyError(waitedMs: number, cause?: unknown): FinchError {
  return new FinchError('BUSY', `the database is busy: another finch process kept it locked for ${(waitedMs / 1000).toFixed(1)} s (FINCH_BUSY_TIMEOUT_MS); nothing was changed, try again`, { cause });
}

/**
 * Every transaction starts with BEGIN IMMEDIATE: it takes the write lock up front, where SQLite's
 * busy handler waits for it. A deferred BEGIN reads first and upgrades to a writer later; if
 * another process committed in between, the upgrade fails at once with SQLITE_BUSY whatever the
 * busy timeout ("database is locked" from a second importer). Lock errors leave the driver as
 * FinchError('BUSY') so callers and the retry in inTransaction can tell them from other failures.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await super.acquireConnection();
    return {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        try {
          return await inner.executeQuery<R>(query);
        } catch (e) {
          if (isSqliteBusy(e)) throw new FinchError('BUSY', 'the database is locked by another process', { cause: e });
          throw e;
        }
      },
      streamQuery: <R>(query: CompiledQuery, chunkSize?: number) => inner.streamQuery<R>(query, chunkSize),
    };
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
