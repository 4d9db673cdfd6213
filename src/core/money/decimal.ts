import { invalid } from '../errors/index.js';
import { type CurrencyCode, minorDigits } from './currency.js';

/**
 * Largest amount finch accepts, in minor units: 2^53 - 1 is the integer range of a JS number, and
 * amounts cross SQLite and Postgres (bigint, parsed to number) as plain numbers.
 */
export const MAX_MINOR = Number.MAX_SAFE_INTEGER;

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/**
 * Converts a plain decimal string ("-1234.5", "12", "0.07") to integer minor units of `currency`.
 * More fractional digits than the currency has are an error unless they are zeros.
 */
export function decimalToMinor(text: string, currency: CurrencyCode, what = 'amount'): number {
  const m = DECIMAL.exec(text.trim());
  if (!m) throw invalid(`invalid ${what} "${text}": expected a number such as 12.50`);
  const digits = minorDigits(currency);
  const [, sign, whole = '0', fracRaw = ''] = m;
  const extra = fracRaw.slice(digits);
  if (/[1-9]/.test(extra)) {
    throw invalid(`invalid ${what} "${text}": ${currency} has ${digits} decimal place${digits === 1 ? '' : 's'}`);
  }
  const frac = fracRaw.slice(0, digits).padEnd(digits, '0');
  const unsigned = Number(whole.replace(/^0+(?=\d)/, '') + frac);
  if (!Number.isSafeInteger(unsigned)) throw invalid(`invalid ${what} "${text}": too large`);
  // "-0.00" is zero, not IEEE negative zero (found by the property tests).
  return sign === '-' && unsigned !== 0 ? -unsigned : unsigned;
}

/** Integer minor units to a plain decimal string with the currency's digits: 123456 USD → "1234.56". */
export function minorToDecimal(minor: number, currency: CurrencyCode): string {
  if (!Number.isSafeInteger(minor)) throw invalid(`amount ${minor} is not a whole number of minor units`);
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  const whole = abs.slice(0, abs.length - digits);
  const frac = abs.slice(abs.length - digits);
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${frac}` : ''}`;
}

/** For people: "1,234.56 USD", "-12.00 EUR". */
export function formatMoney(minor: number, currency: CurrencyCode): string {
  const dec = minorToDecimal(minor, currency);
  const negative = dec.startsWith('-');
  const [whole = '0', frac] = (negative ? dec.slice(1) : dec).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''} ${currency}`;
}

/**
 * Splits `total` minor units in proportion to `weights`, so the parts always sum exactly to the
 * total. Remainders go one unit at a time to the largest fractional parts, ties to the earlier
 * index: the same input always gives the same split.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) throw invalid('cannot split an amount among nobody');
  if (weights.some((w) => !(w >= 0) || !Number.isFinite(w))) throw invalid('split weights must be zero or more');
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw invalid('split weights must not all be zero');
  const sign = total < 0 ? -1 : 1;
  const abs = Math.abs(total);
  const exact = weights.map((w) => (abs * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let remainder = abs - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; remainder > 0; k = (k + 1) % order.length, remainder--) {
    const slot = order[k]!.i;
    parts[slot] = parts[slot]! + 1;
  }
  return parts.map((p) => p * sign);
}
