import { invalid } from '../errors/index.js';

declare const calendarDateBrand: unique symbol;
/** A calendar day, `YYYY-MM-DD`, with no time zone. Only `toCalendarDate` and the helpers make one. */
export type CalendarDate = string & { readonly [calendarDateBrand]: true };

declare const monthBrand: unique symbol;
/** A calendar month, `YYYY-MM`. */
export type CalendarMonth = string & { readonly [monthBrand]: true };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Builds a CalendarDate from parts, or returns null when the parts name no real day. */
export function makeDate(y: number, m: number, d: number): CalendarDate | null {
  if (!isValidYmd(y, m, d)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as CalendarDate;
}

/** Validates `YYYY-MM-DD`; throws a FinchError naming `what` otherwise. */
export function toCalendarDate(text: string, what = 'date'): CalendarDate {
  const m = ISO_DATE.exec(text.trim());
  const date = m ? makeDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  if (!date) throw invalid(`invalid ${what} "${text}": expected a real day as YYYY-MM-DD`);
  return date;
}

export function tryCalendarDate(text: string): CalendarDate | null {
  const m = ISO_DATE.exec(text.trim());
  return m ? makeDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export function toCalendarMonth(text: string, what = 'month'): CalendarMonth {
  const m = /^(\d{4})-(\d{2})$/.exec(text.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw invalid(`invalid ${what} "${text}": expected YYYY-MM`);
  return `${m[1]}-${m[2]}` as CalendarMonth;
}

export function parts(date: CalendarDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

function toUtc(date: CalendarDate): Date {
  const p = parts(date);
  return new Date(Date.UTC(p.year, p.month - 1, p.day));
}

function fromUtc(d: Date): CalendarDate {
  return makeDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) as CalendarDate;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** Adds months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 29/28). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const p = parts(date);
  const index = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return makeDate(year, month, Math.min(p.day, daysInMonth(year, month))) as CalendarDate;
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: CalendarDate): number {
  return toUtc(date).getUTCDay();
}

export function monthOf(date: CalendarDate): CalendarMonth {
  return date.slice(0, 7) as CalendarMonth;
}

export function monthStart(month: CalendarMonth): CalendarDate {
  return `${month}-01` as CalendarDate;
}

export function monthEnd(month: CalendarMonth): CalendarDate {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return makeDate(y, m, daysInMonth(y, m)) as CalendarDate;
}

export function addMonthsToMonth(month: CalendarMonth, n: number): CalendarMonth {
  return monthOf(addMonths(monthStart(month), n));
}

/** Today in the machine's local time zone: the day a person at this terminal would name. */
export function today(now: Date = new Date()): CalendarDate {
  return makeDate(now.getFullYear(), now.getMonth() + 1, now.getDate()) as CalendarDate;
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An instant as UTC ISO text, the form every created_at/updated_at column holds. */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}
