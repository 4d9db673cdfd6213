import type { Ctx } from '../db/index.js';
import { invalid } from '../errors/index.js';
import type { CalendarDate } from '../calendar/index.js';
import { type CurrencyCode, convertAtRate, decimalToMinor, ratioOf, convertMinor } from '../money/index.js';

/**
 * An entry spent in another currency than its account's: the account amount (what the bank
 * took) comes from what the user said (`accountAmount`), else a rate they gave for this entry,
 * else their own stored rates (`finch rate add`, newest on or before the day; a stored rate the
 * other way round is used inverted). Without any of them there is no honest account amount.
 */
export async function accountAmountFor(
  ctx: Ctx,
  o: { originalMinor: number; from: CurrencyCode; to: CurrencyCode; date: CalendarDate; accountName: string; rate?: string; accountAmount?: string },
): Promise<number> {
  const abs = Math.abs(o.originalMinor);
  if (o.accountAmount !== undefined) return Math.abs(decimalToMinor(o.accountAmount, o.to, 'account amount'));
  if (o.rate !== undefined) {
    if (!/^\d{1,12}(\.\d{1,12})?$/.test(o.rate.trim()) || /^0+(\.0+)?$/.test(o.rate.trim())) throw invalid(`invalid rate "${o.rate}": expected a positive decimal such as 1.17`);
    return convertAtRate(abs, o.from, o.to, o.rate.trim());
  }
  const rows = await ctx.db
    .selectFrom('exchange_rates')
    .select(['base', 'quote', 'rate', 'as_of'])
    .where('user_id', '=', ctx.userId)
    .where((eb) => eb.or([eb.and([eb('base', '=', o.from), eb('quote', '=', o.to)]), eb.and([eb('base', '=', o.to), eb('quote', '=', o.from)])]))
    .where('as_of', '<=', o.date)
    .orderBy('as_of', 'desc')
    .limit(2)
    .execute();
  const best = rows.find((r) => r.base === o.from && r.as_of === rows[0]?.as_of) ?? rows[0];
  if (!best) {
    throw invalid(`account "${o.accountName}" is in ${o.to} and no ${o.from}→${o.to} rate is known: give what it cost in ${o.to} or a rate`, 'exchange-rate');
  }
  const stored = ratioOf(best.rate);
  return convertMinor(abs, o.from, o.to, best.base === o.from ? stored : { num: stored.den, den: stored.num });
}
