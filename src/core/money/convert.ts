import { invalid } from '../errors/index.js';
import { type CurrencyCode, minorDigits } from './currency.js';
import { MAX_MINOR } from './decimal.js';

/*
 * Exact conversion between currencies: rational arithmetic on BigInt, minor × rate ×
 * 10^(to digits − from digits), rounded once to a whole minor unit, half to even, so the same
 * input always gives the same output and ties do not drift one way over many rows.
 */

/** A positive rational number num/den. */
export interface Ratio {
  num: bigint;
  den: bigint;
}

export function ratioOf(rate: string): Ratio {
  const [whole = '0', frac = ''] = rate.split('.');
  return { num: BigInt(whole + frac), den: 10n ** BigInt(frac.length) };
}

/** n / d rounded to the nearest integer, ties to the even one. d > 0. */
export function divRoundHalfEven(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('divisor must be positive');
  const negative = n < 0n;
  const a = negative ? -n : n;
  let q = a / d;
  const r = a % d;
  const twice = r * 2n;
  if (twice > d || (twice === d && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

/** Converts minor units of `from` to minor units of `to` at `ratio` (1 from = ratio to). */
export function convertMinor(minor: number, from: CurrencyCode, to: CurrencyCode, ratio: Ratio): number {
  const shift = minorDigits(to) - minorDigits(from);
  let num = BigInt(minor) * ratio.num;
  let den = ratio.den;
  if (shift > 0) num *= 10n ** BigInt(shift);
  else if (shift < 0) den *= 10n ** BigInt(-shift);
  const out = divRoundHalfEven(num, den);
  if (out > BigInt(MAX_MINOR) || out < -BigInt(MAX_MINOR)) throw invalid('converted amount is too large');
  return Number(out);
}


/** Converts at a decimal rate text ("1 FROM = RATE TO"). */
export function convertAtRate(minor: number, from: CurrencyCode, to: CurrencyCode, rate: string): number {
  return convertMinor(minor, from, to, ratioOf(rate));
}
