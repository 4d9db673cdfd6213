import { type SqlBool, sql } from 'kysely';
import { accountMinor, entrySource } from './entries.js';
import { newId, type AccountKind, type Ctx, type Database } from '../db/index.js';
import { conflict, invalid, notFound } from '../errors/index.js';
import { nowIso } from '../calendar/index.js';
import { type CurrencyCode, currencyCode, decimalToMinor } from '../money/index.js';

export const ACCOUNT_KINDS: readonly AccountKind[] = ['bank', 'card', 'cash', 'wallet', 'loan', 'savings', 'investment'];

export interface Account {
  id: string;
  name: string;
  kind: AccountKind;
  currency: CurrencyCode;
  openingBalanceMinor: number;
  institution: string | null;
  numberHint: string | null;
  archived: boolean;
  createdAt: string;
}

export interface AccountWithBalance extends Account {
  balanceMinor: number;
  transactionCount: number;
}

export interface NewAccount {
  name: string;
  kind?: string;
  currency?: string;
  /** Decimal string in the account's currency, e.g. "1200.50" or "-300". */
  openingBalance?: string;
  institution?: string;
  numberHint?: string;
}

function toAccount(r: Database['accounts']): Account {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    currency: r.currency as CurrencyCode,
    openingBalanceMinor: Number(r.opening_balance_minor),
    institution: r.institution,
    numberHint: r.number_hint,
    archived: r.archived === 1,
    createdAt: r.created_at,
  };
}

export function accountKind(text: string): AccountKind {
  const k = text.trim().toLowerCase();
  if (!(ACCOUNT_KINDS as readonly string[]).includes(k)) {
    throw invalid(`invalid account kind "${text}": one of ${ACCOUNT_KINDS.join(', ')}`);
  }
  return k as AccountKind;
}

function validName(name: string): string {
  const n = name.trim();
  if (!n || n.length > 80 || /[\u0000-\u001f]/.test(n)) throw invalid(`invalid account name "${name}"`);
  return n;
}

export async function addAccount(ctx: Ctx, input: NewAccount): Promise<Account> {
  const name = validName(input.name);
  const currency = currencyCode(input.currency ?? ctx.homeCurrency);
  const kind = accountKind(input.kind ?? 'bank');
  const opening = input.openingBalance ? decimalToMinor(input.openingBalance, currency, 'opening balance') : 0;
  if (await findAccount(ctx, name)) throw conflict(`account "${name}" already exists`);
  const now = nowIso();
  const row = {
    id: newId(),
    user_id: ctx.userId,
    name,
    kind,
    currency,
    opening_balance_minor: opening,
    institution: input.institution?.trim() || null,
    number_hint: input.numberHint?.trim() || null,
    archived: 0,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.insertInto('accounts').values(row).execute();
  return toAccount(row);
}

/** By exact id, else by name (case-insensitive). */
export async function findAccount(ctx: Ctx, nameOrId: string): Promise<Account | undefined> {
  const key = nameOrId.trim();
  const row = await ctx.db
    .selectFrom('accounts')
    .selectAll()
    .where('user_id', '=', ctx.userId)
    .where((eb) => eb.or([eb('id', '=', key), eb(eb.fn('lower', ['name']), '=', key.toLowerCase())]))
    .executeTakeFirst();
  return row ? toAccount(row) : undefined;
}

export async function getAccount(ctx: Ctx, nameOrId: string): Promise<Account> {
  const a = await findAccount(ctx, nameOrId);
  if (!a) throw notFound(`unknown account "${nameOrId}"`, 'account');
  return a;
}

/** What the entries moved in each account (the read side's account amount), and how many there are. */
async function movedByAccount(ctx: Ctx, accountId?: string): Promise<Map<string, { total: number; n: number }>> {
  const where = accountId ? sql<SqlBool>`t.user_id = ${ctx.userId} and t.account_id = ${accountId}` : sql<SqlBool>`t.user_id = ${ctx.userId} and t.account_id is not null`;
  const rows = await entrySource(ctx, where)
    .select(['t.account_id', sql<number | string>`sum(${accountMinor})`.as('total'), sql<number | string>`count(*)`.as('n')])
    .groupBy('t.account_id')
    .execute();
  return new Map(rows.map((r) => [r.account_id as string, { total: Number(r.total), n: Number(r.n) }]));
}

export async function listAccounts(ctx: Ctx, opts: { includeArchived?: boolean } = {}): Promise<AccountWithBalance[]> {
  let q = ctx.db.selectFrom('accounts as a').selectAll('a').where('a.user_id', '=', ctx.userId).orderBy('a.name');
  if (!opts.includeArchived) q = q.where('a.archived', '=', 0);
  const rows = await q.execute();
  const moved = await movedByAccount(ctx);
  return rows.map((r) => {
    const a = toAccount(r);
    const m = moved.get(a.id) ?? { total: 0, n: 0 };
    return { ...a, balanceMinor: a.openingBalanceMinor + m.total, transactionCount: m.n };
  });
}

export async function accountWithBalance(ctx: Ctx, nameOrId: string): Promise<AccountWithBalance> {
  const a = await getAccount(ctx, nameOrId);
  const m = (await movedByAccount(ctx, a.id)).get(a.id) ?? { total: 0, n: 0 };
  return { ...a, balanceMinor: a.openingBalanceMinor + m.total, transactionCount: m.n };
}

export interface AccountChanges {
  name?: string;
  kind?: string;
  openingBalance?: string;
  institution?: string;
  numberHint?: string;
  currency?: string;
}

export async function editAccount(ctx: Ctx, nameOrId: string, changes: AccountChanges): Promise<Account> {
  const a = await getAccount(ctx, nameOrId);
  const set: Partial<Database['accounts']> = { updated_at: nowIso() };
  if (changes.name !== undefined) {
    const name = validName(changes.name);
    const clash = await findAccount(ctx, name);
    if (clash && clash.id !== a.id) throw conflict(`account "${name}" already exists`);
    set.name = name;
  }
  if (changes.kind !== undefined) set.kind = accountKind(changes.kind);
  if (changes.currency !== undefined) {
    const currency = currencyCode(changes.currency);
    if (currency !== a.currency) {
      const used = await ctx.db.selectFrom('transactions').select('id').where('account_id', '=', a.id).limit(1).executeTakeFirst();
      if (used) throw conflict(`account "${a.name}" has transactions in ${a.currency}; its currency cannot change`);
    }
    set.currency = currency;
  }
  const currency = (set.currency ?? a.currency) as CurrencyCode;
  if (changes.openingBalance !== undefined) set.opening_balance_minor = decimalToMinor(changes.openingBalance, currency, 'opening balance');
  if (changes.institution !== undefined) set.institution = changes.institution.trim() || null;
  if (changes.numberHint !== undefined) set.number_hint = changes.numberHint.trim() || null;
  await ctx.db.updateTable('accounts').set(set).where('id', '=', a.id).where('user_id', '=', ctx.userId).execute();
  return getAccount(ctx, a.id);
}

export async function setAccountArchived(ctx: Ctx, nameOrId: string, archived: boolean): Promise<Account> {
  const a = await getAccount(ctx, nameOrId);
  await ctx.db
    .updateTable('accounts')
    .set({ archived: archived ? 1 : 0, updated_at: nowIso() })
    .where('id', '=', a.id)
    .where('user_id', '=', ctx.userId)
    .execute();
  return { ...a, archived };
}
