import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Layout profiles (issue 12): what one correction taught about a bank's statement layout, keyed by
 * the layout fingerprint, per user. Idempotent: SQLite runs migrations outside a transaction.
 */
export const layoutProfiles: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('layout_profiles')
      .ifNotExists()
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('profile_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('layout_profiles_pk', ['user_id', 'fingerprint'])
      .execute();
    const isPostgres = await sql<{ v: string }>`select version() as v`
      .execute(db)
      .then((r) => /postgres/i.test(r.rows[0]?.v ?? ''))
      .catch(() => false);
    if (!isPostgres) return;
    // the same per-user policy as every other user table (0002_row_level_security)
    await sql`alter table layout_profiles enable row level security`.execute(db);
    await sql`drop policy if exists finch_user_scope on layout_profiles`.execute(db);
    await sql`create policy finch_user_scope on layout_profiles using (
      coalesce(current_setting('finch.user', true), '') = ''
      or user_id = (select u.id from users u where u.name = current_setting('finch.user', true))
    )`.execute(db);
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('layout_profiles').ifExists().execute();
  },
};
