import { type Kysely, type Migration, sql } from 'kysely';
import { refreshJournalTriggers } from './journal-tables.js';

/**
 * 0005_people_and_undo: the operations journal behind `finch history` and `finch undo`
 * (history_ops: one row per write command; history_changes: the row images it changed, captured
 * by triggers, see journal-tables.ts). People and debts need no new columns: payers, shares and
 * repayments are split rows. Idempotent (SQLite runs migrations outside a transaction).
 */
export const peopleAndUndo: Migration = {
  async up(db: Kysely<any>) {
    const postgres = await sql<{ v: string }>`select version() as v`
      .execute(db)
      .then((r) => /postgres/i.test(r.rows[0]?.v ?? ''))
      .catch(() => false);
    await db.schema
      .createTable('history_ops')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('summary_json', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('undone_at', 'text')
      .execute();
    await db.schema.createIndex('history_ops_user_state').ifNotExists().on('history_ops').columns(['state', 'user_id', 'created_at']).execute();
    await db.schema
      .createTable('history_changes')
      .ifNotExists()
      .addColumn('seq', postgres ? 'bigserial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('op_id', 'text', (c) => c.notNull().references('history_ops.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('table_name', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('row_json', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('history_changes_op').ifNotExists().on('history_changes').columns(['op_id', 'seq']).execute();
    if (postgres) {
      for (const table of ['history_ops', 'history_changes']) {
        await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
        await sql`drop policy if exists finch_user_scope on ${sql.table(table)}`.execute(db);
        await sql`create policy finch_user_scope on ${sql.table(table)} using (
          coalesce(current_setting('finch.user', true), '') = ''
          or user_id = (select u.id from users u where u.name = current_setting('finch.user', true))
        )`.execute(db);
      }
    }
    await refreshJournalTriggers(db);
  },
};
