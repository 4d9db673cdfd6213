import { type CalendarDate, makeDate } from '../../calendar/index.js';
import { isCurrencyCode } from '../../money/index.js';

/** How a numeric date's parts are ordered: day-month-year, month-day-year, year-month-day. */
export type DateOrder = 'dmy' | 'mdy' | 'ymd';
export const DATE_ORDERS: readonly DateOrder[] = ['ymd', 'dmy', 'mdy'];

const MONTH_NAMES: Record<string, number> = {};
// English, German, French, Spanish, Italian, Dutch, Portuguese, Nordic and Polish month names and
// abbreviations: evidence for dates spelled out ("05 Jan 2024", "5. März 2024", "12 févr. 2024").
[
  'jan|january|januar|janvier|janv|enero|ene|gennaio|gen|januari|janeiro|tammikuu|styczeń|sty',
  'feb|february|februar|février|févr|fév|febrero|febbraio|februari|fevereiro|fev|luty|lut',
  'mar|march|märz|mär|mrz|mars|marzo|maart|mrt|março|marts|mars|marzec',
  'apr|april|avril|avr|abril|abr|aprile|kwiecień|kwi',
  'may|mai|mayo|maggio|mag|mei|maio|maj',
  'jun|june|juni|juin|junio|giugno|giu|junho|czerwiec|cze',
  'jul|july|juli|juillet|juil|julio|luglio|lug|julho|lipiec|lip',
  'aug|august|août|aout|agosto|ago|augustus|sierpień|sie',
  'sep|sept|september|septembre|septiembre|settembre|set|setembro|wrzesień|wrz',
  'oct|october|oktober|okt|octobre|octubre|ottobre|ott|outubro|out|październik|paź',
  'nov|november|novembre|noviembre|novembro|listopad|lis',
  'dec|december|dezember|dez|décembre|déc|diciembre|dic|dicembre|dezembro|grudzień|gru',
].forEach((names, i) => names.split('|').forEach((n) => (MONTH_NAMES[n] = i + 1)));

function monthOf(word: string): number | undefined {
  return MONTH_NAMES[word.toLowerCase().replace(/\.$/, '')];
}

function fullYear(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

const TIME_TAIL = /[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}|[AP]M|UTC|[A-Z]{3,4}))?$/i;

/**
 * One printed date in the given numeric order; spelled-out months need no order. A time after the
 * date is ignored. Null when the cell is not a real day.
 */
export function readDateCell(text: string, order: DateOrder): CalendarDate | null {
  const t = text.trim().replace(/^'/, '').replace(TIME_TAIL, '');
  if (t.length < 6 || t.length > 24) return null;
  let m = /^((?:19|20)\d{2})(\d{2})(\d{2})$/.exec(t);
  if (m) return makeDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})\.?$/.exec(t);
  if (m) {
    const [a, b, c] = [m[1]!, m[3]!, m[4]!];
    if (a.length === 4) return c.length <= 2 ? makeDate(Number(a), Number(b), Number(c)) : null;
    if (c.length < 2) return null;
    if (c.length === 3) return null;
    if (order === 'dmy') return makeDate(fullYear(c), Number(b), Number(a));
    if (order === 'mdy') return makeDate(fullYear(c), Number(a), Number(b));
    return null;
  }
  // a four-digit year between day and month (10/2009/09): the order says which side is the day
  m = /^(\d{1,2})([./-])((?:19|20)\d{2})\2(\d{1,2})$/.exec(t);
  if (m) return order === 'dmy' ? makeDate(Number(m[3]), Number(m[4]), Number(m[1])) : order === 'mdy' ? makeDate(Number(m[3]), Number(m[1]), Number(m[4])) : null;
  m = /^(\d{1,2})\.?[\s-]*([A-Za-zÀ-ÿąćęłńóśźżŁŚŻŹ]{3,10}\.?)[\s,-]*(\d{2,4})$/.exec(t);
  if (m && monthOf(m[2]!)) return makeDate(fullYear(m[3]!), monthOf(m[2]!)!, Number(m[1]));
  m = /^([A-Za-zÀ-ÿ]{3,10}\.?)\s+(\d{1,2}),?\s+(\d{4})$/.exec(t);
  if (m && monthOf(m[1]!)) return makeDate(Number(m[3]), monthOf(m[1]!)!, Number(m[2]));
  return null;
}

