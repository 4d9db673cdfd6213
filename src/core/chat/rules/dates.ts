import * as chrono from 'chrono-node';
import { type CalendarDate, addDays, addMonths, makeDate, parts } from '../../calendar/index.js';
import WORDS from './data/date-words.json' with { type: 'json' };
import { findWordNumbers } from './numbers.js';

export interface FoundDate {
  date: CalendarDate;
  start: number;
  end: number;
  confidence: number;
}

type Locale = 'en' | 'de' | 'fr' | 'es' | 'pt' | 'it' | 'nl' | 'ja';
const PARSERS: Record<Locale, chrono.Chrono> = { en: chrono.en.casual, de: chrono.de.casual, fr: chrono.fr.casual, es: chrono.es.casual, pt: chrono.pt.casual, it: chrono.it.casual, nl: chrono.nl.casual, ja: chrono.ja.casual };
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (list: string[]) => [...list].sort((a, b) => b.length - a.length).map(escape).join('|');
const wordRe = (list: string[], flags = 'iu') => new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation(list)})(?![\\p{L}])`, flags);

const TRIGGERS = Object.entries(WORDS.triggers).map(([locale, list]) => ({ locale: locale as Locale, re: locale === 'ja' ? new RegExp(list.map(escape).join('|')) : wordRe(list) }));
const RELATIVE = WORDS.relativeDays as Record<string, number>;
const RELATIVE_RE = wordRe(Object.keys(RELATIVE));
const UNITS = WORDS.dayUnits as Record<string, number>;
const NUMBER_OR_WORD = '(\\d{1,2}|\\p{L}+(?:[ -]\\p{L}+)?)';
const AGO_BEFORE = new RegExp(`(?<![\\p{L}])(${alternation(Object.keys(WORDS.agoBefore))})\\s+${NUMBER_OR_WORD}\\s+(${alternation(Object.keys(UNITS))})(?![\\p{L}])`, 'iu');
const AGO_AFTER = new RegExp(`(?<![\\p{L}\\p{N}])${NUMBER_OR_WORD}\\s+(${alternation(Object.keys(UNITS))})\\s+(${alternation(Object.keys(WORDS.agoAfter))})(?![\\p{L}])`, 'iu');
/** "on the 20th", "the 3rd": a day of this month, or last month's when still ahead. Not "on 5th st". */
const DAY_OF_MONTH = /(?<![\p{L}\d])(?:on\s+(?:the\s+)?|the\s+)(\d{1,2})(?:st|nd|rd|th)(?!\s*(?:st|street|ave|avenue|av|rd|road|blvd|floor|fl|and|&|birthday|bday|anniversary|grade|place|row)\b)(?![\p{L}\d])/iu;
/** Digits that may be a date on their own: "15/11", "2026-11-01", "14.06.2025", "5th". */
const DATE_SHAPED = /\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|\d(?:st|nd|rd|th)\b/i;
/** A chrono match made only of digits and separators is a date only in unmistakable shapes. */
const NUMERIC_DATE = /^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?|\d{1,2}\.\d{1,2}\.\d{4})$/;

function count(word: string): number | null {
  if (/^\d+$/.test(word)) return Number(word);
  const w = findWordNumbers(word);
  return w.length === 1 && w[0]!.start === 0 && w[0]!.end === word.length ? w[0]!.value : null;
}

/** The latest date with this month and day that is not after today. */
function pastMonthDay(today: CalendarDate, month: number, day: number, year?: number): CalendarDate | null {
  if (year) return makeDate(year, month, day);
  const t = parts(today);
  const thisYear = makeDate(t.year, month, day);
  if (thisYear && thisYear <= today) return thisYear;
  return makeDate(t.year - 1, month, day);
}

/** "05/06" is day/month unless that is impossible (chrono's English reads month/day first). */
const SLASH_DATE = /(?<![\d/.,])(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?(?![\d/])/;

/** finch's own rules, for what chrono lacks or misreads; each is checked by a test saying why. */
function ownRules(text: string, today: CalendarDate): FoundDate | null {
  const slash = SLASH_DATE.exec(text);
  if (slash) {
    const a = +slash[1]!;
    const b = +slash[2]!;
    const year = slash[3] ? (slash[3].length === 2 ? 2000 + +slash[3] : +slash[3]) : undefined;
    const date = (b <= 12 ? pastMonthDay(today, b, a, year) : null) ?? (a <= 12 ? pastMonthDay(today, a, b, year) : null);
    if (date) return { date, start: slash.index, end: slash.index + slash[0].length, confidence: 0.85 };
  }
  const rel = RELATIVE_RE.exec(text);
  if (rel) return { date: addDays(today, RELATIVE[rel[0].toLowerCase().replace('’', "'")] ?? RELATIVE[rel[0].toLowerCase()] ?? 0), start: rel.index, end: rel.index + rel[0].length, confidence: 0.95 };
  for (const [re, n, u] of [[AGO_BEFORE, 2, 3], [AGO_AFTER, 1, 2]] as const) {
    const m = re.exec(text);
    const k = m ? count(m[n]!) : null;
    if (m && k !== null && k > 0 && k < 400) return { date: addDays(today, -k * (UNITS[m[u]!.toLowerCase()] ?? 1)), start: m.index, end: m.index + m[0].length, confidence: 0.95 };
  }
  return null;
}

function dayOfMonth(text: string, today: CalendarDate): FoundDate | null {
  const dom = DAY_OF_MONTH.exec(text);
  if (dom) {
    const p = parts(today);
    const here = makeDate(p.year, p.month, +dom[1]!);
    const prev = parts(addMonths(today, -1));
    const date = here && here <= today ? here : makeDate(prev.year, prev.month, +dom[1]!);
    if (date) return { date, start: dom.index, end: dom.index + dom[0].length, confidence: 0.85 };
  }
  return null;
}

/**
 * Entries are about the past: a date chrono put ahead of today without the person naming a year
 * ("on fri", "el viernes", "15/03", "dec 20") means the last one before it.
 */
function preferPast(r: chrono.ParsedResult, today: CalendarDate): CalendarDate | null {
  const s = r.start;
  let date = makeDate(s.get('year')!, s.get('month')!, s.get('day')!);
  if (!date) return null;
  if (date <= today || s.isCertain('year')) return date;
  if (s.isCertain('month')) {
    const p = parts(date);
    return makeDate(p.year - 1, p.month, p.day);
  }
  if (s.isCertain('weekday') && !s.isCertain('day')) {
    while (date > today) date = addDays(date, -7);
    return date;
  }
  if (s.isCertain('day')) {
    const p = parts(addMonths(date, -1));
    return makeDate(p.year, p.month, p.day);
  }
  return date;
}

const MONTH_WORDS = wordRe(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', ...Object.values(WORDS.triggers).flat().filter((w) => /^(?:jan|feb|mär|mar|avr|abr|apr|mai|may|maio|mei|jun|jul|lug|ago|aug|aoû|set|sep|ott|oct|out|okt|nov|dic|dez|déc|dec|gen|ene|fév|fev|giu|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre)/i.test(w))]);
const UNIT_WORDS = wordRe(Object.keys(UNITS));
const AGO_AFTER_WORDS = wordRe(Object.keys(WORDS.agoAfter));
const AGO_BEFORE_WORDS = wordRe([...Object.keys(WORDS.agoBefore), 'il y a']);
/**
 * Numbers that are amounts, hidden from chrono (it reads "22 yesterday" or "march 1,850" as one
 * date): any number with a decimal part or a thousands group, and any number not next to a month
 * name, an ordinal suffix or a unit of days.
 */
function hideAmounts(text: string): string {
  return text.replace(/(?<![\p{L}\d/.\-:])\d+(?:[.,']\d+)*(?![\d/\-:]|\.\d)(st|nd|rd|th|er|e|º|ª|\.)?/giu, (m, suffix: string | undefined, at: number) => {
    if (suffix && suffix !== '.') return m;
    if (/^\d{4}$/.test(m) || /^\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})$/.test(m)) return m;
    if (/[.,']/.test(m.replace(/\.$/, ''))) return ' '.repeat(m.length);
    const before = text.slice(Math.max(0, at - 12), at);
    const after = text.slice(at + m.length, at + m.length + 14);
    const prev = before.trimEnd().split(/\s+/).pop() ?? '';
    const next = after.trimStart().split(/\s+/).slice(0, 2);
    const nearMonth = MONTH_WORDS.test(prev) || MONTH_WORDS.test(next[0] ?? '') || (/^(?:of|de|di|del)$/i.test(next[0] ?? '') && MONTH_WORDS.test(next[1] ?? ''));
    // "3 days ago", "vor 3 Tagen", "hace 3 días": a count of days only with its "ago"
    const nearUnit = UNIT_WORDS.test(after.split(/\s+/).slice(0, 2).join(' ')) && (AGO_AFTER_WORDS.test(after) || AGO_BEFORE_WORDS.test(before.split(/\s+/).slice(-3).join(' ')));
    return nearMonth || nearUnit ? m : ' '.repeat(m.length);
  });
}

/** "sat prep book" is the SAT; "brunch sat 38" is Saturday: a bare short weekday needs no word after it. */
function shortWeekdayStandsAlone(text: string, r: chrono.ParsedResult): boolean {
  if (!/^\p{L}{2,4}\.?$/u.test(r.text)) return true;
  const after = text.slice(r.index + r.text.length);
  return !/^\s*\p{L}/u.test(after) || /^\s*(?:night|morning|afternoon|evening|lunch|brunch|dinner|nite)\b/i.test(after);
}

/** chrono swallows a number after a date it did not use ("nov 18 120"): that number stays for the amount. */
function unusedNumbersCut(r: chrono.ParsedResult): number {
  let text = r.text.trimEnd();
  const used = new Set([r.start.get('day'), r.start.isCertain('year') ? r.start.get('year') : null].filter((x) => x !== null).map(String));
  for (;;) {
    const m = /\s+(\d+)\s*$/.exec(text);
    if (!m || used.has(String(Number(m[1])))) break;
    text = text.slice(0, m.index);
  }
  return text.length;
}

/** What chrono says, from the parsers of the languages the message uses (English always). */
function chronoDate(raw: string, today: CalendarDate): FoundDate | null {
  const text = hideAmounts(raw);
  const first = chronoPass(text, today);
  if (first !== 'retry') return first;
  // "coffee 3 jan 28": chrono made "3 jan 28" the 3rd of January 2028; without the 3 it is jan 28
  const second = chronoPass(text.replace(/(?<![\p{L}\d])\d{1,2}(?=\s+\p{L})/u, (m) => ' '.repeat(m.length)), today);
  return second === 'retry' ? null : second;
}

function chronoPass(text: string, today: CalendarDate): FoundDate | null | 'retry' {
  const p = parts(today);
  const instant = new Date(p.year, p.month - 1, p.day, 12, 0, 0);
  const triggered = TRIGGERS.filter((t) => t.re.test(text)).map((t) => t.locale);
  const dateShaped = DATE_SHAPED.test(text);
  if (triggered.length === 0 && !dateShaped) return null;
  const locales: Locale[] = [...new Set<Locale>(['en', ...triggered])];
  let best: FoundDate | null = null;
  let retry = false;
  for (const locale of locales) {
    for (const r of PARSERS[locale].parse(text, { instant }, { forwardDate: false })) {
      const s = r.start;
      // a time alone ("at 8pm") is not a date; a month alone ("rent for march") is what it pays for
      if (!s.isCertain('day') && !s.isCertain('weekday')) continue;
      if (!/\p{L}/u.test(r.text) && !NUMERIC_DATE.test(r.text.trim())) continue;
      if (!s.isCertain('day') && !shortWeekdayStandsAlone(text, r)) continue;
      // "dec 2100", "nov 1200": chrono takes an amount after a month for a year
      if (s.isCertain('year') && (s.get('year')! > p.year || s.get('year')! < p.year - 30)) {
        retry = true;
        continue;
      }
      const date = preferPast(r, today);
      if (!date) continue;
      const lead = r.text.length - r.text.trimStart().length;
      const found = { date, start: r.index + lead, end: r.index + unusedNumbersCut(r), confidence: 0.9 };
      if (!best || found.end - found.start > best.end - best.start) best = found;
    }
    if (best) break;
  }
  return best ?? (retry ? 'retry' : null);
}

/**
 * Finds the date a message talks about, resolved against `today`, preferring the past (a person
 * records what happened). Returns today with full confidence when the message names no date.
 */
export function findDate(text: string, today: CalendarDate): FoundDate {
  return ownRules(text, today) ?? chronoDate(text, today) ?? dayOfMonth(text, today) ?? { date: today, start: -1, end: -1, confidence: 0.9 };
}

/** Times of day ("at 7pm", "7:30", "23h40") are not amounts; they are cut before amounts are looked for. */
export const TIME_OF_DAY = /\b(?:at\s+|um\s+|à\s+|a las\s+|às\s+|alle\s+|om\s+)?\d{1,2}(?::\d{2})?\s?(?:am|pm|uhr)\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}h\d{2}\b/gi;
