import { invalid } from '../../errors/index.js';
import { type CurrencyCode, currencyCode, decimalToMinor, isCurrencyCode, minorDigits, minorToDecimal, readNumber } from '../../money/index.js';
import { AMOUNT_WORDS, currenciesOfMarker, MARKER_AFTER, MARKER_BEFORE, resolveCurrency } from './currency.js';
import { findWordNumbers } from './numbers.js';
import AMOUNT_DATA from './data/amount-words.json' with { type: 'json' };

export interface FoundAmount {
  minor: number;
  currency: CurrencyCode;
  /** Where the amount and its markers were in the text, to cut them out of the description. */
  start: number;
  end: number;
  /** Every piece the total was read from ("85 + 15 tip": both numbers), for the description. */
  spans: Array<[number, number]>;
  /** 0..1: how sure the amount is the amount (a currency marker is strong evidence). */
  confidence: number;
}

/** Lower-case ISO codes that are also English words ("all", "top", "try") only count in capitals. */
const COMMON_LOWERCASE_CODES = new Set(['usd', 'eur', 'gbp', 'inr', 'jpy', 'aud', 'cad', 'chf', 'cny', 'sek', 'nok', 'dkk', 'pln', 'nzd', 'sgd', 'hkd', 'zar', 'brl', 'mxn', 'krw', 'rub', 'thb', 'idr', 'myr', 'php', 'aed', 'sar', 'huf', 'czk', 'ils', 'pkr', 'lkr', 'npr', 'vnd', 'ngn', 'kes', 'egp', 'twd', 'clp', 'cop', 'ars', 'pen', 'ron', 'bgn', 'isk', 'uah', 'kwd', 'qar', 'bhd', 'omr']);
/** Three-letter capitals that are words or everyday acronyms, never a mistyped currency. */
const NOT_CODES = new Set(['FOR', 'THE', 'AND', 'ATM', 'BUS', 'CAB', 'CAR', 'GYM', 'TAX', 'FEE', 'TIP', 'BAR', 'PUB', 'TEA', 'OUT', 'OFF', 'NEW', 'OLD', 'ONE', 'TWO', 'TEN', 'PER', 'VIA', 'NET', 'APP', 'DAY', 'WAY', 'BOX', 'KIT', 'BAG', 'PET', 'DOG', 'CAT', 'VET', 'GAS', 'OIL', 'EMI', 'SIP', 'ETF', 'IRA', 'RENT', 'UPI', 'NYC', 'USA', 'UK', 'EOD', 'FYI', 'ASAP', 'PKP', 'SBB', 'ICA', 'MRT', 'KFC', 'BBQ', 'DVD', 'SIM', 'HSA', 'FSA', 'CVS', 'IKEA', 'DHL', 'UPS', 'BTC', 'ETH', 'SOL']);

