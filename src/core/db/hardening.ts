import { type Kysely, type Migration, sql } from 'kysely';

/**
 * 0007_hardening.
 *
 * Row-level security that a non-owner role cannot talk its way past. The identity is the
 * PostgreSQL role itself (`current_user`), which only the server's authentication and `SET ROLE`
 * (limited to roles the session is a member of) can change; `finch_roles` maps each role to one
 * finch profile and only the owner writes it. A role linked to nothing sees nothing. The previous
 * policy read `finch.user`, a setting any session may set to anything, and let everything through
 * when it was empty.
 *
 * Also, on both databases: `secret_keys`, the fingerprint of the key that sealed a profile's
 * secrets, so a machine with another key is told so instead of making a new one.
 */
export const hardening: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('secret_keys')
      .ifNotExists()
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await applyRowLevelSecurity(db);
  },
};

/** PostgreSQL only, idempotent: the role-based policies on finch_roles, users and every user table. */
export async function applyRowLevelSecurity(db: Kysely<any>): Promise<void> {
    if (!(await isPostgres(db))) return;
    // Not yet migrated to 0007 (an unordered run): nothing to do until it is.
    const ready = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = current_schema() and table_name = 'users'`.execute(db);
    if (!ready.rows[0]?.n) return;
    await db.schema
      .createTable('finch_roles')
      .ifNotExists()
      .addColumn('role_name', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    // Read-only policies: with no policy for insert/update/delete, a non-owner cannot link itself
    // or rename a profile even if an operator granted it every table privilege.
    await sql`alter table finch_roles enable row level security`.execute(db);
    await sql`drop policy if exists finch_role_self on finch_roles`.execute(db);
    await sql`create policy finch_role_self on finch_roles for select using (role_name = current_user)`.execute(db);

    await sql`alter table users enable row level security`.execute(db);
    await sql`drop policy if exists finch_user_scope on users`.execute(db);
    await sql`create policy finch_user_scope on users for select using (id = (select r.user_id from finch_roles r where r.role_name = current_user))`.execute(db);

    // Every table with a user_id column, whoever's migration made it: a table added later by
    // another module is covered without anyone remembering to list it.
    for (const table of await tablesWithUserId(db)) {
      await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
      await sql`drop policy if exists finch_user_scope on ${sql.table(table)}`.execute(db);
      await sql`create policy finch_user_scope on ${sql.table(table)} using (
        user_id = (select r.user_id from finch_roles r where r.role_name = current_user)
      )`.execute(db);
    }
}

async function isPostgres(db: Kysely<any>): Promise<boolean> {
  return sql<{ v: string }>`select version() as v`
    .execute(db)
    .then((r) => /postgres/i.test(r.rows[0]?.v ?? ''))
    .catch(() => false);
}

async function tablesWithUserId(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and c.column_name = 'user_id' and t.table_type = 'BASE TABLE'
      and c.table_name not in ('finch_roles')
    order by c.table_name`.execute(db);
  return rows.map((r) => r.table_name);
}
