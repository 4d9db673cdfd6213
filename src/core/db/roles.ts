import { type Kysely, sql } from 'kysely';
import { FinchError } from '../errors/index.js';
import type { Database } from './schema.js';

/**
 * Who the PostgreSQL connection is. A role that owns finch's tables (or is a superuser or has
 * BYPASSRLS) is an owner: it migrates and may act as any profile, its queries scoped by finch
 * itself. Any other role is restricted to the one profile `finch_roles` links it to, by the
 * row-level security policies of 0007_hardening (see hardening.ts).
 */
export interface SessionAccess {
  role: string;
  restricted: boolean;
  /** The profile name a restricted role is linked to, if any. */
  linkedUser?: string;
}

export async function sessionAccess(db: Kysely<Database>): Promise<SessionAccess> {
  const { rows } = await sql<{ role: string; bypass: boolean | null; owner: boolean | null }>`
    select current_user::text as role,
      (select rolsuper or rolbypassrls from pg_roles where rolname = current_user) as bypass,
      pg_has_role(current_user, (select tableowner from pg_tables where schemaname = current_schema() and tablename = 'transactions'), 'USAGE') as owner
  `.execute(db);
  const r = rows[0]!;
  if (r.bypass || r.owner) return { role: r.role, restricted: false };
  const linked = await sql<{ name: string }>`
    select u.name from finch_roles r join users u on u.id = r.user_id where r.role_name = current_user
  `.execute(db);
  return { role: r.role, restricted: true, linkedUser: linked.rows[0]?.name };
}

/** The tables a restricted role may read but never write: who is who, and the schema's history. */
const READ_ONLY = ['users', 'finch_roles', 'kysely_migration', 'kysely_migration_lock'];

/**
 * Owner only: links PostgreSQL role `role` to the profile `userId` and grants it what finch needs
 * (read and write of the profile's rows; read of users, roles and migrations). The role must
 * already exist; finch does not create logins.
 */
export async function grantRole(db: Kysely<Database>, role: string, userId: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_$]*$/i.test(role)) throw new FinchError('INVALID_INPUT', `invalid PostgreSQL role name "${role}"`);
  const access = await sessionAccess(db);
  if (access.restricted) throw new FinchError('DATABASE', `only the owner of finch's tables can link roles; "${access.role}" is not the owner`);
  const exists = await sql<{ n: number }>`select count(*)::int as n from pg_roles where rolname = ${role}`.execute(db);
  if (!exists.rows[0]?.n) throw new FinchError('NOT_FOUND', `PostgreSQL role "${role}" does not exist (create it first: create role ${role} login)`);
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s;
  await db.transaction().execute(async (tx) => {
    await sql`insert into finch_roles (role_name, user_id, created_at) values (${role}, ${userId}, ${new Date().toISOString()})
      on conflict (role_name) do update set user_id = excluded.user_id`.execute(tx);
    await sql`grant usage on schema ${sql.id(schema)} to ${sql.id(role)}`.execute(tx);
    await sql`grant select, insert, update, delete on all tables in schema ${sql.id(schema)} to ${sql.id(role)}`.execute(tx);
    // Serial columns (the history journal's sequence number) need their sequences too.
    await sql`grant usage, select on all sequences in schema ${sql.id(schema)} to ${sql.id(role)}`.execute(tx);
    for (const table of READ_ONLY) {
      await sql`revoke insert, update, delete, truncate on ${sql.table(table)} from ${sql.id(role)}`.execute(tx);
    }
  });
}
