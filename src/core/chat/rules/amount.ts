import { invalid } from '../../errors/index.js';
import { type CurrencyCode, currencyCode, decimalToMinor, isCurrencyCode, minorDigits, minorToDecimal, readNumber } from '../../money/index.js';

export interface FoundAmount {
  minor: number;
  currency: CurrencyCode;
  /** Where the amount and its markers were in the text, to cut them out of the description. */
  start: number;
  end: number;
  /** 0..1: how sure the amount is the amount (a currency marker is strong evidence). */
  confidence: number;
}

const DOLLAR_HOMES = new Set(['USD', 'AUD', 'CAD', 'NZD', 'SGD', 'HKD', 'TWD', 'MXN', 'JMD', 'BSD', 'BBD', 'FJD', 'LRD', 'NAD', 'SBD', 'TTD', 'XCD']);
const KRONA_HOMES = new Set(['SEK', 'NOK', 'DKK', 'ISK']);
const RUPEE_HOMES = new Set(['INR', 'PKR', 'LKR', 'NPR', 'MUR', 'SCR']);
/** Lower-case ISO codes that are also English words ("all", "top", "try") only count in capitals. */
const COMMON_LOWERCASE_CODES = new Set(['usd', 'eur', 'gbp', 'inr', 'jpy', 'aud', 'cad', 'chf', 'cny', 'sek', 'nok', 'dkk', 'pln', 'nzd', 'sgd', 'hkd', 'zar', 'brl', 'mxn', 'krw', 'rub', 'thb', 'idr', 'myr', 'php', 'aed', 'sar', 'huf', 'czk', 'ils', 'pkr', 'lkr', 'npr', 'vnd', 'ngn', 'kes', 'egp', 'twd', 'clp', 'cop', 'ars', 'pen', 'ron', 'bgn', 'isk', 'uah', 'kwd', 'qar', 'bhd', 'omr']);

function dollar(home: CurrencyCode): string {
  return DOLLAR_HOMES.has(home) ? home : 'USD';
}

/** Currency named by a symbol or word next to a number, given the person's home currency. */
function currencyOfMarker(marker: string, home: CurrencyCode): string | null {
  const m = marker.trim().toLowerCase().replace(/\.$/, '');
  switch (m) {
    case '$':
    case 'bucks':
    case 'buck':
    case 'dollar':
    case 'dollars':
      return dollar(home);
    case 'a$':
    case 'au$':
      return 'AUD';
    case 'c$':
    case 'ca$':
      return 'CAD';
    case 'nz$':
      return 'NZD';
    case 'hk$':
      return 'HKD';
    case 's$':
      return 'SGD';
    case 'us$':
      return 'USD';
    case 'r$':
      return 'BRL';
    case '€':
    case 'euro':
    case 'euros':
      return 'EUR';
    case '£':
    case 'quid':
    case 'pound':
    case 'pounds':
      return 'GBP';
    case '₹':
    case 'rs':
    case 'rupee':
    case 'rupees':
      return RUPEE_HOMES.has(home) ? home : 'INR';
    case '¥':
    case '￥':
      return home === 'CNY' ? 'CNY' : 'JPY';
    case 'yen':
      return 'JPY';
    case 'yuan':
    case 'rmb':
      return 'CNY';
    case '₩':
      return 'KRW';
    case '₽':
      return 'RUB';
    case '₺':
      return 'TRY';
    case '₪':
      return 'ILS';
    case '฿':
      return 'THB';
    case '₱':
      return 'PHP';
    case '₦':
      return 'NGN';
    case 'zł':
      return 'PLN';
    case 'kr':
      return KRONA_HOMES.has(home) ? home : 'SEK';
    default:
      return null;
  }
}

