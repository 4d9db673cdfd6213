import { findAmount } from '../chat/index.js';
import { type CurrencyCode, isCurrencyCode } from '../money/index.js';

/** An amount written with its currency, where it stands in the text. */
export interface MoneyMention {
  minor: number;
  currency: CurrencyCode;
  start: number;
  end: number;
  /** The words just before it ("Total", "Avl Bal", "spent"), lower-cased: the cue templates learn. */
  cue: string;
}

const SYMBOL = String.raw`(?:[A-Z]{1,2}\$|\$|€|£|₹|¥|₩|₽|₺|₪|฿|₱|₦|zł|Rs\.?|[A-Z]{3})`;
const NUM = String.raw`\d{1,3}(?:[,.' \u00a0]\d{2,3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const BEFORE = new RegExp(String.raw`(?<![\p{L}\d])(${SYMBOL})\s?(${NUM})(?![\d])`, 'gu');
const AFTER = new RegExp(String.raw`(?<![\p{L}\d.,])(${NUM})\s?(${SYMBOL})(?![\p{L}])`, 'gu');

/** "($USD) 54.23" and "$USD 54.23" name the currency twice over: read them as "USD 54.23". */
export function tidyMarkers(text: string): string {
  return text.replace(/\(\s*\$?([A-Z]{3})\s*\)/g, (m, code: string) => (isCurrencyCode(code) ? ` ${code}` : m)).replace(/\$([A-Z]{3})\b/g, (m, code: string) => (isCurrencyCode(code) ? code : m));
}

function validMarker(marker: string): boolean {
  return !/^[A-Z]{3}$/.test(marker) || isCurrencyCode(marker);
}

/**
 * Every amount with a currency marker in the text. The reading of each (notation, symbol →
 * currency) is the chat parser's, so "Rs.1,20,000" and "1.234,56 €" mean what they mean there.
 */
export function findMoney(text: string, home: CurrencyCode): MoneyMention[] {
  const found: MoneyMention[] = [];
  const taken: Array<[number, number]> = [];
  const add = (start: number, end: number, marker: string) => {
    if (!validMarker(marker) || taken.some(([s, e]) => start < e && end > s)) return;
    try {
      const a = findAmount(text.slice(start, end), home);
      taken.push([start, end]);
      const cue = text.slice(Math.max(0, start - 40), start).toLowerCase().replace(/[^\p{L}\s]/gu, ' ').trim().split(/\s+/).slice(-3).join(' ');
      found.push({ minor: a.minor, currency: a.currency, start, end, cue });
    } catch {
      // not an amount after all (zero, or a code chat does not read)
    }
  };
  for (const m of text.matchAll(BEFORE)) add(m.index, m.index + m[0].length, m[1]!);
  for (const m of text.matchAll(AFTER)) add(m.index, m.index + m[0].length, m[2]!);
  return found.sort((a, b) => a.start - b.start);
}
