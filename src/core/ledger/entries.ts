import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Ctx } from '../db/index.js';

/*
 * The read side of money: the one place that turns transaction rows into the figures every
 * report, budget, goal and export counts. An entry's
 * - kind comes from its category (a category decides a kind; an uncategorised row falls back to
 *   its type): an income category is income; a transfer category is a transfer, or a repayment
 *   when the entry is split with other people; any other category is spending, or a refund when
 *   money came back (a positive amount) — refunds net against their category, they are not income;
 * - my share is what the user's own split row says (their part of the cost), signed like the
 *   amount; without splits it is the whole amount;
 * - account amount is what moved in the user's account: what the user paid (their split row's
 *   `paid`), so an expense someone else paid moves nothing, and a repayment moves my share − paid
 *   (the money received, or paid out, to settle);
 * - the difference (my share − account amount) is owed: positive is owed to me (receivable),
 *   so a repayment received (+X in the account, no share) lowers what that person owes by X;
 *   negative is what I owe (payable). It is spread over the people on the other side of the entry
 *   by `personShares`.
 * Journal postings follow by construction: account = account amount, the category = −my share,
 * each person = their part of what is owed; they sum to zero.
 */

export const ENTRY_KINDS = ['spending', 'income', 'transfer', 'refund', 'repayment'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
/** What counts as spending (refunds net against it). The one definition, used everywhere. */
export const SPENDING_KINDS: readonly EntryKind[] = ['spending', 'refund'];
export const INCOME_KINDS: readonly EntryKind[] = ['income'];
export const TRANSFER_KINDS: readonly EntryKind[] = ['transfer', 'repayment'];

/** The user's own split facts per transaction (`sp`): their share, what they paid, how many others. */
function splitFacts(ctx: Ctx) {
  return ctx.db
    .selectFrom('splits as s')
    .select([
      's.transaction_id',
      sql<number>`sum(case when s.person_id is null then s.share_minor else 0 end)`.as('my_share'),
      sql<number>`sum(case when s.person_id is null then s.paid_minor else 0 end)`.as('my_paid'),
      sql<number>`sum(case when s.person_id is not null and (s.share_minor <> 0 or s.paid_minor <> 0) then 1 else 0 end)`.as('others'),
    ])
    .where('s.user_id', '=', ctx.userId)
    .groupBy('s.transaction_id')
    .as('sp');
}

/**
 * `transactions as t` with its category `c` and split facts `sp`, filtered by `where` (an
 * expression over `t`, e.g. from `filterExpression`). Select `entryColumns` (or the single
 * expressions below) from it; aggregate in SQL.
 */
export function entrySource(ctx: Ctx, where: Expression<SqlBool>) {
  return ctx.db
    .selectFrom('transactions as t')
    .leftJoin('categories as c', 'c.id', 't.category_id')
    .leftJoin(splitFacts(ctx), 'sp.transaction_id', 't.id')
    .where(where);
}

/** The category's kind, or the row's type when it has no category. */
const baseKind = sql<string>`coalesce(c.kind, case t.type when 'transfer' then 'transfer' when 'income' then 'income' else 'expense' end)`;
const hasOthers = sql<SqlBool>`coalesce(sp.others, 0) > 0`;

export const entryKind: RawBuilder<EntryKind> = sql<EntryKind>`(case
  when ${baseKind} = 'transfer' then (case when ${hasOthers} then 'repayment' else 'transfer' end)
  when ${baseKind} = 'income' then 'income'
  when t.amount_minor > 0 then 'refund'
  else 'spending' end)`;

/** What moved in the account (signed, the account's currency). */
export const accountMinor: RawBuilder<number> = sql<number>`(case
  when not ${hasOthers} then t.amount_minor
  when ${baseKind} = 'transfer' then sp.my_share - sp.my_paid
  when t.amount_minor < 0 then -sp.my_paid
  else sp.my_paid end)`;

/**
 * My share (signed like the amount). A transfer's is what moved (the account amount); a
 * repayment's is nothing: the money moved settles a debt, it is nobody's spending.
 */
export const shareMinor: RawBuilder<number> = sql<number>`(case
  when not ${hasOthers} then t.amount_minor
  when ${baseKind} = 'transfer' then 0
  when t.amount_minor < 0 then -sp.my_share
  else sp.my_share end)`;

/** The full amount paid, whoever paid it (`--gross`). */
export const grossMinor: RawBuilder<number> = sql<number>`t.amount_minor`;

/** What is owed because of the entry: positive to me, negative by me. */
export const owedMinor: RawBuilder<number> = sql<number>`(${shareMinor} - ${accountMinor})`;

/** The amount in the currency it was spent in (the account's, unless it was spent abroad). */
export const originalMinor: RawBuilder<number> = sql<number>`coalesce(t.original_amount_minor, t.amount_minor)`;
export const originalCurrency: RawBuilder<string> = sql<string>`coalesce(t.original_currency, t.currency)`;

/** Spending figures come from my share, or from the full amount with `gross`. */
export function amountFor(gross: boolean | undefined): RawBuilder<number> {
  return gross ? grossMinor : shareMinor;
}

/** A WHERE on the entry kind, over `entrySource`. */
export function kindIn(kinds: readonly EntryKind[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`${entryKind} in (${sql.join(kinds.map((k) => sql.lit(k)))})`;
}

/** The entry kinds a transaction type filter (`--type`) means. */
export function kindsOfType(type: 'expense' | 'income' | 'transfer'): readonly EntryKind[] {
  return type === 'expense' ? SPENDING_KINDS : type === 'income' ? INCOME_KINDS : TRANSFER_KINDS;
}

/** The stored type a category gives an entry (a refund is an expense with a positive amount). */
export function typeForCategory(categoryKind: string): 'expense' | 'income' | 'transfer' {
  return categoryKind === 'transfer' ? 'transfer' : categoryKind === 'income' ? 'income' : 'expense';
}

export interface SplitRow {
  /** null is the user. */
  person: string | null;
  shareMinor: number;
  paidMinor: number;
}

/**
 * Spreads what the entry leaves owed (`owed`, positive to me) over the other people on it: when
 * I am owed, over those who paid less than their share (in proportion to it); when I owe, over
 * those who paid more. Largest remainders keep the parts summing to `owed` exactly. What cannot be
 * placed (inconsistent splits) is returned as `unplaced`.
 */
export function personShares(owed: number, splits: readonly SplitRow[]): { parts: Array<{ person: string; minor: number }>; unplaced: number } {
  if (owed === 0) return { parts: [], unplaced: 0 };
  const nets = new Map<string, number>();
  for (const s of splits) if (s.person) nets.set(s.person, (nets.get(s.person) ?? 0) + s.paidMinor - s.shareMinor);
  // Owed to me: the others whose net is negative (they owe); owed by me: those with a positive net.
  const side = [...nets].filter(([, n]) => (owed > 0 ? n < 0 : n > 0)).map(([person, n]) => ({ person, w: Math.abs(n) }));
  const total = side.reduce((a, x) => a + x.w, 0);
  if (total === 0) return { parts: [], unplaced: owed };
  const abs = Math.abs(owed);
  const take = Math.min(abs, total);
  const raw = side.map((x) => ({ person: x.person, exact: (take * x.w) / total }));
  const parts = raw.map((r) => ({ person: r.person, minor: Math.floor(r.exact), rem: r.exact - Math.floor(r.exact) }));
  let left = take - parts.reduce((a, p) => a + p.minor, 0);
  for (const p of [...parts].sort((a, b) => b.rem - a.rem || a.person.localeCompare(b.person))) {
    if (left <= 0) break;
    p.minor += 1;
    left -= 1;
  }
  const sign = owed > 0 ? 1 : -1;
  return { parts: parts.filter((p) => p.minor !== 0).map((p) => ({ person: p.person, minor: sign * p.minor })), unplaced: sign * (abs - take) };
}

/** An account's entries in a date range, with what each moved in the account (statement dedup). */
export async function accountEntriesBetween(ctx: Ctx, accountId: string, from: string, to: string): Promise<Array<{ id: string; date: string; amount_minor: number; description: string; import_key: string | null; source_ref: string | null }>> {
  const rows = await entrySource(ctx, sql<SqlBool>`t.user_id = ${ctx.userId} and t.account_id = ${accountId} and t.date >= ${from} and t.date <= ${to}`)
    .select(['t.id', 't.date', accountMinor.as('amount_minor'), 't.description', 't.import_key', 't.source_ref'])
    .execute();
  return rows.map((r) => ({ ...r, amount_minor: Number(r.amount_minor) }));
}

/** The newest categorised entries (description, merchant, category slug): what learning trains on. */
export async function categorizedHistory(ctx: Ctx, limit: number): Promise<Array<{ description: string; merchant: string | null; slug: string }>> {
  const rows = await entrySource(ctx, sql<SqlBool>`t.user_id = ${ctx.userId} and c.id is not null`)
    .select(['t.description', 't.merchant', 'c.slug'])
    .orderBy('t.date', 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ description: r.description, merchant: r.merchant, slug: r.slug! }));
}