const SYMBOL_BEFORE = /(?:(?:a|au|c|ca|nz|hk|s|us|r)\$|\$|€|£|₹|¥|￥|₩|₽|₺|₪|฿|₱|₦|\brs\.?|\bkr\.?|\bzł)\s?$/i;
const CODE_BEFORE = /\b([a-z]{3})\s?$/i;
const MARKER_AFTER = /^\s?(\$|€|£|₹|¥|zł|kr\b|bucks?\b|dollars?\b|rs\b\.?|rupees?\b|euros?\b|quid\b|pounds?\b|yen\b|yuan\b|rmb\b|([a-z]{3})\b)/i;
const SCALE_AFTER = /^\s?(k\b|m\b|mn\b|lakhs?\b|lacs?\b|crores?\b|cr\b|thousand\b|million\b)/i;
const NOT_AN_AMOUNT_AFTER = /^\s*(st|nd|rd|th)\b|^\s*(days?|weeks?|months?|years?|yrs?|hrs?|hours?|mins?|minutes?|secs?|seconds?|am|pm|kg|kgs|g|gb|mb|km|mi|miles|ml|l|litres?|liters?|people|persons|pax|nights?|times|ways?|items?|pcs|pieces|%)\b|^:\d|^%|^-[a-z]/i;
const MULTIPLY_BEFORE = /\b(\d{1,3})\s?[x×*]\s?$/i;
const MULTIPLY_AFTER = /^\s?[x×*]\s?(\d{1,3})(?![\d.,])/i;
/** A small whole number right before "x 2.50" is the quantity, not the price: the price's candidate takes it. */
const QUANTITY_OF_NEXT = /^\s?[x×*]\s?\d/i;
/** Currency words that may touch the digits: "EUR12.50", "rs500", "INR1,200". */
const GLUED_CODES = [...COMMON_LOWERCASE_CODES, 'rs'].flatMap((c) => [c, c.toUpperCase(), c[0]!.toUpperCase() + c.slice(1)]).join('|');
// A letter before the digits hides them ("B12", "v1.5", "no.3") unless it ends a currency word
// ("EUR12", "rs.612", "kr.450").
const NUMBER = new RegExp(
  `(?:(?<![\\p{L}\\d,.])|(?<=\\b(?:${GLUED_CODES}))(?=\\d)|(?<=\\b(?:[Rr][Ss]|[Kk][Rr])\\.))` +
    /(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+[.,]\d{1,2}|\d{1,3}(?:[,.'’]\d{2,3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?|[.,]\d{1,2})(?![\d])/.source,
  'gu',
);

const SCALES: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, lakh: 1e5, lakhs: 1e5, lac: 1e5, lacs: 1e5, crore: 1e7, crores: 1e7, cr: 1e7 };

interface Candidate {
  start: number;
  end: number;
  number: string;
  currency: string | null;
  unknownCode: string | null;
  scale: number;
  quantity: number;
  score: number;
}

/** A code after a number names a currency when it is one; an unknown capitalised code is a mistake to report. */
/** Three-letter capitals that are words or everyday acronyms, never a mistyped currency. */
const NOT_CODES = new Set(['FOR', 'THE', 'AND', 'ATM', 'BUS', 'CAB', 'CAR', 'GYM', 'TAX', 'FEE', 'TIP', 'BAR', 'PUB', 'TEA', 'OUT', 'OFF', 'NEW', 'OLD', 'ONE', 'TWO', 'TEN', 'PER', 'VIA', 'NET', 'APP', 'DAY', 'WAY', 'BOX', 'KIT', 'BAG', 'PET', 'DOG', 'CAT', 'VET', 'GAS', 'OIL', 'EMI', 'SIP', 'ETF', 'IRA', 'RENT', 'UPI', 'NYC', 'USA', 'UK', 'EOD', 'FYI', 'ASAP']);

function codeAfter(word: string, shouting: boolean): { currency: string | null; unknown: string | null } {
  const lower = word.toLowerCase();
  if (isCurrencyCode(word) && (word === word.toUpperCase() || COMMON_LOWERCASE_CODES.has(lower))) return { currency: word.toUpperCase(), unknown: null };
  if (/^[A-Z]{3}$/.test(word) && !isCurrencyCode(word) && !shouting && !NOT_CODES.has(word)) return { currency: null, unknown: word };
  return { currency: null, unknown: null };
}

function candidates(text: string, home: CurrencyCode): Candidate[] {
  const out: Candidate[] = [];
  // In a message written all in capitals ("PAID 12 FOR LUNCH"), a capitalised word after a number
  // is just a word; "50 XYZ" alone is a mistyped currency.
  const shouting = !/\p{Ll}/u.test(text) && (text.match(/\b\p{Lu}{2,}\b/gu) ?? []).length >= 3;
  for (const m of text.matchAll(NUMBER)) {
    let start = m.index;
    let end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 8), start);
    let after = text.slice(end, end + 16);
    let currency: string | null = null;
    let unknownCode: string | null = null;
    let scale = 1;
    let quantity = 1;
    let score = 1;
    const scaleMatch = SCALE_AFTER.exec(after);
    if (scaleMatch && /^\s?[a-z]/i.test(after)) {
      const word = scaleMatch[1]!.toLowerCase();
      // "2m" is two million only next to money; "10 m" may be metres
      if (!(word === 'm' && !SYMBOL_BEFORE.test(before) && /^\s/.test(after))) {
        scale = SCALES[word] ?? 1;
        end += scaleMatch[0].length;
        after = text.slice(end, end + 16);
      }
    }
    // "401k", "403b", "457b" name retirement plans, not four hundred thousand
    if (/^(401|403|457)$/.test(m[0]) && /^\(?[kb]\b/i.test(text.slice(m.index + m[0].length))) continue;
    if (scale === 1 && NOT_AN_AMOUNT_AFTER.test(after)) continue;
    if (scale === 1 && /^\d{1,3}$/.test(m[0]) && QUANTITY_OF_NEXT.test(after)) continue;
    const sym = SYMBOL_BEFORE.exec(before);
    if (sym) {
      currency = currencyOfMarker(sym[0], home);
      start -= sym[0].length;
      score = 3;
    } else {
      const code = CODE_BEFORE.exec(before);
      if (code && isCurrencyCode(code[1]!) && (code[1] === code[1]!.toUpperCase() || COMMON_LOWERCASE_CODES.has(code[1]!.toLowerCase()))) {
        currency = code[1]!.toUpperCase();
        start -= code[0].length;
        score = 3;
      }
    }
    if (!currency) {
      const mark = MARKER_AFTER.exec(after);
      if (mark) {
        if (mark[2]) {
          const c = codeAfter(mark[2], shouting);
          currency = c.currency;
          unknownCode = c.unknown;
        } else currency = currencyOfMarker(mark[1]!, home);
        if (currency) {
          end += mark[0].length;
          score = 3;
        }
      }
    }
    const qBefore = MULTIPLY_BEFORE.exec(text.slice(Math.max(0, start - 8), start));
    const qAfter = MULTIPLY_AFTER.exec(text.slice(end, end + 8));
    if (qBefore) {
      quantity = Number(qBefore[1]);
      start -= qBefore[0].length;
      score += 1.5;
    } else if (qAfter) {
      quantity = Number(qAfter[1]);
      end += qAfter[0].length;
      score += 1.5;
    }
    if (score === 1 && /[.,]\d{1,2}$/.test(m[0])) score = 1.5; // 12.50 looks like money more than 12
    out.push({ start, end, number: m[0], currency, unknownCode, scale, quantity, score });
  }
  return out;
}

function toMinor(number: string, currency: CurrencyCode): number {
  // Why: "1.200 €" / "3.450 €" is a thousands group, never 1.20 — nobody writes a price to a tenth of a
  // cent in a currency with 0–2 minor digits (in KWD/BHD, 3 decimals are real, so keep them there).
  if (/^[1-9]\d{0,2}[.,]\d{3}$/.test(number) && minorDigits(currency) < 3) return decimalToMinor(number.replace(/[.,]/, ''), currency);
  const plain = readNumber(number.replace(/[’']/g, ','));
  if (plain === null) throw invalid(`cannot read the amount "${number}"`);
  try {
    return decimalToMinor(plain, currency);
  } catch (e) {
    // 1.234 in a two-decimal currency is a thousands group, not a fraction of a cent
    const grouped = /^\d{1,3}[.,]\d{3}$/.test(number) ? number.replace(/[.,]/, '') : null;
    if (grouped) return decimalToMinor(grouped, currency);
    throw e;
  }
}

/** The largest amount a chat entry may carry (in major units): past this it is a typo. */
const ABSURD = 1e12;

/**
 * Finds the amount in a message (dates and times already masked). A number with a currency marker
 * wins over a bare one; among bare ones a number with cents wins, then the last one.
 */
export function findAmount(text: string, home: CurrencyCode): FoundAmount {
  const all = candidates(text, home);
  const unknown = all.find((c) => c.unknownCode && !c.currency);
  if (all.length === 0) throw invalid('no amount found: say how much, e.g. "lunch 12.50"');
  const best = [...all].sort((a, b) => b.score - a.score || b.start - a.start)[0]!;
  if (unknown && best.score < 3) throw invalid(`unknown currency code ${unknown.unknownCode}`);
  const currency = currencyCode(best.currency ?? home);
  const minor = Math.round(toMinor(best.number, currency) * best.scale) * best.quantity;
  if (!Number.isSafeInteger(minor) || Math.abs(minor) / 10 ** 2 > ABSURD) throw invalid(`the amount ${best.number} is too large to be real`);
  if (minor <= 0) throw invalid('the amount must be more than zero');
  const rivals = all.filter((c) => c !== best && c.score >= best.score).length;
  const confidence = best.score >= 3 ? 0.97 : rivals > 0 ? 0.6 : best.score >= 1.5 ? 0.9 : 0.85;
  return { minor, currency, start: best.start, end: best.end, confidence };
}

export function formatAmount(minor: number, currency: CurrencyCode): string {
  return minorToDecimal(minor, currency);
}
