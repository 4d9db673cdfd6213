import { type CalendarDate, addDays, addMonths, makeDate, parts, weekday } from '../../calendar/index.js';

export interface FoundDate {
  date: CalendarDate;
  start: number;
  end: number;
  confidence: number;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7, july: 7,
  aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const WEEKDAYS: Record<string, number> = {
  sun: 0, sunday: 0, mon: 1, monday: 1, tue: 2, tues: 2, tuesday: 2, wed: 3, weds: 3, wednesday: 3, thu: 4, thur: 4, thurs: 4,
  thursday: 4, fri: 5, friday: 5, sat: 6, saturday: 6,
};
const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, couple: 2, 'a couple of': 2, few: 3, 'a few': 3 };

const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?(?![\\d,.]\\d)';
const YEAR = '(?:,?\\s+(\\d{4}))?';
const WEEKDAY = '(sun(?:day)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?)';

/** The latest date with this month and day that is not after today (entries are about the past). */
function pastMonthDay(today: CalendarDate, month: number, day: number, year?: number): CalendarDate | null {
  if (year) return makeDate(year, month, day);
  const t = parts(today);
  const thisYear = makeDate(t.year, month, day);
  if (thisYear && thisYear <= today) return thisYear;
  return makeDate(t.year - 1, month, day);
}

/** The most recent given weekday strictly before today ("last friday" on a Friday is a week ago). */
function pastWeekday(today: CalendarDate, target: number, allowToday: boolean): CalendarDate {
  const diff = (weekday(today) - target + 7) % 7;
  return addDays(today, diff === 0 && !allowToday ? -7 : -diff);
}

type Rule = { re: RegExp; resolve: (m: RegExpExecArray, today: CalendarDate) => CalendarDate | null; confidence: number };

