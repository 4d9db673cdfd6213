import { type Expression, type SqlBool, type RawBuilder, sql } from 'kysely';
import type { AccountKind, Ctx } from '../db/index.js';
import { invalid } from '../errors/index.js';
import { type CurrencyCode, currencyCode, minorToDecimal } from '../money/index.js';
import { type EntryKind, accountMinor, amountFor, entryKind, entrySource, getAccount, kindIn, listCategories, owedMinor, SPENDING_KINDS, INCOME_KINDS } from '../ledger/index.js';
import { type CalendarDate, type CalendarMonth, addDays, addMonthsToMonth } from '../calendar/index.js';
import { type ReportFilter, effectiveRange, narrowsRows, reportWhere } from './filter.js';
import { type AppliedRate, convertMinor, ratesTo } from './rates.js';

/*
 * Reports aggregate in the database (GROUP BY), never by loading transactions into JS: a report
 * over a million rows moves a few hundred grouped rows across the driver. Money stays integer
 * minor units per currency; conversion to one currency happens only when asked, with the user's
 * own rates (rates.ts), and the report says what it converted and what it could not.
 */

export const REPORT_BYS = ['category', 'month', 'week', 'merchant', 'tag', 'account'] as const;
export type ReportBy = (typeof REPORT_BYS)[number];

export interface ReportOptions extends ReportFilter {
  by?: ReportBy;
  /** Convert every amount to this currency (true: the home currency) with the stored rates. */
  convert?: boolean | string;
  /** Full amounts paid instead of my share of them (the default). */
  gross?: boolean;
}

/** A sum of money in one currency: integer minor units plus the same as a decimal string. */
export interface Amount {
  currency: CurrencyCode;
  minor: number;
  amount: string;
}

export interface Conversion {
  to: CurrencyCode;
  /** True when at least one amount was converted from another currency. */
  converted: boolean;
  rates: Array<{ from: CurrencyCode; to: CurrencyCode; rate: string; inverted: boolean; asOf: string }>;
  /** Currencies that had no rate to `to`: their amounts stay in their own currency. */
  missingRates: CurrencyCode[];
}

interface Base {
  from: string | null;
  to: string | null;
  /** True when no transaction matched: the front end says so in one plain line. */
  empty: boolean;
  conversion: Conversion | null;
}

export interface BreakdownRow extends Amount {
  key: string;
  label: string;
  count: number;
  /** Share of its currency's total, in percent with one decimal, as text. */
  share: string;
}

export interface BreakdownReport extends Base {
  kind: 'spending' | 'income';
  by: ReportBy;
  rows: BreakdownRow[];
  totals: Array<Amount & { count: number }>;
}

export interface SummaryReport extends Base {
  kind: 'summary';
  currencies: Array<{ currency: CurrencyCode; income: Amount; spending: Amount; net: Amount; transfers: Amount; count: number }>;
  topCategories: BreakdownRow[];
}

export interface CashflowRow {
  period: string;
  currency: CurrencyCode;
  income: Amount;
  spending: Amount;
  net: Amount;
  count: number;
}

export interface CashflowReport extends Base {
  kind: 'cashflow';
  by: 'month' | 'week';
  rows: CashflowRow[];
  totals: Array<{ currency: CurrencyCode; income: Amount; spending: Amount; net: Amount; count: number }>;
}

export interface BalanceRow extends Amount {
  accountId: string | null;
  /** The account's name, or null for transactions kept without an account. */
  account: string | null;
  kind: AccountKind | null;
  opening: Amount;
  count: number;
  archived: boolean;
}

export interface BalanceReport extends Base {
  kind: 'balance';
  /** Whether opening balances are in the figures (not when the filter selects only some rows). */
  includesOpening: boolean;
  rows: BalanceRow[];
  totals: Amount[];
}

export interface NetworthReport extends Base {
  kind: 'networth';
  /** `owed` is what people owe me net of what I owe them (in assets when positive, else liabilities). */
  rows: Array<{ currency: CurrencyCode; assets: Amount; liabilities: Amount; owed: Amount; net: Amount }>;
}

