import { Kysely, Migrator, type Migration, sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import { dumpTables } from '../../helpers/table-dump.js';
import { migrations, refreshJournalTriggers } from '../../../src/core/db/index.js';

describeEachDialect('the journal across schema changes', (t) => {
  afterEach(() => t.cleanup());

  it('a ledger made before 0005 gets the journal when it is opened, and undo works in it', async () => {
    // Build the schema as it was before this migration.
    const fresh = t.target();
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0005'));
    const raw = await openRaw(fresh);
    const { error } = await new Migrator({ db: raw.db, provider: { getMigrations: async () => before as Record<string, Migration> }, ...(raw.schema ? { migrationTableSchema: raw.schema } : {}) }).migrateToLatest();
    expect(error).toBeUndefined();
    await raw.close();
    const v1 = await t.open({ db: fresh, homeCurrency: 'EUR' });
    await v1.transactions.add({ amount: '12', description: 'kept' });
    const ops = await v1.history.list();
    expect(ops.map((o) => o.label)).toEqual(['tx add 12 kept']);
    const snapshot = await dumpTables(v1);
    await v1.transactions.bulk.delete({ text: 'kept' });
    await v1.history.undo();
    expect(await dumpTables(v1)).toEqual(snapshot);
    await v1.close();
  });

  it('after a migration adds a column, its values are journaled and restored too', async () => {
    const finch = await t.open({ homeCurrency: 'EUR' });
    await sql`alter table transactions add column extra_note text`.execute(finch.ctx.db);
    await refreshJournalTriggers(finch.ctx.db);
    const x = await finch.transactions.add({ amount: '5', description: 'with extra' });
    await sql`update transactions set extra_note = 'remember me' where id = ${x.id}`.execute(finch.ctx.db);
    const snapshot = await dumpTables(finch);
    await finch.transactions.delete(x.id);
    await finch.history.undo();
    const after = await dumpTables(finch);
    expect(after).toEqual(snapshot);
    expect((after.transactions as Array<{ extra_note: string }>)[0]!.extra_note).toBe('remember me');
    await finch.close();
  });
});

/** A bare Kysely on the target (no finch migrations), for building an old schema. */
async function openRaw(target: string): Promise<{ db: Kysely<any>; schema?: string; close: () => Promise<void> }> {
  if (!/^postgres/.test(target)) {
    const { default: SQLite } = await import('better-sqlite3');
    const { SqliteDialect } = await import('kysely');
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(target) }) });
    return { db, close: () => db.destroy() };
  }
  const url = new URL(target);
  const schema = url.searchParams.get('schema')!;
  url.searchParams.delete('schema');
  const { default: pg } = await import('pg');
  const { PostgresDialect, CompiledQuery } = await import('kysely');
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  await pool.query(`create schema if not exists "${schema}"`);
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool, onCreateConnection: async (c) => void (await c.executeQuery(CompiledQuery.raw(`set search_path to "${schema}"`))) }) });
  return { db, schema, close: () => db.destroy() };
}
