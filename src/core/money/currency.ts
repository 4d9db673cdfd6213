import cc from 'currency-codes';
import { invalid } from '../errors/index.js';

declare const currencyBrand: unique symbol;
/** An ISO 4217 code that names a real currency (upper case). */
export type CurrencyCode = string & { readonly [currencyBrand]: true };

// X-codes (gold, test, "no currency") are ISO entries but never a currency a person spends.
const NOT_SPENDABLE = /^X(AU|AG|PT|PD|TS|XX|BA|BB|BC|BD|DR|SU|UA)$/;

// currency-codes searches its list linearly; imports look the same few codes up per row.
const known = new Map<string, { digits: number; name: string } | null>();
function lookup(code: string): { digits: number; name: string } | null {
  let hit = known.get(code);
  if (hit === undefined) {
    const entry = /^[A-Z]{3}$/.test(code) && !NOT_SPENDABLE.test(code) ? cc.code(code) : undefined;
    hit = entry ? { digits: entry.digits, name: entry.currency } : null;
    known.set(code, hit);
  }
  return hit;
}

export function isCurrencyCode(text: string): boolean {
  return lookup(text.trim().toUpperCase()) !== null;
}

/** Validates and normalises an ISO 4217 code; throws a FinchError for anything else. */
export function currencyCode(text: string): CurrencyCode {
  const code = text.trim().toUpperCase();
  if (!isCurrencyCode(code)) throw invalid(`unknown currency code "${text}": expected an ISO 4217 code such as USD, EUR, INR`);
  return code as CurrencyCode;
}

/** Number of minor-unit digits from the ISO 4217 list (JPY 0, USD 2, KWD 3, HUF 2). */
export function minorDigits(code: CurrencyCode): number {
  return lookup(code)?.digits ?? 2;
}

export function currencyName(code: CurrencyCode): string {
  return lookup(code)?.name ?? code;
}
