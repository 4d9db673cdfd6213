import { type Expression, type SqlBool, expressionBuilder } from 'kysely';
import type { Ctx, Database } from '../db/index.js';
import { invalid } from '../errors/index.js';
import { type CalendarDate, addDays, addMonthsToMonth, makeDate, monthEnd, monthOf, monthStart, today, toCalendarMonth, type CalendarMonth } from '../calendar/index.js';
import { filterExpression, getGroup, kindIn, kindsOfType, TRANSACTION_TYPES, type TransactionFilter } from '../ledger/index.js';

/** The ledger's transaction filter, plus a group (rows split with or mentioning it) and a named period. */
export interface ReportFilter extends Pick<TransactionFilter, 'from' | 'to' | 'account' | 'category' | 'uncategorized' | 'tag' | 'minAmount' | 'maxAmount' | 'text' | 'type'> {
  /** A group handle: only transactions split with, or mentioning, that group. */
  group?: string;
  /** YYYY, YYYY-MM, YYYY-Qn, this-month, last-month, this-year, last-year, ytd, last-N-days. */
  period?: string;
}

/** Resolves a named period to a from/to pair of calendar days, relative to `now`. */
export function periodRange(text: string, now: CalendarDate = today()): { from: CalendarDate; to: CalendarDate } {
  const p = text.trim().toLowerCase();
  const thisMonth = monthOf(now);
  const year = Number(now.slice(0, 4));
  const yearRange = (y: number) => {
    const from = makeDate(y, 1, 1);
    const to = makeDate(y, 12, 31);
    if (!from || !to) throw invalid(`invalid period "${text}": the year is out of range`);
    return { from, to };
  };
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(p))) return yearRange(Number(m[1]));
  if (/^\d{4}-\d{2}$/.test(p)) {
    const month = toCalendarMonth(p, 'period');
    return { from: monthStart(month), to: monthEnd(month) };
  }
  if ((m = /^(\d{4})-q([1-4])$/.exec(p))) {
    const q = Number(m[2]);
    const first = `${m[1]}-${String(q * 3 - 2).padStart(2, '0')}` as CalendarMonth;
    const last = `${m[1]}-${String(q * 3).padStart(2, '0')}` as CalendarMonth;
    return { from: monthStart(first), to: monthEnd(last) };
  }
  if (p === 'this-month') return { from: monthStart(thisMonth), to: monthEnd(thisMonth) };
  if (p === 'last-month') {
    const prev = addMonthsToMonth(thisMonth, -1);
    return { from: monthStart(prev), to: monthEnd(prev) };
  }
  if (p === 'this-year') return yearRange(year);
  if (p === 'last-year') return yearRange(year - 1);
  if (p === 'ytd') return { from: makeDate(year, 1, 1)!, to: now };
  if ((m = /^last-(\d{1,4})-days$/.exec(p))) return { from: addDays(now, -(Number(m[1]) - 1)), to: now };
  throw invalid(`invalid period "${text}": YYYY, YYYY-MM, YYYY-Qn, this-month, last-month, this-year, last-year, ytd or last-N-days`);
}

/** Whether the filter keeps only some of an account's rows (by category, tag, amount, text, type or group), so opening balances do not apply. Dates are left to the caller. */
export function narrowsRows(f: ReportFilter): boolean {
  return Boolean(f.category || f.uncategorized || f.tag || f.minAmount || f.maxAmount || f.text || f.type || f.group);
}

/** from/to after applying a named period (explicit from/to win over the period's). */
export function effectiveRange(f: ReportFilter): { from?: string; to?: string } {
  const range = f.period ? periodRange(f.period) : undefined;
  return { from: f.from ?? range?.from, to: f.to ?? range?.to };
}

/** One WHERE expression over the ledger's `entrySource` (`transactions as t` with `c` and `sp`), scoped to ctx.userId by the ledger's filter. */
export async function reportWhere(ctx: Ctx, f: ReportFilter, extra: Partial<TransactionFilter> = {}): Promise<Expression<SqlBool>> {
  const { group: _group, period: _period, type: _type, ...ledgerFilter } = f;
  const { type: _extraType, ...extraRest } = extra;
  const type = extra.type ?? f.type;
  if (type !== undefined && !TRANSACTION_TYPES.includes(type)) throw invalid(`invalid type "${type}": expense, income or transfer`);
  const eb = expressionBuilder<Database & { t: Database['transactions'] }, 't'>();
  const base = await filterExpression(ctx, { ...ledgerFilter, ...effectiveRange(f), ...extraRest });
  // A type means the entry kinds of the one read side (a category decides the kind), so the
  // expression reads `c` and `sp` as well as `t`: use it over the ledger's `entrySource`.
  const typed = type ? eb.and([base, kindIn(kindsOfType(type))]) : base;
  if (!f.group) return typed;
  const g = await getGroup(ctx, f.group);
  return eb.and([
    typed,
    eb.or([
      eb.exists(eb.selectFrom('splits as gs').select('gs.id').whereRef('gs.transaction_id', '=', 't.id').where('gs.group_id', '=', g.id)),
      eb.exists(eb.selectFrom('mentions as gm').select('gm.id').whereRef('gm.transaction_id', '=', 't.id').where('gm.group_id', '=', g.id)),
    ]),
  ]);
}
