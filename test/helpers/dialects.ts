import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { openFinch, type Finch, type OpenFinchOptions } from '../../src/core/index.js';

export const PG_URL = process.env.FINCH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgProblem = await probePostgres();
if (pgProblem) {
  if (process.env.CI) throw new Error(`CI needs PostgreSQL at ${PG_URL}: ${pgProblem}`);
  console.log(`PostgreSQL not reachable at ${PG_URL} (${pgProblem}): skipping the Postgres half of the suite`);
}

export type Dialect = 'sqlite' | 'postgres';

export interface TestDb {
  readonly dialect: Dialect;
  /** A fresh, empty database target (SQLite file or Postgres schema). */
  target(): string;
  /** A FINCH_HOME directory for this test. */
  home(): string;
  open(options?: OpenFinchOptions): Promise<Finch>;
  /** Drops every database and directory this TestDb made. */
  cleanup(): Promise<void>;
}

export function makeTestDb(dialect: Dialect): TestDb {
  const dirs: string[] = [];
  const schemas: string[] = [];
  let current: string | undefined;
  let home: string | undefined;
  const newDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'finch-test-'));
    dirs.push(d);
    return d;
  };
  const api: TestDb = {
    dialect,
    target() {
      if (dialect === 'sqlite') {
        current = join(newDir(), 'finch.db');
      } else {
        const schema = `t_${randomBytes(6).toString('hex')}`;
        schemas.push(schema);
        current = `${PG_URL}?schema=${schema}`;
      }
      return current;
    },
    home() {
      home ??= newDir();
      return home;
    },
    async open(options = {}) {
      const db = options.db ?? current ?? api.target();
      return openFinch({ home: api.home(), env: {}, ...options, db });
    },
    async cleanup() {
      if (schemas.length) {
        const client = new pg.Client({ connectionString: PG_URL });
        await client.connect();
        for (const s of schemas.splice(0)) await client.query(`drop schema if exists "${s}" cascade`);
        await client.end();
      }
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
      current = undefined;
      home = undefined;
    },
  };
  return api;
}

/** Runs the same tests once per database, the way kysely's own suite does. */
export function describeEachDialect(title: string, body: (t: TestDb) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const skip = dialect === 'postgres' && pgProblem !== null;
    (skip ? describe.skip : describe)(`${title} [${dialect}]`, () => body(makeTestDb(dialect)));
  }
}

/** Tests that only make sense on Postgres (roles, row-level security, SKIP LOCKED across processes). */
export function describePostgres(title: string, body: (t: TestDb) => void): void {
  (pgProblem === null ? describe : describe.skip)(`${title} [postgres]`, () => body(makeTestDb('postgres')));
}
