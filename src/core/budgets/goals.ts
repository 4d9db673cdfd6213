import { type SqlBool, sql } from 'kysely';
import { newId, type Ctx } from '../db/index.js';
import { conflict, invalid, notFound } from '../errors/index.js';
import { type CalendarDate, nowIso, today as todayOf, toCalendarDate } from '../calendar/index.js';
import { type CurrencyCode, currencyCode, decimalToMinor, minorToDecimal } from '../money/index.js';
import { accountWithBalance, ensureTags, entrySource, getAccount, normalizeTag, shareMinor } from '../ledger/index.js';

export interface NewGoal {
  name: string;
  /** Decimal target amount, e.g. "3000.00". */
  target: string;
  /** Default: the account's currency, else the home currency. */
  currency?: string;
  /** YYYY-MM-DD; without one there is no required monthly saving. */
  by?: string;
  /** Progress is this account's balance… */
  account?: string;
  /** …or the total of this tag's transactions (money set aside, counted positive). */
  tag?: string;
}

export interface Goal {
  id: string;
  name: string;
  targetMinor: number;
  target: string;
  currency: CurrencyCode;
  targetDate: CalendarDate | null;
  account: string | null;
  tag: string | null;
  createdAt: string;
}

export interface GoalStatus extends Goal {
  savedMinor: number;
  saved: string;
  remainingMinor: number;
  remaining: string;
  /** Saved as a percentage of the target, one decimal, at most 100. */
  percent: number;
  /**
   * Whole months left to save in, counting the current month and not the target date's month
   * (a target in the current month leaves 1; a past target 0).
   */
  monthsLeft: number | null;
  /** remaining / monthsLeft, rounded up to the minor unit; the whole remaining when overdue. */
  requiredMonthlyMinor: number | null;
  requiredMonthly: string | null;
  reached: boolean;
  overdue: boolean;
}

function validName(name: string): string {
  const n = name.trim();
  if (!n || n.length > 80 || /[\u0000-\u001f]/.test(n)) throw invalid(`invalid goal name "${name}"`);
  return n;
}

export async function addGoal(ctx: Ctx, input: NewGoal): Promise<Goal> {
  const name = validName(input.name);
  if (!input.account === !input.tag) throw invalid('a goal tracks progress from one account (--account) or one tag (--tag)');
  const account = input.account ? await getAccount(ctx, input.account) : undefined;
  const currency = input.currency ? currencyCode(input.currency) : (account?.currency ?? ctx.homeCurrency);
  if (account && account.currency !== currency) throw invalid(`account "${account.name}" is in ${account.currency}, not ${currency}`);
  const targetMinor = decimalToMinor(input.target, currency, 'target');
  if (targetMinor <= 0) throw invalid('a goal target must be more than zero');
  const targetDate = input.by ? toCalendarDate(input.by, 'target date') : null;
  const existing = await ctx.db.selectFrom('goals').select('id').where('user_id', '=', ctx.userId).where('name', '=', name).executeTakeFirst();
  if (existing) throw conflict(`a goal "${name}" already exists`);
  const tagId = input.tag ? (await ensureTags(ctx, [input.tag])).get(normalizeTag(input.tag))! : null;
  await ctx.db
    .insertInto('goals')
    .values({ id: newId(), user_id: ctx.userId, name, target_minor: targetMinor, currency, target_date: targetDate, account_id: account?.id ?? null, tag_id: tagId, created_at: nowIso() })
    .execute();
  return getGoal(ctx, name);
}

