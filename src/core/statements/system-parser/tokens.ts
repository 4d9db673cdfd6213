import { type CalendarDate, addDays, makeDate, parts } from '../../calendar/index.js';
import { readNumber } from '../../money/index.js';

export type DateOrder = 'dmy' | 'mdy';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  mär: 3, mrz: 3, mai: 5, okt: 10, dez: 12, janv: 1, févr: 2, fév: 2, avr: 4, juin: 6, juil: 7, août: 8, déc: 12,
  // Spanish, Italian, Dutch
  ene: 1, abr: 4, ago: 8, set: 9, dic: 12, gen: 1, mag: 5, giu: 6, lug: 7, ott: 10, mrt: 3, maa: 3, mei: 5,
};

const FULL_MONTHS = [
  'january february march april may june july august september october november december',
  'januar februar märz juni juli oktober dezember',
  'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
  'enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre',
  'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre',
  'januari februari maart april mei juni juli augustus september oktober november december',
].join(' ').split(' ');

function month(name: string): number | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (MONTHS[n]) return MONTHS[n];
  // a longer word counts only when it is (the start of) a month's name: "Sept", "March", not "Market"
  return FULL_MONTHS.some((f) => f.startsWith(n)) ? (MONTHS[n.slice(0, 4)] ?? MONTHS[n.slice(0, 3)]) : undefined;
}

/** A date as printed, before the year is known: year may be missing. */
export interface LooseDate {
  year?: number;
  month: number;
  day: number;
}

const COMPACT = /^((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;
const NUMERIC = /^(\d{1,4})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?\.?$/;
const DAY_MONTH = /^(\d{1,2})(?:st|nd|rd|th)?(?:[\s-]|\/(?=[A-Za-z]))?([A-Za-zäéû]{3,9})\.?(?:[\s\-,/]*(\d{2,4}))?$/;
const MONTH_DAY = /^([A-Za-zäéû]{3,9})\.?\s(\d{1,2})(?:st|nd|rd|th)?(?:,?\s(\d{2,4}))?$/;

function fullYear(y: string | undefined): number | undefined {
  if (!y) return undefined;
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

/** Reads one printed date in any common form; `order` settles 03/04 (and is learned per document). */
export function readDate(text: string, order: DateOrder): LooseDate | null {
  const t = text.trim();
  // a compact year-month-day date: 20241203
  const compact = COMPACT.exec(t);
  if (compact) return { year: Number(compact[1]), month: Number(compact[2]), day: Number(compact[3]) };
  let m = NUMERIC.exec(t);
  if (m) {
    if (m[1]!.length === 4) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3] ?? 0) };
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = fullYear(m[3]);
    const [day, mon] = order === 'dmy' ? [a, b] : [b, a];
    if (mon < 1 || mon > 12 || day < 1 || day > 31) return null;
    return { year, month: mon, day };
  }
  m = DAY_MONTH.exec(t);
  if (m && month(m[2]!)) return { year: fullYear(m[3]), month: month(m[2]!)!, day: Number(m[1]) };
  m = MONTH_DAY.exec(t);
  if (m && month(m[1]!)) return { year: fullYear(m[3]), month: month(m[1]!)!, day: Number(m[2]) };
  return null;
}

/** A month's name or abbreviation (English, German, French, Spanish, Italian, Dutch), so "period 12" is not read as a date. */
const MONTH_WORD = String.raw`(?:ene(?:ro)?|gen(?:naio)?|abr(?:il)?|mag(?:gio)?|mayo|giu(?:gno)?|lug(?:lio)?|ago(?:sto)?|set(?:tembre|iembre)?|ott(?:obre)?|dic(?:iembre|embre)?|mrt|maart|mei|jan(?:uary|uari|uar|vier|v)?|feb(?:ruary|ruar)?|f[eé]v(?:rier|r)?|mar(?:ch|s)?|m[aä]rz|mär|mrz|apr(?:il)?|avr(?:il)?|may|mai|jun[ei]?|juin|jul[yi]?|juil(?:let)?|aug(?:ust)?|ao[uû]t|sept?(?:ember|embre)?|oct(?:ober|obre)?|okt(?:ober)?|nov(?:ember|embre)?|dec(?:ember)?|d[eé]c(?:embre)?|dez(?:ember)?)\.?(?![a-zäéû])`;

/** Finds date-looking tokens in a line of text (for period lines and date-order learning). */
export const DATE_IN_TEXT = new RegExp(
  String.raw`\b(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}[/.]\d{1,2}|\d{1,2}(?:st|nd|rd|th)?[\s-]${MONTH_WORD}(?:[\s-,]+\d{4}|-\d{2}(?!\d))?|${MONTH_WORD}\s\d{1,2}(?:st|nd|rd|th)?(?:,?\s\d{4})?)(?![\wäéû])`,
  'gi',
);