const RULES: Rule[] = [
  { re: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/, resolve: (m) => makeDate(+m[1]!, +m[2]!, +m[3]!), confidence: 1 },
  {
    re: /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?\b/,
    resolve: (m, today) => {
      const a = +m[1]!;
      const b = +m[2]!;
      const year = m[3] ? (m[3].length === 2 ? 2000 + +m[3] : +m[3]) : undefined;
      // day/month unless that is impossible, then month/day
      return (a <= 31 && b <= 12 ? pastMonthDay(today, b, a, year) : null) ?? pastMonthDay(today, a, b, year);
    },
    confidence: 0.85,
  },
  { re: /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/, resolve: (m) => makeDate(+m[3]!, +m[2]!, +m[1]!), confidence: 0.95 },
  { re: /\bday before yesterday\b/i, resolve: (_m, t) => addDays(t, -2), confidence: 1 },
  { re: /\b(yesterday|last night|yday)\b/i, resolve: (_m, t) => addDays(t, -1), confidence: 1 },
  { re: /\b(today|tonight|this (?:morning|afternoon|evening)|earlier today|just now)\b/i, resolve: (_m, t) => t, confidence: 1 },
  {
    re: /\b(\d{1,2}|a couple of|a few|a|an|one|two|three|four|five|six|seven|eight|nine|ten|couple|few)\s+(days?|weeks?)\s+ago\b/i,
    resolve: (m, t) => {
      const n = /^\d+$/.test(m[1]!) ? +m[1]! : NUMBER_WORDS[m[1]!.toLowerCase()] ?? 1;
      return addDays(t, -n * (m[2]!.toLowerCase().startsWith('week') ? 7 : 1));
    },
    confidence: 0.95,
  },
  { re: /\blast week\b/i, resolve: (_m, t) => addDays(t, -7), confidence: 0.6 },
  { re: /\blast month\b/i, resolve: (_m, t) => addMonths(t, -1), confidence: 0.5 },
  // "on 5 jan", "the 5th of jan", "3rd feb": clearly a day before its month
  { re: new RegExp(`\\b(?:(?:on|the)\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?|(\\d{1,2})(?:st|nd|rd|th)|(\\d{1,2})\\s+of)(?![\\d,.]\\d)\\s+(?:of\\s+)?${MONTH}${YEAR}\\b`, 'i'), resolve: (m, t) => pastMonthDay(t, MONTHS[m[4]!.toLowerCase().replace(/\.$/, '')]!, +(m[1] ?? m[2] ?? m[3])!, m[5] ? +m[5] : undefined), confidence: 0.95 },
  // "jan 28", "on feb 20": month first; wins over a bare "3 jan" so "coffee 3 jan 28" costs 3
  { re: new RegExp(`\\b(?:on\\s+)?${MONTH}\\s+(?:the\\s+)?${DAY}${YEAR}\\b`, 'i'), resolve: (m, t) => pastMonthDay(t, MONTHS[m[1]!.toLowerCase().replace(/\.$/, '')]!, +m[2]!, m[3] ? +m[3] : undefined), confidence: 0.95 },
  { re: new RegExp(`\\b${DAY}\\s+${MONTH}${YEAR}\\b`, 'i'), resolve: (m, t) => pastMonthDay(t, MONTHS[m[2]!.toLowerCase().replace(/\.$/, '')]!, +m[1]!, m[3] ? +m[3] : undefined), confidence: 0.85 },
  { re: new RegExp(`\\blast\\s+${WEEKDAY}\\b`, 'i'), resolve: (m, t) => pastWeekday(t, WEEKDAYS[m[1]!.toLowerCase()]!, false), confidence: 0.95 },
  // "sat night", "sunday morning": a weekday with a time of day is a date even when short
  { re: new RegExp(`\\b${WEEKDAY}\\s+(?:night|morning|afternoon|evening|lunch|brunch|dinner)\\b`, 'i'), resolve: (m, t) => pastWeekday(t, WEEKDAYS[m[1]!.toLowerCase()]!, true), confidence: 0.85 },
  { re: new RegExp(`\\b(?:on|this past|past|this)\\s+${WEEKDAY}\\b`, 'i'), resolve: (m, t) => pastWeekday(t, WEEKDAYS[m[1]!.toLowerCase()]!, true), confidence: 0.9 },
  {
    // "on the 3rd", "on 15th": a day of this month, or of last month when it is still ahead
    re: /\bon\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b/i,
    resolve: (m, t) => {
      const p = parts(t);
      const here = makeDate(p.year, p.month, +m[1]!);
      return here && here <= t ? here : (() => {
        const prev = addMonths(t, -1);
        const q = parts(prev);
        return makeDate(q.year, q.month, +m[1]!);
      })();
    },
    confidence: 0.85,
  },
];

/** Bare weekday names ("taxi friday") count only when nothing else named a date. */
const BARE_WEEKDAY = new RegExp(`\\b${WEEKDAY}\\b`, 'i');

/**
 * Finds the date a message talks about, resolved against `today`, preferring the past (a person
 * records what happened). Returns today with full confidence when the message names no date.
 */
export function findDate(text: string, today: CalendarDate): FoundDate {
  for (const rule of RULES) {
    const m = rule.re.exec(text);
    if (!m) continue;
    const date = rule.resolve(m, today);
    if (date) return { date, start: m.index, end: m.index + m[0].length, confidence: rule.confidence };
  }
  const bare = BARE_WEEKDAY.exec(text);
  if (bare && bare[0].length > 3) {
    return { date: pastWeekday(today, WEEKDAYS[bare[1]!.toLowerCase()]!, true), start: bare.index, end: bare.index + bare[0].length, confidence: 0.7 };
  }
  return { date: today, start: -1, end: -1, confidence: 0.9 };
}

/** Times of day ("at 7pm", "7:30") are not amounts; they are cut before amounts are looked for. */
export const TIME_OF_DAY = /\b(?:at\s+)?\d{1,2}(?::\d{2})?\s?(?:am|pm)\b|\b\d{1,2}:\d{2}\b/gi;