export interface TrendPoint extends Amount {
  period: string;
  /** Change against the previous period, minor units and decimal text; null for the first. */
  changeMinor: number | null;
  change: string | null;
  /** Percent change with one decimal, as text; null when the previous period was zero. */
  changePct: string | null;
}

export interface TrendsReport extends Base {
  kind: 'trends';
  by: ReportBy;
  step: 'month' | 'week';
  periods: string[];
  series: Array<{ key: string; label: string; currency: CurrencyCode; points: TrendPoint[]; total: Amount }>;
  totals: Array<{ currency: CurrencyCode; points: TrendPoint[] }>;
}

export type Report = BreakdownReport | SummaryReport | CashflowReport | BalanceReport | NetworthReport | TrendsReport;

// ---------------------------------------------------------------------------------------------
// helpers

const amount = (minor: number, currency: CurrencyCode): Amount => ({ currency, minor, amount: minorToDecimal(minor, currency) });
/** A number from the driver (Postgres sums are strings); -0 (a negated zero) reads as 0. */
const num = (v: unknown): number => Number(v ?? 0) || 0;
const neg = (v: unknown): number => -num(v) || 0;

function checkBy(by: string | undefined, allowed: readonly ReportBy[], fallback: ReportBy): ReportBy {
  const b = (by ?? fallback) as ReportBy;
  if (!allowed.includes(b)) throw invalid(`invalid --by "${by}" for this report: one of ${allowed.join(', ')}`);
  return b;
}

/** The SQL expression that buckets a row by `by` (month/week work on both dialects). */
function bucket(ctx: Ctx, by: 'month' | 'week', column = 't.date'): RawBuilder<string> {
  const col = sql.ref(column);
  if (by === 'month') return sql<string>`substr(${col}, 1, 7)`;
  // The Monday that starts the ISO week, as YYYY-MM-DD.
  return ctx.dialect === 'postgres'
    ? sql<string>`to_char(date_trunc('week', ${col}::date), 'YYYY-MM-DD')`
    : sql<string>`date(${col}, 'weekday 0', '-6 days')`;
}

/** The report index's column order (migration 0003); grouping by a prefix of it reads in order. */
const ROLLUP_ORDER = ['date', 'currency', 'account_id', 'category_id'] as const;
type RollupColumn = (typeof ROLLUP_ORDER)[number];

/**
 * Sums in two steps: first the ledger's entries (its read side: kind, my share, account amount)
 * grouped by a prefix of the report index's order and the entry kind, then by the report's own
 * keys over that much smaller result. `s` is my share (or the gross amount), `a` what moved in
 * the account, `o` what the entries leave owed with other people.
 */
function rollup(ctx: Ctx, where: Expression<SqlBool>, needed: readonly RollupColumn[], opts: { gross?: boolean; kinds?: readonly EntryKind[] } = {}) {
  const last = Math.max(0, ...needed.map((c) => ROLLUP_ORDER.indexOf(c)));
  const cols = ROLLUP_ORDER.slice(0, last + 1);
  let q = entrySource(ctx, where);
  if (opts.kinds) q = q.where(kindIn(opts.kinds));
  return q
    .select([
      ...cols.map((c) => sql.ref(`t.${c}`).as(c)),
      entryKind.as('kind'),
      sql<number>`sum(${amountFor(opts.gross)})`.as('s'),
      sql<number>`sum(${accountMinor})`.as('a'),
      sql<number>`sum(${owedMinor})`.as('o'),
      sql<number>`count(*)`.as('n'),
    ])
    .groupBy([...cols.map((c) => sql.ref(`t.${c}`)), entryKind])
    .as('x');
}

function keyExpression(ctx: Ctx, by: ReportBy, rolled = false): RawBuilder<string | null> {
  const p = rolled ? 'x' : 't';
  switch (by) {
    case 'category':
      return sql`${sql.ref(`${p}.category_id`)}`;
    case 'account':
      return sql`${sql.ref(`${p}.account_id`)}`;
    case 'merchant':
      return sql`t.merchant`;
    case 'tag':
      return sql`g.name`;
    case 'month':
    case 'week':
      return bucket(ctx, by, `${p}.date`);
  }
}