/** Orders a cell could be read in (several when ambiguous, as 03/04/2024). */
export function dateOrdersOf(text: string): DateOrder[] {
  return DATE_ORDERS.filter((o) => readDateCell(text, o) !== null);
}

/** A money cell as printed, before the decimal mark is known. */
export interface MoneyCell {
  /** Unsigned digits with separators, e.g. "1.234,56". */
  digits: string;
  negative: boolean;
  /** A printed direction: CR/H/+ (credit) or DR/S/D (debit). */
  marker: 'cr' | 'dr' | null;
}

const SYMBOL_AFFIX = /^(?:[A-Z]{1,2}\$|\$|€|£|¥|₹|₩|₽|₺|₪|[Kk]r\.?|zł|Zł|Fr\.?|Rs\.?|R)\s*|\s*(?:€|£|\$|¥|₹|[Kk]r\.?|zł|Fr\.?|円|元)$/;

/** Strips a currency symbol or an ISO code (only a real one: "Row 12" is not money) before or after the digits. */
function stripCurrency(t: string): string {
  let out = t.replace(SYMBOL_AFFIX, '');
  const code = /^([A-Za-z]{3})\s*(?=[\d(+\-−–.,])|(?<=[\d)])\s*([A-Za-z]{3})$/.exec(out);
  const c = code?.[1] ?? code?.[2];
  if (c && isCurrencyCode(c.toUpperCase())) out = code![1] ? out.slice(code![0].length) : out.slice(0, code!.index);
  return out;
}

/** Currency symbols, and abbreviations in non-Latin scripts written with dots (د.ا.). */
const LOCAL_SYMBOL = /^(?:\p{Sc}|(?:[^\x00-\x7f\d\s]{1,3}\.){1,3})\s*|\s*(?:\p{Sc}|(?:[^\x00-\x7f\d\s]{1,3}\.){1,3})$/u;