/** dd/mm or mm/dd for the whole document, from every numeric date in it. */
export function learnDateOrder(text: string, fallback: DateOrder): DateOrder {
  let dmy = 0;
  let mdy = 0;
  // 12.50 is as likely an amount as a date: dots count only in a full date (15.03.2024)
  for (const m of text.matchAll(/(?<![\d.,/])(\d{1,2})(?:\/(\d{1,2})(?:\/\d{2,4})?|\.(\d{1,2})\.\d{2,4})(?![\d]|[.,/]\d)/g)) {
    const a = Number(m[1]);
    const b = Number(m[2] ?? m[3]);
    if (a > 12 && b <= 12) dmy++;
    if (b > 12 && a <= 12) mdy++;
  }
  if (dmy > mdy) return 'dmy';
  if (mdy > dmy) return 'mdy';
  return fallback;
}

/** Gives a year to a date printed without one, keeping it inside (or next to) the statement period. */
export function resolveYear(d: LooseDate, period: { start: CalendarDate; end: CalendarDate } | null, fallbackYear: number): CalendarDate | null {
  if (d.year) return makeDate(d.year, d.month, d.day);
  if (period) {
    const from = addDays(period.start, -40);
    const to = addDays(period.end, 40);
    for (const y of [parts(period.end).year, parts(period.start).year, parts(period.end).year - 1]) {
      const c = makeDate(y, d.month, d.day);
      if (c && c >= from && c <= to) return c;
    }
  }
  return makeDate(fallbackYear, d.month, d.day);
}

export interface AmountToken {
  /** Unsigned plain decimal. */
  value: string;
  negative: boolean;
  /** A printed CR / DR marker (or "+"), which says the direction outright. */
  marker: 'cr' | 'dr' | null;
}

/** Currency codes (and a few local abbreviations) printed before or after an amount. */
const CODES = 'inr|usd|eur|gbp|sgd|brl|mxn|chf|sek|nok|dkk|pln|zl|zł|try|tl|cny|rmb|krw|jpy|czk|huf|ron|zar|aud|cad|nzd|hkd|aed|myr|thb|idr|php|ils';
const AMOUNT = new RegExp(String.raw`^([-+−–]?)\s*(\(?)\s*(?:[$€£₹¥]|(?:r|s|a|au|c|ca|nz|hk|us|mx)\$|rs\.?|${CODES})?\s*(\d[\d.,' ]*\d|\d)\s*(\)?)\s*(-?)\s*(?:[$€£₹¥]|${CODES})?\s*(cr|dr|c|d|cr\.|dr\.|h|s)?$`, 'i');

/** Reads an amount cell as printed: -1,778.87 · (4.20) · 4,070.62 CR · 1.262,83- · 43.68 DR · 1.234,56 H · R$ 1.234,56 D. */
export function readAmount(text: string, decimal: '.' | ','): AmountToken | null {
  const m = AMOUNT.exec(text.trim());
  if (!m) return null;
  const value = readNumber(m[3]!, decimal);
  if (value === null) return null;
  if (!/[.,]\d{1,3}$/.test(m[3]!) && !/^\d{1,3}$/.test(m[3]!) && !/^\d+$/.test(m[3]!)) return null;
  const paren = m[2] === '(' && m[4] === ')';
  // CR / DR, and the German Haben (credit) / Soll (debit)
  const marker = m[6] ? (/^[ch]/i.test(m[6]) ? 'cr' : 'dr') : m[1] === '+' ? 'cr' : null;
  return { value, negative: m[1] === '-' || m[1] === '−' || m[1] === '–' || m[5] === '-' || paren, marker };
}

/** Whether a cell is a money amount with cents (so reference numbers and years are not). */
export function looksLikeMoney(text: string, decimal: '.' | ','): boolean {
  const t = text.trim();
  const cents = decimal === '.' ? /\d\.\d{2}\b/ : /\d,\d{2}\b/;
  return cents.test(t) && readAmount(t, decimal) !== null;
}

export function learnDecimalMark(text: string): '.' | ',' {
  // dates such as 02.04.2024 are not numbers: a match may not touch another separator and digit
  const comma = (text.match(/(?<![\d.,/])\d{1,3}(?:\.\d{3})*,\d{2}(?![\d]|[.,/]\d)/g) ?? []).length;
  // and 02.03. (a day and month with no year) is not 2.03
  const dot = (text.match(/(?<![\d.,/])\d{1,3}(?:,\d{2,3})*\.\d{2}(?![\d.]|[,/]\d)/g) ?? []).length;
  return comma > dot ? ',' : '.';
}