/** Each account's first entry date. */
export async function firstDatePerAccount(ctx: Ctx): Promise<Map<string, string>> {
  const rows = await entrySource(ctx, sql<SqlBool>`t.user_id = ${ctx.userId} and t.account_id is not null`)
    .select(['t.account_id', sql<string>`min(t.date)`.as('first')])
    .groupBy('t.account_id')
    .execute();
  return new Map(rows.map((r) => [r.account_id as string, r.first]));
}

/** The day of the first entry in `currency` (the account's), or null. */
export async function firstEntryDate(ctx: Ctx, currency: string): Promise<string | null> {
  const r = await entrySource(ctx, sql<SqlBool>`t.user_id = ${ctx.userId} and t.currency = ${currency}`).select(sql<string | null>`min(t.date)`.as('first')).executeTakeFirst();
  return r?.first ?? null;
}

/** Every currency the entries use: the accounts' and the ones spent abroad. */
export async function entryCurrencies(ctx: Ctx): Promise<string[]> {
  const rows = await entrySource(ctx, sql<SqlBool>`t.user_id = ${ctx.userId}`)
    .select([sql<string>`t.currency`.as('a'), sql<string | null>`t.original_currency`.as('o')])
    .distinct()
    .execute();
  return [...new Set(rows.flatMap((r) => (r.o ? [r.a, r.o] : [r.a])))].sort();
}
