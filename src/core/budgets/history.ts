import { sql } from 'kysely';
import type { CategoryKind, Ctx } from '../db/index.js';
import { type CalendarMonth, addMonthsToMonth, monthEnd, monthStart } from '../calendar/index.js';
import type { CurrencyCode } from '../money/index.js';
import { type SqlBool } from 'kysely';
import { type Category, firstEntryDate, amountFor, entrySource, INCOME_KINDS, kindIn, listCategories, shareMinor, SPENDING_KINDS, TRANSFER_KINDS } from '../ledger/index.js';

/** The user's entries (the ledger's read side) in the months `from`…`to`: the base of the spending queries. */
export function entriesInMonths(ctx: Ctx, from: CalendarMonth, to: CalendarMonth) {
  return entrySource(ctx, sql<SqlBool>`t.user_id = ${ctx.userId} and t.date >= ${monthStart(from)} and t.date <= ${monthEnd(to)}`);
}

/**
 * Net spending per category and month, aggregated in SQL (GROUP BY), scoped to the user and one
 * currency: my share (or the full amount with `gross`), the ledger's one definition of spending,
 * so a refund in the same category lowers it. Only categories of the given kinds count (by
 * default expense; a transfer-kind category counts what moved into it).
 */
export async function spendByCategoryMonth(
  ctx: Ctx,
  from: CalendarMonth,
  to: CalendarMonth,
  currency: CurrencyCode,
  kinds: readonly CategoryKind[] = ['expense'],
  gross = false,
): Promise<Array<{ categoryId: string; month: CalendarMonth; spentMinor: number }>> {
  const month = sql<string>`substr(t.date, 1, 7)`;
  const rows = await entriesInMonths(ctx, from, to)
    .select(['t.category_id as category_id'])
    .select(month.as('month'))
    .select(sql<string | number>`sum(${amountFor(gross)})`.as('total'))
    .where('c.kind', 'in', kinds)
    .where(kindIn([...SPENDING_KINDS, ...TRANSFER_KINDS]))
    .where('t.currency', '=', currency)
    .groupBy(['t.category_id', month])
    .execute();
  return rows.map((r) => ({ categoryId: r.category_id!, month: r.month as CalendarMonth, spentMinor: -Number(r.total) || 0 }));
}

/** Income per month (the read side's income kind), aggregated in SQL. */
export async function incomeByMonth(ctx: Ctx, from: CalendarMonth, to: CalendarMonth, currency: CurrencyCode): Promise<Map<string, number>> {
  const month = sql<string>`substr(t.date, 1, 7)`;
  const rows = await entriesInMonths(ctx, from, to)
    .select(month.as('month'))
    .select(sql<string | number>`sum(${shareMinor})`.as('total'))
    .where('t.currency', '=', currency)
    .where(kindIn(INCOME_KINDS))
    .groupBy(month)
    .execute();
  return new Map(rows.map((r) => [r.month, Number(r.total)]));
}

/** The month of the user's first entry in `currency`, or null when there is none. */
export async function firstMonth(ctx: Ctx, currency: CurrencyCode): Promise<CalendarMonth | null> {
  const first = await firstEntryDate(ctx, currency);
  return first ? (first.slice(0, 7) as CalendarMonth) : null;
}

/** The top-level category a spend counts towards: a child rolls up into its parent. */
export function topLevel(categories: readonly Category[]): Map<string, Category> {
  const byId = new Map(categories.map((c) => [c.id, c]));
  return new Map(categories.map((c) => [c.id, c.parentId ? (byId.get(c.parentId) ?? c) : c]));
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  // The mean of the two middle values, rounded up to a whole minor unit.
  return s.length % 2 === 1 ? s[mid]! : Math.ceil((s[mid - 1]! + s[mid]!) / 2);
}

export interface CategoryHistory {
  category: Category;
  /** Spending per month, oldest first, one entry per month of the window (0 when nothing). */
  monthly: number[];
  medianMinor: number;
  trend: 'rising' | 'falling' | 'steady' | 'new';
}

export interface History {
  months: CalendarMonth[];
  categories: CategoryHistory[];
  incomeMonthly: number[];
  incomeMedianMinor: number;
}

/** The `count` whole months before `month`, per top-level expense category with any spending. */
export async function history(ctx: Ctx, month: CalendarMonth, count: number, currency: CurrencyCode): Promise<History> {
  // Months before the ledger began are not months of spending nothing: they are left out.
  const first = await firstMonth(ctx, currency);
  const months = Array.from({ length: count }, (_, i) => addMonthsToMonth(month, i - count)).filter((m) => first !== null && m >= first);
  if (months.length === 0) return { months, categories: [], incomeMonthly: [], incomeMedianMinor: 0 };
  const categories = await listCategories(ctx);
  const top = topLevel(categories);
  const rows = await spendByCategoryMonth(ctx, months[0]!, months[months.length - 1]!, currency);
  const table = new Map<string, number[]>();
  for (const r of rows) {
    const cat = top.get(r.categoryId);
    if (!cat || cat.kind !== 'expense') continue;
    const arr = table.get(cat.id) ?? months.map(() => 0);
    const i = months.indexOf(r.month);
    if (i >= 0) arr[i] = arr[i]! + r.spentMinor;
    table.set(cat.id, arr);
  }
  const byId = new Map(categories.map((c) => [c.id, c]));
  const out: CategoryHistory[] = [];
  for (const [id, monthly] of table) {
    const clipped = monthly.map((m) => Math.max(0, m));
    if (clipped.every((m) => m === 0)) continue;
    out.push({ category: byId.get(id)!, monthly: clipped, medianMinor: median(clipped), trend: trendOf(clipped) });
  }
  out.sort((a, b) => b.medianMinor - a.medianMinor || a.category.slug.localeCompare(b.category.slug));
  const income = await incomeByMonth(ctx, months[0]!, months[months.length - 1]!, currency);
  const incomeMonthly = months.map((m) => Math.max(0, income.get(m) ?? 0));
  return { months, categories: out, incomeMonthly, incomeMedianMinor: median(incomeMonthly) };
}

/** Compares the later half of the window with the earlier half (±15% is steady). */
export function trendOf(monthly: readonly number[]): CategoryHistory['trend'] {
  const half = Math.floor(monthly.length / 2);
  const early = monthly.slice(0, half);
  const late = monthly.slice(monthly.length - half);
  const avg = (a: readonly number[]) => a.reduce((x, y) => x + y, 0) / Math.max(1, a.length);
  const a = avg(early);
  const b = avg(late);
  if (a === 0 && b > 0) return 'new';
  if (b > a * 1.15) return 'rising';
  if (b < a * 0.85) return 'falling';
  return 'steady';
}