/** Keys that live in the report index can be rolled up; merchant and tag cannot. */
function rollable(by: ReportBy): readonly RollupColumn[] | null {
  switch (by) {
    case 'category':
      return ['currency', 'account_id', 'category_id'];
    case 'account':
      return ['currency', 'account_id'];
    case 'month':
    case 'week':
      return ['currency'];
    default:
      return null;
  }
}

async function labeller(ctx: Ctx, by: ReportBy): Promise<(key: string | null) => { key: string; label: string }> {
  if (by === 'category') {
    const cats = new Map((await listCategories(ctx)).map((c) => [c.id, c]));
    return (id) => {
      const c = id ? cats.get(id) : undefined;
      if (!c) return { key: 'uncategorized', label: 'uncategorized' };
      return { key: c.slug, label: c.parentSlug ? `${c.parentSlug}/${c.slug}` : c.slug };
    };
  }
  if (by === 'account') {
    const rows = await ctx.db.selectFrom('accounts').select(['id', 'name']).where('user_id', '=', ctx.userId).execute();
    const names = new Map(rows.map((r) => [r.id, r.name]));
    return (id) => {
      const n = id ? names.get(id) : undefined;
      return n ? { key: n, label: n } : { key: '(no account)', label: '(no account)' };
    };
  }
  const none = by === 'merchant' ? '(no merchant)' : by === 'tag' ? '(untagged)' : '';
  return (k) => ({ key: k ?? none, label: k ?? none });
}

function share(part: number, total: number): string {
  if (total === 0) return '0.0';
  return (Math.round((part * 1000) / total) / 10).toFixed(1);
}

/** Sets up conversion for a report; without --convert, apply is the identity and done() is null. */
async function converter(ctx: Ctx, opts: ReportOptions, currencies: CurrencyCode[], asOf: string | undefined) {
  if (!opts.convert) return { apply: (minor: number, currency: CurrencyCode) => ({ minor, currency }), done: (): Conversion | null => null };
  const to = opts.convert === true ? ctx.homeCurrency : currencyCode(opts.convert);
  const { rates, missing } = await ratesTo(ctx, to, currencies, asOf);
  const used = new Map<CurrencyCode, AppliedRate>();
  const info: Conversion = { to, converted: false, rates: [], missingRates: missing };
  const apply = (minor: number, currency: CurrencyCode): { minor: number; currency: CurrencyCode } => {
    if (currency === to) return { minor, currency };
    const r = rates.get(currency);
    if (!r) return { minor, currency };
    used.set(currency, r);
    info.converted = true;
    return { minor: convertMinor(minor, currency, to, r.ratio), currency: to };
  };
  const done = (): Conversion => {
    info.rates = [...used.values()].sort((a, b) => a.from.localeCompare(b.from)).map((r) => ({ from: r.from, to: r.to, rate: r.rate, inverted: r.inverted, asOf: r.asOf }));
    return info;
  };
  return { apply, done };
}

/** Sums rows that share a key once converted (e.g. dining in EUR and dining in USD → dining in EUR). */
function merge<T>(rows: T[], key: (r: T) => string, add: (into: T, r: T) => void): T[] {
  const out = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    const have = out.get(k);
    if (have) add(have, r);
    else out.set(k, r);
  }
  return [...out.values()];
}

function base(opts: ReportOptions): { from: string | null; to: string | null } {
  const { from, to } = effectiveRange(opts);
  return { from: from ?? null, to: to ?? null };
}

function txFrom(ctx: Ctx, where: Expression<SqlBool>) {
  return entrySource(ctx, where);
}

// ---------------------------------------------------------------------------------------------
// spending and income

