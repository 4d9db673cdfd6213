import { closeSync, existsSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { FinchError } from '../errors/index.js';
import { CodeMigrationProvider, migrations } from './migrations.js';
import { applyRowLevelSecurity } from './hardening.js';
import { refreshJournalTriggers } from './journal-tables.js';
import type { Database } from './schema.js';
import { ImmediateSqliteDialect } from './sqlite-immediate.js';

export type DialectName = 'sqlite' | 'postgres';

export interface FinchDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** The file path, or the Postgres URL without its password. */
  readonly location: string;
  /** SQLite only: the raw better-sqlite3 connection Kysely runs on. */
  readonly sqlite?: import('better-sqlite3').Database;
  /** SQLite only: how long a writer waits for another process's lock before giving up (BUSY). */
  readonly busyTimeoutMs?: number;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** SQLite only: how long a writer waits for the lock, in all (default 60 s; FINCH_BUSY_TIMEOUT_MS). */
  busyTimeoutMs?: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 60_000;

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/**
 * Opens SQLite (a file path) or Postgres (a `postgres://` URL; `?schema=NAME` selects and creates a
 * schema) and brings the schema up to date.
 */
export async function openDatabase(target: string, options: OpenDatabaseOptions = {}): Promise<FinchDatabase> {
  const opened = isPostgresUrl(target) ? await openPostgres(target, options) : await openSqlite(target, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
  try {
    await migrate(opened.db, isPostgresUrl(target) ? (new URL(target).searchParams.get('schema') ?? undefined) : undefined);
  } catch (e) {
    await opened.close();
    throw e;
  }
  return opened;
}

async function openSqlite(path: string, busyTimeoutMs: number): Promise<FinchDatabase> {
  const file = resolve(path);
  const dir = dirname(file);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new FinchError('IO', `database directory ${dir} does not exist`);
  }
  const { default: SQLite } = await import('better-sqlite3');
  let handle: import('better-sqlite3').Database;
  try {
    // Created 0600 before SQLite opens it: SQLite gives the WAL and SHM files the database's mode.
    if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
    handle = new SQLite(file);
    // WAL and a busy timeout let the daemon and a CLI command share one file. The timeout is per
    // statement; inTransaction retries a whole transaction until busyTimeoutMs has passed.
    handle.pragma(`busy_timeout = ${Math.max(0, Math.min(busyTimeoutMs, 5000))}`);
    handle.pragma('journal_mode = WAL');
    handle.pragma('foreign_keys = ON');
    handle.pragma('synchronous = NORMAL');
    // Index inserts for large imports thrash the default 2 MB page cache.
    handle.pragma('cache_size = -65536');
    // Reads through the OS page cache instead of copying every page: a report's first scan of a
    // large ledger in a fresh process is the cost that matters for a CLI.
    handle.pragma('mmap_size = 268435456');
  } catch (e) {
    throw new FinchError('DATABASE', `cannot open ${file}: ${(e as Error).message}`, { cause: e });
  }
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: handle }) });
  return { db, dialect: 'sqlite', location: file, sqlite: handle, busyTimeoutMs, close: () => db.destroy() };
}

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<FinchDatabase> {
  const { default: pg } = await import('pg');
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (schema && !/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new FinchError('INVALID_INPUT', `invalid schema name "${schema}"`);
  const safeLocation = `${parsed.protocol}//${parsed.username ? `${parsed.username}@` : ''}${parsed.host}${parsed.pathname}`;
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: 10,
    connectionTimeoutMillis: 5000,
    types: {
      // bigint sums and counts come back as strings by default; money in minor units fits a JS
      // number up to 2^53, which the money module enforces on the way in.
      getTypeParser: ((oid: number, format?: string) => {
        if (oid === 20 || oid === 1700) return (v: string) => Number(v);
        return pg.types.getTypeParser(oid, format as 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', () => {
    // An idle client losing its connection must not crash the process; the next query reports it.
  });
  try {
    const client = await pool.connect();
    try {
      // A role without CREATE on the database can still use a schema the owner made and migrated.
      const found = schema ? await client.query('select 1 from pg_namespace where nspname = $1', [schema]) : undefined;
      if (schema && !found?.rowCount) await client.query(`create schema if not exists "${schema}"`);
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new FinchError('DATABASE', `cannot connect to PostgreSQL at ${safeLocation}: ${(e as Error).message}`, { cause: e });
  }
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool,
      onCreateConnection: async (conn) => {
        if (schema) await conn.executeQuery(CompiledQuery.raw(`set search_path to "${schema}"`));
      },
    }),
  });
  return { db, dialect: 'postgres', location: schema ? `${safeLocation}?schema=${schema}` : safeLocation, close: () => db.destroy() };
}

/** True when every migration finch knows is recorded as applied: then opening skips the migrator. */
async function upToDate(db: Kysely<Database>, schema?: string): Promise<boolean> {
  try {
    const table = schema ? sql.table(`${schema}.kysely_migration`) : sql.table('kysely_migration');
    const { rows } = await sql<{ name: string }>`select name from ${table}`.execute(db);
    const applied = new Set(rows.map((r) => r.name));
    return Object.keys(migrations).every((name) => applied.has(name));
  } catch {
    return false; // a new database: no migration table yet
  }
}

async function migrate(db: Kysely<Database>, schema?: string): Promise<void> {
  // The migrator takes a lock and reads its tables in several statements; a ledger that is already
  // current (almost every open) needs one query to know it.
  if (await upToDate(db, schema)) return;
  // Name the schema: without it Kysely looks for its migration tables in every schema and, when
  // another schema already has them, skips creating ours ("kysely_migration_lock does not exist").
  // Unordered: migrations are independent and idempotent, and a ledger may have run a later one
  // (a branch build) before an earlier one reached it.
  const migrator = new Migrator({ db, provider: new CodeMigrationProvider(), allowUnorderedMigrations: true, ...(schema ? { migrationTableSchema: schema } : {}) });
  let { error, results } = await migrator.migrateToLatest();
  // Kysely's checks read the catalog of every schema; another process dropping its own schema at
  // that moment makes them fail with "schema … does not exist". Nothing was applied: try again.
  for (let attempt = 0; error && schema && attempt < 3 && /does not exist/.test(String((error as Error).message)); attempt++) {
    await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new FinchError('DATABASE', `database migration ${failed} failed: ${(error as Error).message ?? String(error)}`, { cause: error });
  }
  // Migrations after 0007 may still install the old finch.user policy on their tables: the
  // role-based policies are (re)applied to every user table whenever migrations ran.
  await applyRowLevelSecurity(db);
  // A migration may have added tables or columns: the journal's triggers name them (SQLite).
  if (results?.some((r) => r.status === 'Success')) await refreshJournalTriggers(db);
}
