import type { Kysely } from 'kysely';
import { newId, type Database } from '../db/index.js';
import { invalid } from '../errors/index.js';
import { nowIso } from '../calendar/index.js';
import { type CurrencyCode, currencyCode } from '../money/index.js';

export interface User {
  id: string;
  name: string;
  displayName: string;
  homeCurrency: CurrencyCode;
  createdAt: string;
}

export const DEFAULT_USER = 'me';

export function validUserName(name: string): string {
  const n = name.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9_.-]{0,39}$/.test(n)) {
    throw invalid(`invalid user name "${name}": use letters, digits, . _ - (up to 40)`);
  }
  return n;
}

function toUser(row: Database['users']): User {
  return {
    id: row.id,
    name: row.name,
    displayName: row.display_name,
    homeCurrency: row.home_currency as CurrencyCode,
    createdAt: row.created_at,
  };
}

export async function findUser(db: Kysely<Database>, name: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('name', '=', validUserName(name)).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('name').execute();
  return rows.map(toUser);
}

/** Creates the user if missing (with `homeCurrency`); returns it either way. */
export async function ensureUser(
  db: Kysely<Database>,
  name: string,
  homeCurrency: string = 'USD',
): Promise<{ user: User; created: boolean }> {
  const existing = await findUser(db, name);
  if (existing) return { user: existing, created: false };
  const row = {
    id: newId(),
    name: validUserName(name),
    display_name: name.trim(),
    home_currency: currencyCode(homeCurrency),
    created_at: nowIso(),
  };
  await db.insertInto('users').values(row).onConflict((oc) => oc.column('name').doNothing()).execute();
  const user = await findUser(db, name);
  return { user: user!, created: user!.id === row.id };
}

export async function setHomeCurrency(db: Kysely<Database>, userId: string, code: string): Promise<void> {
  await db.updateTable('users').set({ home_currency: currencyCode(code) }).where('id', '=', userId).execute();
}