const words = (key: keyof typeof AMOUNT_DATA) => (AMOUNT_DATA[key] as string[]).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
/** Words after a number saying what it counts ("2 lines", "3 nights"): a number before them is not the amount. */
const NOT_AN_AMOUNT_AFTER = new RegExp(`^\\s*(?:st|nd|rd|th)(?![\\p{L}])|^\\s*(?:${words('unitsAfter')})(?![\\p{L}])|^:\\d|^\\s?%|^-\\p{L}`, 'iu');
/** Words that may follow an amount without making it a count ("12 for lunch", "30 yesterday"). */
const AMOUNT_FOLLOWERS = new RegExp(`^\\s*(?:${words('followers')})(?![\\p{L}])`, 'iu');
const EACH_AFTER = new RegExp(`^\\s*(?:${words('each')})(?![\\p{L}])`, 'iu');
const DISCOUNT_AFTER = new RegExp(`^\\s*(?:${words('discountAfter')})(?![\\p{L}])`, 'iu');
const DISCOUNT_BEFORE = new RegExp(`(?:${words('discountBefore')})\\s*$`, 'iu');
const PAID_BEFORE = new RegExp(`(?<![\\p{L}])(?:${words('paidVerbs')})\\s+(?:\\p{L}+\\s+)?$`, 'iu');
const PLUS_BETWEEN = new RegExp(`^\\s*(?:\\+|(?:${words('plus')})(?![\\p{L}]))`, 'iu');
const PLUS_BEFORE = new RegExp(`(?:\\+|(?<![\\p{L}])(?:${words('plus')}))\\s*$`, 'iu');
const JOIN_BETWEEN = new RegExp(`(?:^|[\\s,;])(?:${words('join')}|&|,|\\+)(?:[\\s]|$)`, 'iu');
const PERCENT = new RegExp(`(\\d{1,2}(?:[.,]\\d+)?)\\s?%\\s*(?:(${words('discountAfter')})|(${words('tipWords')}))(?![\\p{L}])`, 'giu');
const MULTIPLY_BEFORE = /(?<![\d.,])(\d{1,3})\s?(?:[x×*]|@)\s?$/i;
const MULTIPLY_AFTER = /^\s?[x×*]\s?(\d{1,3})(?![\d.,])/i;
/** A small whole number right before "x 2.50" or "@ 4.75" is the quantity, not the price. */
const QUANTITY_OF_NEXT = /^\s?(?:[x×*]|@)\s?\d/i;
const SCALE_AFTER = /^\s?(k|m|mn|lakhs?|lacs?|crores?|cr|thousand|million)(?![\p{L}])/iu;
const SCALES: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, lakh: 1e5, lakhs: 1e5, lac: 1e5, lacs: 1e5, crore: 1e7, crores: 1e7, cr: 1e7 };
const GLUED_CODES = [...COMMON_LOWERCASE_CODES, 'rs'].flatMap((c) => [c, c.toUpperCase(), c[0]!.toUpperCase() + c.slice(1)]).join('|');
// A letter before the digits hides them ("B12", "v1.5", "no.3") unless it ends a currency word
// ("EUR12", "rs.612", "kr.450").
const NUMBER = new RegExp(
  `(?:(?<![\\p{L}\\d,.'’])|(?<=\\b(?:${GLUED_CODES}))(?=\\d)|(?<=\\b(?:[Rr][Ss]|[Kk][Rr])\\.))` +
    /(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?|\d{1,3}(?:[,.'’]\d{2,3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?|[.,]\d{1,2})(?![\d])/.source,
  'gu',
);
const SPACE_GROUPED = /^\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?$/;

type Role = 'price' | 'count' | 'discount';

interface Candidate {
  start: number;
  end: number;
  /** The number's own digits (or its word value). */
  number: string;
  currencies: string[] | null;
  unknownCode: string | null;
  scale: number;
  quantity: number;
  score: number;
  role: Role;
  each: boolean;
  paid: boolean;
  word: boolean;
}

function codeCurrency(word: string, shouting: boolean): { currency: string | null; unknown: string | null } {
  const lower = word.toLowerCase();
  if (isCurrencyCode(word) && (word === word.toUpperCase() || COMMON_LOWERCASE_CODES.has(lower))) return { currency: word.toUpperCase(), unknown: null };
  if (/^[A-Z]{3}$/.test(word) && !isCurrencyCode(word) && !shouting && !NOT_CODES.has(word)) return { currency: null, unknown: word };
  return { currency: null, unknown: null };
}

/** The currency marker touching a number on either side, if any; moves the candidate's edges over it. */
function attachCurrency(text: string, c: Candidate, shouting: boolean): void {
  const before = text.slice(Math.max(0, c.start - 14), c.start);
  const sym = MARKER_BEFORE.exec(before);
  const codeBefore = /(?<![\p{L}])([a-z]{3})\s?$/iu.exec(before);
  if (codeBefore && isCurrencyCode(codeBefore[1]!) && (codeBefore[1] === codeBefore[1]!.toUpperCase() || COMMON_LOWERCASE_CODES.has(codeBefore[1]!.toLowerCase()))) {
    c.currencies = [codeBefore[1]!.toUpperCase()];
    c.start -= codeBefore[0].length;
    c.score = 3;
    return;
  }
  if (sym) {
    const codes = currenciesOfMarker(sym[0], 'before');
    if (codes) {
      c.currencies = codes;
      c.start -= sym[0].length;
      c.score = 3;
      return;
    }
  }
  const after = text.slice(c.end, c.end + 16);
  const codeAfter = /^\s?([a-z]{3})(?![\p{L}])/iu.exec(after);
  if (codeAfter) {
    const k = codeCurrency(codeAfter[1]!, shouting);
    if (k.currency) {
      c.currencies = [k.currency];
      c.end += codeAfter[0].length;
      c.score = 3;
      return;
    }
    if (!currenciesOfMarker(codeAfter[1]!, 'after')) c.unknownCode = k.unknown;
  }
  const mark = MARKER_AFTER.exec(after);
  if (mark) {
    const codes = currenciesOfMarker(mark[0], 'after');
    if (codes) {
      c.currencies = codes;
      c.end += mark[0].length;
      c.score = 3;
      c.unknownCode = null;
    }
  }
}

function digitCandidates(text: string, shouting: boolean): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(NUMBER)) {
    let number = m[0];
    // "3 450" is one number only next to a currency ("salaire 2 450 €"); else it is "3" and "450"
    if (SPACE_GROUPED.test(number)) {
      const probe: Candidate = blank(m.index, m.index + number.length, number);
      attachCurrency(text, probe, shouting);
      if (!probe.currencies) {
        const head = number.split(/[ \u00a0\u202f]/);
        let at = m.index;
        for (const h of head) {
          const c = candidate(text, at, h, shouting);
          if (c) out.push(c);
          at += h.length + 1;
        }
        continue;
      }
      number = number.replace(/[ \u00a0\u202f]/g, '');
      const c = candidate(text, m.index, m[0], shouting, number);
      if (c) out.push(c);
      continue;
    }
    const c = candidate(text, m.index, number, shouting);
    if (c) out.push(c);
  }
  return out;
}

function blank(start: number, end: number, number: string): Candidate {
  return { start, end, number, currencies: null, unknownCode: null, scale: 1, quantity: 1, score: 1, role: 'price', each: false, paid: false, word: false };
}

function candidate(text: string, index: number, raw: string, shouting: boolean, digits = raw): Candidate | null {
  const c = blank(index, index + raw.length, digits);
  let after = text.slice(c.end, c.end + 16);
  const scaleMatch = SCALE_AFTER.exec(after);
  if (scaleMatch && /^\s?\p{L}/u.test(after)) {
    const word = scaleMatch[1]!.toLowerCase();
    // "2m" is two million only next to money; "10 m" may be metres
    if (!(word === 'm' && !MARKER_BEFORE.test(text.slice(Math.max(0, index - 8), index)) && /^\s/.test(after))) {
      c.scale = SCALES[word] ?? 1;
      c.end += scaleMatch[0].length;
      after = text.slice(c.end, c.end + 16);
    }
  }
  // "401k", "403b", "457b" name retirement plans, not four hundred thousand
  if (/^(401|403|457)$/.test(raw) && /^\(?[kb]\b/i.test(text.slice(index + raw.length))) return null;
  if (c.scale === 1 && NOT_AN_AMOUNT_AFTER.test(after)) return null;
  if (c.scale === 1 && /^\d{1,3}$/.test(raw) && QUANTITY_OF_NEXT.test(after)) return null;
  attachCurrency(text, c, shouting);
  const qBefore = MULTIPLY_BEFORE.exec(text.slice(Math.max(0, c.start - 8), c.start));
  const qAfter = MULTIPLY_AFTER.exec(text.slice(c.end, c.end + 8));
  if (qBefore) {
    c.quantity = Number(qBefore[1]);
    c.start -= qBefore[0].length;
    c.score += 1.5;
  } else if (qAfter) {
    c.quantity = Number(qAfter[1]);
    c.end += qAfter[0].length;
    c.score += 1.5;
  }
  if (c.score === 1 && /[.,]\d{1,2}$/.test(raw)) c.score = 1.5; // 12.50 looks like money more than 12
  return c;
}

const AMOUNT_WORD_RES = Object.entries(AMOUNT_WORDS).map(([phrase, [value, cur]]) => ({ re: new RegExp(`(?<![\\p{L}])${phrase}(?![\\p{L}])`, 'iu'), value, cur }));

/** Numbers in words count as an amount next to a currency or a paying verb, or when no digits are there. */
function wordCandidates(text: string, shouting: boolean, anyDigits: boolean): Candidate[] {
  const out: Candidate[] = [];
  for (const w of findWordNumbers(text)) {
    if (!Number.isInteger(w.value * 100)) continue;
    const c = blank(w.start, w.end, String(w.value));
    c.word = true;
    attachCurrency(text, c, shouting);
    const verb = PAID_BEFORE.test(text.slice(0, w.start));
    if (!c.currencies && (w.weak || anyDigits) && !verb) continue;
    if (!c.currencies && NOT_AN_AMOUNT_AFTER.test(text.slice(w.end, w.end + 16))) continue;
    if (c.currencies) c.score = 2.5;
    out.push(c);
  }
  for (const { re, value, cur } of AMOUNT_WORD_RES) {
    const m = re.exec(text);
    if (!m) continue;
    const c = blank(m.index, m.index + m[0].length, String(value));
    c.word = true;
    c.currencies = [cur];
    c.score = 2.5;
    out.push(c);
  }
  return out;
}

/**
 * What each number is: a count of things ("2 tickets", "3 kids") when a word other than a
 * preposition follows a bare whole number and another number is there to be the price; a
 * discount ("20 off", "minus 30"); the price otherwise. "each" after a price multiplies it by the count.
 */
function classify(text: string, all: Candidate[]): void {
  for (const c of all) {
    const after = text.slice(c.end, c.end + 24);
    const before = text.slice(Math.max(0, c.start - 24), c.start);
    if (DISCOUNT_AFTER.test(after) || DISCOUNT_BEFORE.test(before)) c.role = 'discount';
    c.each = EACH_AFTER.test(after);
    c.paid = PAID_BEFORE.test(before);
    const bareWhole = !c.currencies && c.scale === 1 && c.quantity === 1 && /^\d{1,3}$/.test(c.number);
    if (c.role === 'price' && bareWhole && /^\s+\p{L}/u.test(after) && !AMOUNT_FOLLOWERS.test(after) && !EACH_AFTER.test(after) && !PLUS_BETWEEN.test(after) && !PLUS_BEFORE.test(before)) c.role = 'count';
  }
  const prices = all.filter((c) => c.role === 'price');
  // with nothing else to be the price, a "count" is the amount after all ("12 lunch")
  if (prices.length === 0) for (const c of all) if (c.role === 'count') c.role = 'price';
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
    const grouped = /^\d{1,3}[.,]\d{3}$/.test(number) ? number.replace(/[.,]/, '') : null;
    if (grouped) return decimalToMinor(grouped, currency);
    throw e;
  }
}

function minorOf(c: Candidate, currency: CurrencyCode): number {
  const base = c.word ? decimalToMinor(String(Number(c.number).toFixed(minorDigits(currency))), currency) : toMinor(c.number, currency);
  return Math.round(base * c.scale) * c.quantity;
}

/** The largest amount a chat entry may carry (in major units): past this it is a typo. */
const ABSURD = 1e12;

/** Prices joined by "+", "plus", "and" or a comma add up: "dinner 85 + 15 tip", "4 tacos 12 and 2 horchatas 7". */
function joinedRun(text: string, prices: Candidate[], best: Candidate): Candidate[] {
  const sorted = [...prices].sort((a, b) => a.start - b.start);
  const at = sorted.indexOf(best);
  const run = [best];
  for (let i = at - 1; i >= 0; i--) {
    const gap = text.slice(sorted[i]!.end, run[0]!.start);
    if (!JOIN_BETWEEN.test(` ${gap} `) || /[.;!?]\s/.test(gap)) break;
    run.unshift(sorted[i]!);
  }
  for (let i = at + 1; i < sorted.length; i++) {
    const gap = text.slice(run[run.length - 1]!.end, sorted[i]!.start);
    if (!JOIN_BETWEEN.test(` ${gap} `) || /[.;!?]\s/.test(gap)) break;
    run.push(sorted[i]!);
  }
  // A run adds up only when its parts agree on currency and none is a paid total of the others.
  if (run.some((c) => c.paid) && run.length > 1) return [best];
  return run;
}

/**
 * Finds the amount in a message (dates and times already masked) by reading the sentence: a number
 * with a currency marker wins over a bare one; counts of things are not the amount; "A + B" and
 * item lists add up; "N @ P each" and "P each" after a count multiply; discounts come off.
 */
export function findAmount(text: string, home: CurrencyCode): FoundAmount {
  // In a message written all in capitals ("PAID 12 FOR LUNCH"), a capitalised word after a number
  // is just a word; "50 XYZ" alone is a mistyped currency.
  const shouting = !/\p{Ll}/u.test(text) && (text.match(/\b\p{Lu}{2,}\b/gu) ?? []).length >= 3;
  const digits = digitCandidates(text, shouting);
  const all = [...digits, ...wordCandidates(text, shouting, digits.length > 0)].sort((a, b) => a.start - b.start);
  if (all.length === 0) throw invalid('no amount found: say how much, e.g. "lunch 12.50"');
  classify(text, all);
  const prices = all.filter((c) => c.role === 'price');
  const unknown = all.find((c) => c.unknownCode && !c.currencies);
  const pool = prices.length ? prices : all;
  const best = [...pool].sort((a, b) => Number(b.paid) - Number(a.paid) || b.score - a.score || b.start - a.start)[0]!;
  if (unknown && best.score < 3) throw invalid(`unknown currency code ${unknown.unknownCode}`);
  const marked = all.find((c) => c.currencies);
  const codes = best.currencies ?? marked?.currencies ?? [home];
  const currency = currencyCode(resolveCurrency(codes, text, home));
  const run = best.paid ? [best] : joinedRun(text, prices, best).filter((c) => !c.currencies || c.currencies.includes(currency));
  let minor = 0;
  for (const c of run) {
    let m = minorOf(c, currency);
    if (c.each && c.quantity === 1) {
      const count = all.filter((x) => x.role === 'count' && x.end <= c.start).pop();
      if (count) m *= Number(count.number);
    }
    minor += m;
  }
  const spans: Array<[number, number]> = run.map((c) => [c.start, c.end]);
  if (!best.paid) {
    for (const d of all.filter((c) => c.role === 'discount')) {
      minor -= minorOf(d, currency);
      spans.push([d.start, d.end]);
    }
  }
  for (const m of text.matchAll(PERCENT)) {
    const pct = Number(m[1]!.replace(',', '.')) / 100;
    minor = Math.round(m[2] ? minor * (1 - pct) : minor * (1 + pct));
    spans.push([m.index, m.index + m[0].length]);
  }
  if (!Number.isSafeInteger(minor) || Math.abs(minor) / 10 ** 2 > ABSURD) throw invalid(`the amount ${best.number} is too large to be real`);
  if (minor <= 0) throw invalid('the amount must be more than zero');
  const rivals = pool.filter((c) => c !== best && !run.includes(c) && c.score >= best.score).length;
  const confidence = best.score >= 3 ? 0.97 : rivals > 0 ? 0.6 : best.score >= 1.5 ? 0.9 : 0.85;
  const start = Math.min(...spans.map((s) => s[0]));
  const end = Math.max(...spans.map((s) => s[1]));
  return { minor, currency, start, end, spans, confidence };
}

export function formatAmount(minor: number, currency: CurrencyCode): string {
  return minorToDecimal(minor, currency);
}