function baseQuery(ctx: Ctx) {
  return ctx.db
    .selectFrom('goals as g')
    .leftJoin('accounts as a', 'a.id', 'g.account_id')
    .leftJoin('tags as t', 't.id', 'g.tag_id')
    .selectAll('g')
    .select(['a.name as account_name', 't.name as tag_name'])
    .where('g.user_id', '=', ctx.userId);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toGoal(r: Row): Goal {
  const currency = r.currency as CurrencyCode;
  const targetMinor = Number(r.target_minor);
  return {
    id: r.id,
    name: r.name,
    targetMinor,
    target: minorToDecimal(targetMinor, currency),
    currency,
    targetDate: r.target_date as CalendarDate | null,
    account: r.account_name,
    tag: r.tag_name,
    createdAt: r.created_at,
  };
}

export async function listGoals(ctx: Ctx): Promise<Goal[]> {
  // Dated goals first, soonest first (the same on SQLite, which sorts nulls first, and Postgres).
  const rows = await baseQuery(ctx).orderBy(sql`case when g.target_date is null then 1 else 0 end`).orderBy('g.target_date').orderBy('g.name').execute();
  return rows.map(toGoal);
}

export async function getGoal(ctx: Ctx, nameOrId: string): Promise<Goal> {
  const key = nameOrId.trim();
  const row = await baseQuery(ctx)
    .where((eb) => eb.or([eb('g.id', '=', key), eb(sql`lower(g.name)`, '=', key.toLowerCase())]))
    .executeTakeFirst();
  if (!row) throw notFound(`unknown goal "${nameOrId}"`, 'goal');
  return toGoal(row);
}

export async function removeGoal(ctx: Ctx, nameOrId: string): Promise<Goal> {
  const g = await getGoal(ctx, nameOrId);
  await ctx.db.deleteFrom('goals').where('user_id', '=', ctx.userId).where('id', '=', g.id).execute();
  return g;
}

async function savedFor(ctx: Ctx, goal: Goal): Promise<number> {
  if (goal.account) return (await accountWithBalance(ctx, goal.account)).balanceMinor;
  if (goal.tag) {
    // Money set aside is counted in the direction the first tagged entry moved it (usually out of
    // a spending account), so taking more back than was put in shows as a negative saving.
    const rows = await entrySource(ctx, sql<SqlBool>`x_tag.name = ${goal.tag} and t.user_id = ${ctx.userId} and t.currency = ${goal.currency}`)
      .innerJoin('transaction_tags as tt', 'tt.transaction_id', 't.id')
      .innerJoin('tags as x_tag', 'x_tag.id', 'tt.tag_id')
      .select([sql<string | number | null>`sum(${shareMinor})`.as('total'), sql<string | number | null>`min(t.date || ' ' || t.id)`.as('first')])
      .executeTakeFirst();
    const total = Number(rows?.total ?? 0);
    if (!rows?.first || total === 0) return 0;
    const firstId = String(rows.first).split(' ')[1]!;
    const first = await entrySource(ctx, sql<SqlBool>`t.user_id = ${ctx.userId} and t.id = ${firstId}`).select(shareMinor.as('s')).executeTakeFirst();
    return Number(first?.s ?? 0) < 0 ? -total : total;
  }
  return 0;
}

/** Whole months from the month of `from` up to (not including) the month of `to`; at least 1 while `to` is not past. */
export function monthsLeft(from: CalendarDate, to: CalendarDate): number {
  if (to < from) return 0;
  const idx = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
  return Math.max(1, idx(to) - idx(from));
}

/** Progress and the monthly saving still needed, as of `asOf` (default today). */
export async function goalStatus(ctx: Ctx, goal: Goal, asOf?: string): Promise<GoalStatus> {
  const day = asOf ? toCalendarDate(asOf, 'as-of date') : todayOf();
  const savedMinor = await savedFor(ctx, goal);
  const remainingMinor = Math.max(0, goal.targetMinor - savedMinor);
  const left = goal.targetDate ? monthsLeft(day, goal.targetDate) : null;
  const required = left === null ? null : remainingMinor === 0 ? 0 : left === 0 ? remainingMinor : Math.ceil(remainingMinor / left);
  const dec = (m: number) => minorToDecimal(m, goal.currency);
  return {
    ...goal,
    savedMinor,
    saved: dec(savedMinor),
    remainingMinor,
    remaining: dec(remainingMinor),
    percent: Math.min(100, Math.floor((Math.max(0, savedMinor) / goal.targetMinor) * 1000) / 10),
    monthsLeft: left,
    requiredMonthlyMinor: required,
    requiredMonthly: required === null ? null : dec(required),
    reached: remainingMinor === 0,
    overdue: left === 0 && remainingMinor > 0,
  };
}

export async function goalsStatus(ctx: Ctx, options: { name?: string; asOf?: string } = {}): Promise<GoalStatus[]> {
  const goals = options.name ? [await getGoal(ctx, options.name)] : await listGoals(ctx);
  const out: GoalStatus[] = [];
  for (const g of goals) out.push(await goalStatus(ctx, g, options.asOf));
  return out;
}