/** Spending (expenses, as positive amounts) or income, broken down by category, period, merchant, tag or account. */
export async function breakdown(ctx: Ctx, kind: 'spending' | 'income', opts: ReportOptions = {}): Promise<BreakdownReport> {
  const by = checkBy(opts.by, REPORT_BYS, 'category');
  const type = kind === 'spending' ? 'expense' : 'income';
  const where = await reportWhere(ctx, opts, { type });
  const sign = kind === 'spending' ? -1 : 1;
  const cols = rollable(by);
  let raw: Array<{ k: string | null; currency: string; total: number; n: number }>;
  if (cols) {
    const key = keyExpression(ctx, by, true);
    raw = await ctx.db
      .selectFrom(rollup(ctx, where, cols, opts))
      .select([key.as('k'), sql<string>`x.currency`.as('currency'), sql<number>`sum(x.s)`.as('total'), sql<number>`sum(x.n)`.as('n')])
      .groupBy([key, sql`x.currency`])
      .execute();
  } else {
    const key = keyExpression(ctx, by);
    let q = txFrom(ctx, where);
    if (by === 'tag') q = q.leftJoin('transaction_tags as tt', 'tt.transaction_id', 't.id').leftJoin('tags as g', 'g.id', 'tt.tag_id') as unknown as typeof q;
    raw = await q
      .select([key.as('k'), 't.currency', sql<number>`sum(${amountFor(opts.gross)})`.as('total'), sql<number>`count(*)`.as('n')])
      .groupBy([key, 't.currency'])
      .execute();
  }
  // Totals from a tag-free query, so a row with two tags is not counted twice.
  const totalsRaw =
    by === 'tag'
      ? await ctx.db
          .selectFrom(rollup(ctx, where, ['currency'], opts))
          .select([sql<string>`x.currency`.as('currency'), sql<number>`sum(x.s)`.as('total'), sql<number>`sum(x.n)`.as('n')])
          .groupBy(sql`x.currency`)
          .execute()
      : merge(raw.map((r) => ({ currency: r.currency, total: num(r.total), n: num(r.n) })), (r) => r.currency, (a, b) => {
          a.total += b.total;
          a.n += b.n;
        });
  const label = await labeller(ctx, by);
  const range = base(opts);
  const conv = await converter(ctx, opts, totalsRaw.map((r) => r.currency as CurrencyCode), range.to ?? undefined);

  let rows = raw.map((r) => {
    const { key: k, label: l } = label(r.k);
    const c = conv.apply(sign * num(r.total) || 0, r.currency as CurrencyCode);
    return { key: k, label: l, currency: c.currency, minor: c.minor, count: num(r.n) };
  });
  rows = merge(rows, (r) => `${r.key}\u0000${r.currency}`, (a, b) => {
    a.minor += b.minor;
    a.count += b.count;
  });
  let totals = totalsRaw.map((r) => {
    const c = conv.apply(sign * num(r.total) || 0, r.currency as CurrencyCode);
    return { currency: c.currency, minor: c.minor, count: num(r.n) };
  });
  totals = merge(totals, (r) => r.currency, (a, b) => {
    a.minor += b.minor;
    a.count += b.count;
  }).sort((a, b) => a.currency.localeCompare(b.currency));
  const totalOf = new Map(totals.map((t) => [t.currency, t.minor]));
  const chronological = by === 'month' || by === 'week';
  rows.sort((a, b) => (chronological ? a.key.localeCompare(b.key) || a.currency.localeCompare(b.currency) : a.currency.localeCompare(b.currency) || b.minor - a.minor || a.key.localeCompare(b.key)));
  return {
    kind,
    by,
    ...range,
    empty: totals.length === 0,
    conversion: conv.done(),
    rows: rows.map((r) => ({ ...r, amount: minorToDecimal(r.minor, r.currency), share: share(r.minor, totalOf.get(r.currency) ?? 0) })),
    totals: totals.map((t) => ({ ...amount(t.minor, t.currency), count: t.count })),
  };
}

// ---------------------------------------------------------------------------------------------
// summary