/** Splits a money-looking cell into sign, direction marker and digits; null for anything else. */
export function moneyShape(text: string): MoneyCell | null {
  let t = text.replace(/[\u00a0\u202f\u2009]/g, ' ').replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim().replace(/^'/, '');
  if (!t || t.length > 32) return null;
  let negative = false;
  let marker: MoneyCell['marker'] = null;
  const dirTail = /\s*\b(cr|dr|h|s|d|c)\.?$/i.exec(t);
  if (dirTail && /\d\s*$/.test(t.slice(0, dirTail.index)) ) {
    marker = /^[ch]/i.test(dirTail[1]!) ? 'cr' : 'dr';
    t = t.slice(0, dirTail.index).trim();
  }
  for (let i = 0; i < 3; i++) {
    const before = t;
    t = stripCurrency(t).replace(LOCAL_SYMBOL, '').trim();
    if (/^[-−–]/.test(t)) {
      negative = true;
      t = t.slice(1).trim();
    } else if (/^\+/.test(t)) {
      marker ??= 'cr';
      t = t.slice(1).trim();
    }
    if (/^\(.*\)$/.test(t)) {
      negative = true;
      t = t.slice(1, -1).trim();
    }
    if (/-$/.test(t)) {
      negative = true;
      t = t.slice(0, -1).trim();
    }
    if (t === before) break;
  }
  if (!/^\d[\d.,'’ ]*$|^[.,]\d+$/.test(t)) return null;
  if (/[.,'’ ]{2}/.test(t) || /[.,'’ ]$/.test(t)) return null;
  return { digits: t, negative, marker };
}

/**
 * The unsigned value of a money cell's digits as a plain decimal ("1234.56") for a decimal mark;
 * null when the digits cannot be a number in that notation.
 */
export function moneyValue(digits: string, decimal: '.' | ','): string | null {
  const thousands = decimal === '.' ? /[,'’ ]/g : /[.'’ ]/g;
  const plain = digits.replace(thousands, '');
  const parts = plain.split(decimal);
  if (parts.length > 2) return null;
  const [int, frac] = parts as [string, string | undefined];
  if (frac !== undefined && (frac.length === 0 || frac.length > 6)) return null;
  // thousands groups must be of three (or the Indian two) digits
  const groups = digits.split(decimal)[0]!.split(decimal === '.' ? /[,'’ ]/ : /[.'’ ]/);
  if (groups.length > 1 && groups.slice(1).some((g) => g.length !== 3 && g.length !== 2)) return null;
  if (groups.length > 1 && groups[groups.length - 1]!.length !== 3) return null;
  return `${int.replace(/^0+(?=\d)/, '') || '0'}${frac !== undefined ? `.${frac}` : ''}`;
}

/** Decimal string → integer minor units at `digits`, half to even. */
export function decimalToUnits(value: string, digits: number): number {
  const [int, frac = ''] = value.split('.');
  const padded = frac.padEnd(digits + 1, '0');
  let units = Number(int) * 10 ** digits + (digits ? Number(padded.slice(0, digits)) : 0);
  const rest = padded.slice(digits);
  if (rest[0]! > '5' || (rest[0] === '5' && /[1-9]/.test(rest.slice(1)))) units += 1;
  else if (rest[0] === '5' && units % 2 === 1) units += 1;
  return units;
}

/** How many decimals a value carries beyond the currency's minor unit. */
export function extraDecimals(value: string, digits: number): boolean {
  const frac = value.split('.')[1] ?? '';
  return frac.replace(/0+$/, '').length > digits;
}

/** Evidence for the decimal mark from one money cell: +1 says comma, -1 says dot, 0 neither. */
export function decimalEvidence(digits: string, minorDigits: number): number {
  if (/\d\.\d{3},\d+$/.test(digits) || /\d(?: |'|’)\d{3},\d+$/.test(digits)) return 1;
  if (/\d,\d{3}\.\d+$/.test(digits) || /\d(?: |'|’)\d{3}\.\d+$/.test(digits)) return -1;
  if (/^\d+,\d{1,2}$/.test(digits)) return 1;
  if (/^\d+\.\d{1,2}$/.test(digits)) return -1;
  if (/^\d+,\d{4,6}$/.test(digits)) return 1;
  if (/^\d+\.\d{4,6}$/.test(digits)) return -1;
  // 1,234 or 1.234: three digits after one mark are thousands when the currency has cents shown elsewhere
  if (minorDigits === 0 && /^\d{1,3}(,\d{3})+$/.test(digits)) return -0.5;
  if (minorDigits === 0 && /^\d{1,3}(\.\d{3})+$/.test(digits)) return 0.5;
  return 0;
}

/**
 * Direction words in sign columns (S/H, Soll/Haben, Dr/Cr, Af/Bij, D/C, Debit/Credit, +/-). Words
 * whose direction depends on who reads (a merchant's "charge" and "refund") are left out.
 */
const DEBIT_WORDS = /^(s|soll|d|dr|db|deb|debit|debet|debito|débito|débit|af|out|withdrawal|belastung|lastschrift|ausgang|sale|purchase|-|ut|uttag|wyplata|wypłata|addebito|cargo)$/i;
const CREDIT_WORDS = /^(h|haben|c|cr|cred|credit|crédit|credito|crédito|bij|in|deposit|gutschrift|eingang|payment|\+|inn|insättning|wpłata|wplata|accredito|abono)$/i;

export function directionWord(text: string): 'dr' | 'cr' | null {
  const t = text.trim().replace(/[.:]$/, '');
  if (!t || t.length > 14) return null;
  if (DEBIT_WORDS.test(t)) return 'dr';
  if (CREDIT_WORDS.test(t)) return 'cr';
  return null;
}

/** Text cells that name a balance line (opening, closing, carried forward), not a movement. */
const BALANCE_PHRASE = String.raw`(?:(?:opening|closing|beginning|ending|starting|previous|available|ledger)\s+balance|balance\s+(?:brought|carried)\s+forward|anfangssaldo|endsaldo|schlusssaldo|saldo\s+(?:anterior|do\s+dia|inicial|final|precedente|finale|iniziale|vorher|neu|alt)|(?:alter|neuer)\s+kontostand|kontostand|solde\s+(?:initial|final|précédent|precedent|créditeur|débiteur)|solde|saldo|beginsaldo|eindsaldo|ingående\s+saldo|utgående\s+saldo|saldo\s+początkowe|saldo\s+końcowe)`;
/** Text that only names a balance line (opening, closing, day's balance), maybe with its date: not a movement. */
export const BALANCE_LINE = new RegExp(String.raw`^\s*${BALANCE_PHRASE}(?:\s*:?\s*(?:(?:as\s+of|au|vom|del|per|am|on|du|em|al)\s+)?[\d./-]+)?\s*:?\s*$`, 'i');
