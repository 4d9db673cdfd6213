import { addDays, daysBetween, type CalendarDate } from '../calendar/index.js';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  janv: 1, févr: 2, fevr: 2, mars: 3, avr: 4, mai: 5, juin: 6, juil: 7, août: 8, aout: 8, déc: 12,
  ene: 1, abr: 4, ago: 8, dic: 12, mär: 3, okt: 10, dez: 12, mei: 5, fev: 2, out: 10, set: 9,
};

function month(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  return MONTHS[w.slice(0, 4)] ?? MONTHS[w.slice(0, 3)];
}

function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? 2000 + n : n;
}

function iso(y: number, m: number, d: number): CalendarDate | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return date.toISOString().slice(0, 10) as CalendarDate;
}

export interface FoundMailDate {
  date: CalendarDate;
  start: number;
}

const MON = String.raw`[A-Za-zÀ-ÿ]{3,9}\.?`;
const PATTERNS: Array<{ re: RegExp; read: (m: RegExpExecArray) => Array<CalendarDate | null> }> = [
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, read: (m) => [iso(+m[1]!, +m[2]!, +m[3]!)] },
  // 03/11/2026, 11-03-26, 10.11.2026: day-month or month-day; the Date header decides.
  { re: /\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})\b/g, read: (m) => [iso(fullYear(m[4]!), +m[3]!, +m[1]!), iso(fullYear(m[4]!), +m[1]!, +m[3]!)] },
  // 04-Nov-26, 07NOV26, 15 Nov 2026, 12 novembre 2026
  { re: new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?[\s-]?(${MON})[\s-]?,?\s?(\d{4}|\d{2})\b`, 'g'), read: (m) => [month(m[2]!) ? iso(fullYear(m[3]!), month(m[2]!)!, +m[1]!) : null] },
  // Nov 4, 2026 · November 16, 2026 · Nov 04, 2026
  { re: new RegExp(String.raw`\b(${MON})\s(\d{1,2})(?:st|nd|rd|th)?,?\s(\d{4})\b`, 'g'), read: (m) => [month(m[1]!) ? iso(+m[3]!, month(m[1]!)!, +m[2]!) : null] },
];

/**
 * Calendar dates written in the mail, each read the way that puts it closest before the day the
 * mail was sent (an alert reports what happened, shortly before it was written).
 */
export function findDates(text: string, sentDay: CalendarDate | null): FoundMailDate[] {
  const out: FoundMailDate[] = [];
  for (const p of PATTERNS) {
    for (const m of text.matchAll(p.re)) {
      const readings = p.read(m as RegExpExecArray).filter((d): d is CalendarDate => d !== null);
      const plausible = sentDay ? readings.filter((d) => daysBetween(d, addDays(sentDay, 1)) >= 0 && daysBetween(d, sentDay) <= 60) : readings;
      if (plausible.length === 0) continue;
      const best = sentDay ? plausible.sort((a, b) => Math.abs(daysBetween(a, sentDay)) - Math.abs(daysBetween(b, sentDay)))[0]! : plausible[0]!;
      if (!out.some((o) => o.start === m.index)) out.push({ date: best, start: m.index! });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