export async function summary(ctx: Ctx, opts: ReportOptions = {}): Promise<SummaryReport> {
  const where = await reportWhere(ctx, opts);
  const raw = await ctx.db
    .selectFrom(rollup(ctx, where, ['currency'], opts))
    .select([sql<string>`x.currency`.as('currency'), sql<string>`x.kind`.as('kind'), sql<number>`sum(x.s)`.as('total'), sql<number>`sum(x.a)`.as('moved'), sql<number>`sum(x.n)`.as('n')])
    .groupBy([sql`x.currency`, sql`x.kind`])
    .execute();
  const range = base(opts);
  const conv = await converter(ctx, opts, raw.map((r) => r.currency as CurrencyCode), range.to ?? undefined);
  const per = new Map<CurrencyCode, { income: number; spending: number; transfers: number; count: number }>();
  for (const r of raw) {
    const kind = r.kind as EntryKind;
    const c = conv.apply(num(SPENDING_KINDS.includes(kind) || INCOME_KINDS.includes(kind) ? r.total : r.moved), r.currency as CurrencyCode);
    const p = per.get(c.currency) ?? { income: 0, spending: 0, transfers: 0, count: 0 };
    if (INCOME_KINDS.includes(kind)) p.income += c.minor;
    else if (SPENDING_KINDS.includes(kind)) p.spending -= c.minor;
    else p.transfers += c.minor;
    p.count += num(r.n);
    per.set(c.currency, p);
  }
  const top = opts.type && opts.type !== 'expense' ? null : await breakdown(ctx, 'spending', { ...opts, by: 'category' });
  return {
    kind: 'summary',
    ...range,
    empty: raw.length === 0,
    conversion: conv.done(),
    currencies: [...per.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, p]) => ({
        currency,
        income: amount(p.income, currency),
        spending: amount(p.spending, currency),
        net: amount(p.income - p.spending, currency),
        transfers: amount(p.transfers, currency),
        count: p.count,
      })),
    topCategories: top ? top.rows.slice(0, 5) : [],
  };
}

// ---------------------------------------------------------------------------------------------
// cash flow

/** Income against spending per month (or week), per currency. Transfers are not cash flow. */
export async function cashflow(ctx: Ctx, opts: ReportOptions = {}): Promise<CashflowReport> {
  const by = checkBy(opts.by, ['month', 'week'], 'month') as 'month' | 'week';
  const where = await reportWhere(ctx, opts);
  const b = bucket(ctx, by, 'x.date');
  const raw = await ctx.db
    .selectFrom(rollup(ctx, where, ['date', 'currency'], { gross: opts.gross, kinds: [...SPENDING_KINDS, ...INCOME_KINDS] }))
    .select([
      b.as('p'),
      sql<string>`x.currency`.as('currency'),
      sql<number>`sum(case when x.kind = 'income' then x.s else 0 end)`.as('income'),
      sql<number>`sum(case when x.kind <> 'income' then x.s else 0 end)`.as('expense'),
      sql<number>`sum(x.n)`.as('n'),
    ])
    .groupBy([b, sql`x.currency`])
    .execute();
  const range = base(opts);
  const conv = await converter(ctx, opts, raw.map((r) => r.currency as CurrencyCode), range.to ?? undefined);
  let rows = raw.map((r) => {
    const inc = conv.apply(num(r.income), r.currency as CurrencyCode);
    const exp = conv.apply(neg(r.expense), r.currency as CurrencyCode);
    return { period: r.p, currency: inc.currency, income: inc.minor, spending: exp.minor, count: num(r.n) };
  });
  const add = (a: (typeof rows)[number], x: (typeof rows)[number]) => {
    a.income += x.income;
    a.spending += x.spending;
    a.count += x.count;
  };
  rows = merge(rows, (r) => `${r.period}\u0000${r.currency}`, add).sort((a, b) => a.period.localeCompare(b.period) || a.currency.localeCompare(b.currency));
  const totals = merge(rows.map((r) => ({ ...r, period: '' })), (r) => r.currency, add).sort((a, b) => a.currency.localeCompare(b.currency));
  const shape = (r: (typeof rows)[number]) => ({
    currency: r.currency,
    income: amount(r.income, r.currency),
    spending: amount(r.spending, r.currency),
    net: amount(r.income - r.spending, r.currency),
    count: r.count,
  });
  return {
    kind: 'cashflow',
    by,
    ...range,
    empty: rows.length === 0,
    conversion: conv.done(),
    rows: rows.map((r) => ({ period: r.period, ...shape(r) })),
    totals: totals.map(shape),
  };
}

