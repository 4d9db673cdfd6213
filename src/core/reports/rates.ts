import { type Ctx } from '../db/index.js';
import { invalid } from '../errors/index.js';
import { type CalendarDate, toCalendarDate, today } from '../calendar/index.js';
import { type CurrencyCode, currencyCode } from '../money/index.js';

/**
 * User-supplied exchange rates and exact conversion.
 *
 * A rate is stored as the decimal text the user gave ("1 FROM = RATE TO"), never as a float.
 * Conversion is exact rational arithmetic on BigInt: minor × rate × 10^(to digits − from digits),
 * rounded once to a whole minor unit, **half to even** (banker's rounding), so the same input
 * always gives the same output and ties do not drift one way over many rows.
 */

export interface ExchangeRate {
  from: CurrencyCode;
  to: CurrencyCode;
  /** Decimal text, e.g. "1.0825". */
  rate: string;
  asOf: CalendarDate;
}

const RATE_TEXT = /^\d{1,12}(\.\d{1,12})?$/;

/** Validates and normalises a rate: a positive decimal with at most 12 digits either side. */
export function parseRate(text: string): string {
  const t = text.trim();
  if (!RATE_TEXT.test(t)) throw invalid(`invalid rate "${text}": expected a positive decimal such as 1.0825`);
  const [whole = '0', frac = ''] = t.split('.');
  const w = whole.replace(/^0+(?=\d)/, '');
  const f = frac.replace(/0+$/, '');
  const norm = f ? `${w}.${f}` : w;
  if (/^0(\.0*)?$/.test(norm)) throw invalid(`invalid rate "${text}": must be more than zero`);
  return norm;
}

export { type Ratio, ratioOf, divRoundHalfEven, convertMinor } from '../money/index.js';
import { type Ratio, ratioOf } from '../money/index.js';

export async function addRate(ctx: Ctx, input: { from: string; to: string; rate: string; date?: string }): Promise<ExchangeRate> {
  const from = currencyCode(input.from);
  const to = currencyCode(input.to);
  if (from === to) throw invalid(`a rate needs two different currencies, not ${from} and ${to}`);
  const rate = parseRate(input.rate);
  const asOf = input.date ? toCalendarDate(input.date, 'rate date') : today();
  await ctx.db
    .insertInto('exchange_rates')
    .values({ user_id: ctx.userId, base: from, quote: to, rate, as_of: asOf })
    .onConflict((oc) => oc.columns(['user_id', 'base', 'quote', 'as_of']).doUpdateSet({ rate }))
    .execute();
  return { from, to, rate, asOf };
}

export async function listRates(ctx: Ctx): Promise<ExchangeRate[]> {
  const rows = await ctx.db
    .selectFrom('exchange_rates')
    .select(['base', 'quote', 'rate', 'as_of'])
    .where('user_id', '=', ctx.userId)
    .orderBy('base')
    .orderBy('quote')
    .orderBy('as_of', 'desc')
    .execute();
  return rows.map((r) => ({ from: r.base as CurrencyCode, to: r.quote as CurrencyCode, rate: r.rate, asOf: r.as_of as CalendarDate }));
}

/** The rate used to turn one currency into the target: direct, or the inverse of a stored one. */
export interface AppliedRate {
  from: CurrencyCode;
  to: CurrencyCode;
  /** The stored rate text and which way it was stored. */
  rate: string;
  inverted: boolean;
  asOf: CalendarDate;
  ratio: Ratio;
}

/**
 * For each currency, the newest rate to `target` dated on or before `asOf` (any date when asOf is
 * absent). A stored TARGET→X rate is used inverted when there is no newer X→TARGET one. No
 * triangulation through a third currency: a missing pair is reported, not guessed.
 */
export async function ratesTo(ctx: Ctx, target: CurrencyCode, currencies: readonly CurrencyCode[], asOf?: string): Promise<{ rates: Map<CurrencyCode, AppliedRate>; missing: CurrencyCode[] }> {
  const wanted = [...new Set(currencies)].filter((c) => c !== target);
  const rates = new Map<CurrencyCode, AppliedRate>();
  if (wanted.length === 0) return { rates, missing: [] };
  let q = ctx.db
    .selectFrom('exchange_rates')
    .select(['base', 'quote', 'rate', 'as_of'])
    .where('user_id', '=', ctx.userId)
    .where((eb) => eb.or([eb.and([eb('quote', '=', target), eb('base', 'in', wanted)]), eb.and([eb('base', '=', target), eb('quote', 'in', wanted)])]));
  if (asOf) q = q.where('as_of', '<=', asOf);
  const rows = await q.orderBy('as_of', 'desc').execute();
  for (const r of rows) {
    const direct = r.quote === target;
    const cur = (direct ? r.base : r.quote) as CurrencyCode;
    const have = rates.get(cur);
    // Rows come newest first: keep the first seen, but on the same day prefer the direct one.
    if (have && !(have.asOf === r.as_of && have.inverted && direct)) continue;
    const stored = ratioOf(r.rate);
    rates.set(cur, {
      from: cur,
      to: target,
      rate: r.rate,
      inverted: !direct,
      asOf: r.as_of as CalendarDate,
      ratio: direct ? stored : { num: stored.den, den: stored.num },
    });
  }
  return { rates, missing: wanted.filter((c) => !rates.has(c)).sort() };
}
