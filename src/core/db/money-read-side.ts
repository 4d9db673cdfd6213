import { type Kysely, type Migration, sql } from 'kysely';

/**
 * 0004_money_read_side: what one entry needs to be read the same way everywhere.
 * - transactions.original_amount_minor / original_currency: an entry spent in another currency
 *   than its account's keeps what was paid there (amount_minor stays the account's amount).
 * - transactions.cleared: 1 once a stated (bank) balance covered it (`finch account reconcile`).
 * - balance_assertions: the balance an account had at the end of a day, as a statement printed it
 *   or the user stated it; the exports write them and `account reconcile` checks them.
 * Idempotent (SQLite runs migrations outside a transaction): columns are added only when missing.
 */
async function isPostgres(db: Kysely<any>): Promise<boolean> {
  return sql<{ v: string }>`select version() as v`
    .execute(db)
    .then((r) => /postgres/i.test(r.rows[0]?.v ?? ''))
    .catch(() => false);
}

/** Adds a column unless it is there (Postgres: IF NOT EXISTS in this schema; SQLite: table_info). */
async function addColumnOnce(db: Kysely<any>, pg: boolean, table: string, column: string, type: string): Promise<void> {
  if (pg) {
    await sql`alter table ${sql.table(table)} add column if not exists ${sql.ref(column)} ${sql.raw(type)}`.execute(db);
    return;
  }
  const cols = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  if (!cols.rows.some((c) => c.name === column)) await sql`alter table ${sql.table(table)} add column ${sql.ref(column)} ${sql.raw(type)}`.execute(db);
}

export const moneyReadSide: Migration = {
  async up(db: Kysely<any>) {
    const pg = await isPostgres(db);
    await addColumnOnce(db, pg, 'transactions', 'original_amount_minor', 'bigint');
    await addColumnOnce(db, pg, 'transactions', 'original_currency', 'text');
    await addColumnOnce(db, pg, 'transactions', 'cleared', 'integer not null default 0');
    await db.schema
      .createTable('balance_assertions')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('balance_minor', 'bigint', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('source_ref', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('balance_assertions_account_date', ['user_id', 'account_id', 'date'])
      .execute();
    if (pg) {
      await sql`alter table balance_assertions enable row level security`.execute(db);
      await sql`drop policy if exists finch_user_scope on balance_assertions`.execute(db);
      await sql`create policy finch_user_scope on balance_assertions using (
        coalesce(current_setting('finch.user', true), '') = ''
        or user_id = (select u.id from users u where u.name = current_setting('finch.user', true))
      )`.execute(db);
    }
  },
};