// ---------------------------------------------------------------------------------------------
// balances and net worth

const LIABILITY_KINDS: readonly AccountKind[] = ['card', 'loan'];

/**
 * Each account's opening balance plus the sum of its transactions up to `to` (all time when
 * absent). Filters other than account/to make it a sum of just those rows, without opening
 * balances (a balance "of dining" has no opening figure).
 */
export async function balance(ctx: Ctx, opts: ReportOptions = {}): Promise<BalanceReport> {
  const range = base(opts);
  // A period with no explicit --to selects only its own rows; with --to, the balance is as of that day.
  const includesOpening = !(opts.from || (opts.period && !opts.to) || narrowsRows(opts));
  // A balance is "as of" the end of the period: the period's start only matters without opening balances.
  const where = await reportWhere(ctx, includesOpening ? { ...opts, from: undefined, period: undefined, to: range.to ?? undefined } : opts);
  const sums = await ctx.db
    .selectFrom(rollup(ctx, where, ['currency', 'account_id']))
    .select([sql<string | null>`x.account_id`.as('account_id'), sql<string>`x.currency`.as('currency'), sql<number>`sum(x.a)`.as('total'), sql<number>`sum(x.n)`.as('n')])
    .groupBy([sql`x.account_id`, sql`x.currency`])
    .execute();
  let accountsQ = ctx.db.selectFrom('accounts').selectAll().where('user_id', '=', ctx.userId);
  if (opts.account) accountsQ = accountsQ.where('id', '=', (await getAccount(ctx, opts.account)).id);
  const accounts = await accountsQ.orderBy('name').execute();
  const byId = new Map(accounts.map((a) => [a.id, a]));
  type Row = { accountId: string | null; account: string | null; kind: AccountKind | null; currency: CurrencyCode; opening: number; minor: number; count: number; archived: boolean };
  const rows = new Map<string, Row>();
  if (includesOpening) {
    for (const a of accounts) {
      rows.set(`${a.id}\u0000${a.currency}`, { accountId: a.id, account: a.name, kind: a.kind, currency: a.currency as CurrencyCode, opening: num(a.opening_balance_minor), minor: num(a.opening_balance_minor), count: 0, archived: a.archived === 1 });
    }
  }
  for (const s of sums) {
    const k = `${s.account_id}\u0000${s.currency}`;
    const a = s.account_id ? byId.get(s.account_id) : undefined;
    const r = rows.get(k) ?? { accountId: s.account_id, account: a?.name ?? null, kind: a?.kind ?? null, currency: s.currency as CurrencyCode, opening: 0, minor: 0, count: 0, archived: a?.archived === 1 };
    r.minor += num(s.total);
    r.count += num(s.n);
    rows.set(k, r);
  }
  // Archived accounts that hold nothing are history, not balances.
  const list = [...rows.values()].filter((r) => !(r.archived && r.minor === 0 && r.count === 0));
  const conv = await converter(ctx, opts, list.map((r) => r.currency), range.to ?? undefined);
  const out: BalanceRow[] = list.map((r) => {
    const c = conv.apply(r.minor, r.currency);
    const o = conv.apply(r.opening, r.currency);
    return { accountId: r.accountId, account: r.account, kind: r.kind, ...amount(c.minor, c.currency), opening: amount(o.minor, o.currency), count: r.count, archived: r.archived };
  });
  out.sort((a, b) => (a.account === null ? 1 : 0) - (b.account === null ? 1 : 0) || (a.account ?? '').localeCompare(b.account ?? '') || a.currency.localeCompare(b.currency));
  const totals = new Map<CurrencyCode, number>();
  for (const r of out) totals.set(r.currency, (totals.get(r.currency) ?? 0) + r.minor);
  return {
    kind: 'balance',
    ...range,
    includesOpening,
    empty: out.length === 0,
    conversion: conv.done(),
    rows: out,
    totals: [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([c, m]) => amount(m, c)),
  };
}

