import { type Kysely, type Migration, sql } from 'kysely';

/**
 * CSV column mappings keyed by a layout's header fingerprint, not by account: one account may
 * receive several layouts, and one layout (a bank's export) maps the same way for every account.
 * The per-account csv_mappings table of 0001 stays (unused) so older databases keep their data.
 */
export const csvLayoutMappings: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('csv_layout_mappings')
      .ifNotExists()
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('header_json', 'text', (c) => c.notNull())
      .addColumn('mapping_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('csv_layout_mappings_pk', ['user_id', 'fingerprint'])
      .execute();
    const isPostgres = await sql<{ v: string }>`select version() as v`
      .execute(db)
      .then((r) => /postgres/i.test(r.rows[0]?.v ?? ''))
      .catch(() => false);
    if (!isPostgres) return;
    // the same per-user row-level security as every other user table (0002)
    await sql`alter table csv_layout_mappings enable row level security`.execute(db);
    await sql`drop policy if exists finch_user_scope on csv_layout_mappings`.execute(db);
    await sql`create policy finch_user_scope on csv_layout_mappings using (
      coalesce(current_setting('finch.user', true), '') = ''
      or user_id = (select u.id from users u where u.name = current_setting('finch.user', true))
    )`.execute(db);
  },
};