/** Assets minus liabilities (card and loan accounts), per currency, as of the period's end. */
export async function networth(ctx: Ctx, opts: ReportOptions = {}): Promise<NetworthReport> {
  const to = effectiveRange(opts).to;
  const b = await balance(ctx, { account: opts.account, to, convert: opts.convert });
  const per = new Map<CurrencyCode, { assets: number; liabilities: number; owed: number }>();
  for (const r of b.rows) {
    const p = per.get(r.currency) ?? { assets: 0, liabilities: 0, owed: 0 };
    if (r.kind && LIABILITY_KINDS.includes(r.kind)) p.liabilities -= r.minor;
    else p.assets += r.minor;
    per.set(r.currency, p);
  }
  // What people owe me (and I them) is part of what I own: the same figure the exports book to
  // Assets:Receivable / Liabilities:Payable.
  if (!opts.account) {
    const owed = await ctx.db
      .selectFrom(rollup(ctx, await reportWhere(ctx, { to }), ['currency']))
      .select([sql<string>`x.currency`.as('currency'), sql<number>`sum(x.o)`.as('owed')])
      .groupBy(sql`x.currency`)
      .execute();
    const conv = await converter(ctx, opts, owed.map((r) => r.currency as CurrencyCode), to);
    for (const r of owed) {
      const c = conv.apply(num(r.owed), r.currency as CurrencyCode);
      if (c.minor === 0) continue;
      const p = per.get(c.currency) ?? { assets: 0, liabilities: 0, owed: 0 };
      p.owed += c.minor;
      if (c.minor > 0) p.assets += c.minor;
      else p.liabilities -= c.minor;
      per.set(c.currency, p);
    }
  }
  return {
    kind: 'networth',
    from: null,
    to: b.to,
    empty: b.empty,
    conversion: b.conversion,
    rows: [...per.entries()]
      .sort(([a], [c]) => a.localeCompare(c))
      .map(([currency, p]) => ({ currency, assets: amount(p.assets, currency), liabilities: amount(p.liabilities, currency), owed: amount(p.owed, currency), net: amount(p.assets - p.liabilities, currency) })),
  };
}

// ---------------------------------------------------------------------------------------------
// trends

function periodsBetween(first: string, last: string, by: 'month' | 'week'): string[] {
  const out: string[] = [];
  const next = by === 'month' ? (p: string) => addMonthsToMonth(p as CalendarMonth, 1) : (p: string) => addDays(p as CalendarDate, 7);
  for (let p = first, guard = 0; guard < 10_000; p = next(p), guard++) {
    out.push(p);
    if (p >= last) break;
  }
  return out;
}

function points(periods: string[], values: Map<string, number>, currency: CurrencyCode): TrendPoint[] {
  let prev: number | null = null;
  return periods.map((p) => {
    const v = values.get(p) ?? 0;
    const changeMinor = prev === null ? null : v - prev;
    const changePct = prev === null || prev === 0 ? null : share(v - prev, Math.abs(prev));
    prev = v;
    return { period: p, ...amount(v, currency), changeMinor, change: changeMinor === null ? null : minorToDecimal(changeMinor, currency), changePct };
  });
}

/** Spending per month (or week) for each category (or merchant, tag, account), with the change against the period before. */
export async function trends(ctx: Ctx, opts: ReportOptions & { step?: 'month' | 'week' } = {}): Promise<TrendsReport> {
  // `by: 'week'` (or 'month') sets the step and keeps the series per category.
  const stepFromBy = opts.by === 'month' || opts.by === 'week' ? opts.by : undefined;
  const by = checkBy(stepFromBy ? 'category' : opts.by, ['category', 'merchant', 'tag', 'account'], 'category');
  const step = opts.step ?? stepFromBy ?? 'month';
  const where = await reportWhere(ctx, opts, { type: 'expense' });
  const cols = rollable(by);
  const b = bucket(ctx, step);
  let raw: Array<{ p: string; k: string | null; currency: string; total: number }>;
  if (cols) {
    const key = keyExpression(ctx, by, true);
    const xb = bucket(ctx, step, 'x.date');
    raw = await ctx.db
      .selectFrom(rollup(ctx, where, cols, opts))
      .select([xb.as('p'), key.as('k'), sql<string>`x.currency`.as('currency'), sql<number>`sum(x.s)`.as('total')])
      .groupBy([xb, key, sql`x.currency`])
      .execute();
  } else {
    const key = keyExpression(ctx, by);
    let q = txFrom(ctx, where);
    if (by === 'tag') q = q.leftJoin('transaction_tags as tt', 'tt.transaction_id', 't.id').leftJoin('tags as g', 'g.id', 'tt.tag_id') as unknown as typeof q;
    raw = await q
      .select([b.as('p'), key.as('k'), 't.currency', sql<number>`sum(${amountFor(opts.gross)})`.as('total')])
      .groupBy([b, key, 't.currency'])
      .execute();
  }
  const range = base(opts);
  const conv = await converter(ctx, opts, raw.map((r) => r.currency as CurrencyCode), range.to ?? undefined);
  const label = await labeller(ctx, by);
  const series = new Map<string, { key: string; label: string; currency: CurrencyCode; values: Map<string, number> }>();
  const totals = new Map<CurrencyCode, Map<string, number>>();
  // Totals come from a tag-free query so a row with two tags is not counted twice.
  const totalRaw = by === 'tag' ? await txFrom(ctx, where).select([b.as('p'), 't.currency', sql<number>`sum(${amountFor(opts.gross)})`.as('total')]).groupBy([b, 't.currency']).execute() : raw;
  for (const r of raw) {
    const { key: k, label: l } = label(r.k);
    const c = conv.apply(neg(r.total), r.currency as CurrencyCode);
    const id = `${k}\u0000${c.currency}`;
    const s = series.get(id) ?? { key: k, label: l, currency: c.currency, values: new Map() };
    s.values.set(r.p, (s.values.get(r.p) ?? 0) + c.minor);
    series.set(id, s);
  }
  for (const r of totalRaw) {
    const c = conv.apply(neg(r.total), r.currency as CurrencyCode);
    const t = totals.get(c.currency) ?? new Map<string, number>();
    t.set(r.p, (t.get(r.p) ?? 0) + c.minor);
    totals.set(c.currency, t);
  }
  const seen = raw.map((r) => r.p).sort();
  // Monthly series cover the whole period asked for (months with nothing show as zero).
  if (seen.length && step === 'month') {
    if (range.from) seen.unshift(range.from.slice(0, 7));
    if (range.to) seen.push(range.to.slice(0, 7));
    seen.sort();
  }
  const periods = seen.length ? periodsBetween(seen[0]!, seen[seen.length - 1]!, step) : [];
  const list = [...series.values()].map((s) => {
    const pts = points(periods, s.values, s.currency);
    return { key: s.key, label: s.label, currency: s.currency, points: pts, total: amount(pts.reduce((a, p) => a + p.minor, 0), s.currency) };
  });
  list.sort((a, b2) => a.currency.localeCompare(b2.currency) || b2.total.minor - a.total.minor || a.key.localeCompare(b2.key));
  return {
    kind: 'trends',
    by,
    step,
    ...range,
    empty: raw.length === 0,
    conversion: conv.done(),
    periods,
    series: list,
    totals: [...totals.entries()].sort(([a], [c]) => a.localeCompare(c)).map(([currency, values]) => ({ currency, points: points(periods, values, currency) })),
  };
}
