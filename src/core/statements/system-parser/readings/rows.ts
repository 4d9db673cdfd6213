/**
 * Lines into candidate rows, for a given set of money columns: a line with money in those columns is
 * a row; its date is its own, else the date of the row before (a day printed once, or a first row
 * that belongs to the brought-forward day); text lines right under a row continue its description.
 * Balance lines, and lines left of the table (printer codes in the margin), are never rows.
 */
import { type CalendarDate, daysInMonth, makeDate } from '../../../calendar/index.js';
import { type DateOrder, type LooseDate, resolveYear } from '../tokens.js';
import { isBalanceText } from './balances.js';
import { type Cell, type Figure, type LineCells, leadingDate, lineHeight } from './cells.js';
import type { MoneyColumn } from './columns.js';

export interface CandidateRow {
  lineIndexes: number[];
  page: number;
  date: CalendarDate | null;
  /** Why the date needs a look: printed impossible (29/02 in 2023), or taken from the row before. */
  dateNote?: string;
  descriptionParts: string[];
  /** column index → figure */
  money: Map<number, Figure>;
  /** cells of the row line that are text, for direction words and descriptions */
  text: Cell[];
}

export interface DateContext {
  order: DateOrder;
  period: { start: CalendarDate; end: CalendarDate } | null;
  fallbackYear: number;
}

/** A printed date made a calendar date; one that cannot exist is kept (clamped to the month) and noted. */
export function calendarDate(d: LooseDate, ctx: DateContext): { date: CalendarDate | null; note?: string } {
  const exact = resolveYear(d, ctx.period, ctx.fallbackYear);
  if (exact) return { date: exact };
  if (d.month < 1 || d.month > 12) return { date: null };
  const year = d.year ?? (ctx.period ? Number(ctx.period.end.slice(0, 4)) : ctx.fallbackYear);
  const day = Math.min(d.day, daysInMonth(year, d.month));
  return { date: makeDate(year, d.month, day), note: `printed date ${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')} does not exist in ${year}` };
}

function rowDate(lc: LineCells, firstMoneyX: number, ctx: DateContext): { date: LooseDate; cell: number; rest: string } | null {
  for (let i = 0; i < Math.min(2, lc.cells.length); i++) {
    const c = lc.cells[i]!;
    if (c.x0 >= firstMoneyX) break;
    const d = leadingDate(c, ctx.order);
    if (d) return { date: d.date, cell: i, rest: d.rest };
  }
  return null;
}

/** Money cells of a line that fall in the columns (by right edge). */
function moneyOf(lc: LineCells, cols: readonly MoneyColumn[]): Map<number, Figure> {
  const out = new Map<number, Figure>();
  cols.forEach((col, k) => {
    const f = col.cells.get(lc.index);
    if (f) out.set(k, f);
  });
  return out;
}

export function candidateRows(lines: readonly LineCells[], cols: readonly MoneyColumn[], ctx: DateContext, startDate: CalendarDate | null): CandidateRow[] {
  const rows: CandidateRow[] = [];
  const firstMoneyX = Math.min(...cols.map((c) => c.x0));
  let tableLeft = Infinity;
  let lastDate = startDate;
  let last: { row: CandidateRow; y: number; h: number } | null = null;
  for (const lc of lines) {
    const money = moneyOf(lc, cols);
    const balanceLine = lc.cells.some((c) => isBalanceText(c.text));
    const own = rowDate(lc, firstMoneyX, ctx);
    if (own) {
      const cd = calendarDate(own.date, ctx);
      if (cd.date) lastDate = cd.date;
    }
    if (balanceLine) {
      last = null;
      continue;
    }
    if (money.size > 0 && (own || rows.length > 0 || lastDate)) {
      const cd = own ? calendarDate(own.date, ctx) : { date: lastDate };
      const textCells = lc.cells.filter((c, i) => (!own || i !== own.cell) && ![...money.keys()].some((k) => cols[k]!.cells.get(lc.index)?.text === c.text && Math.abs(c.x1 - cols[k]!.x1) < 8));
      if (own?.rest) textCells.unshift({ text: own.rest, x0: lc.cells[own.cell]!.x0, x1: lc.cells[own.cell]!.x1 });
      const row: CandidateRow = { lineIndexes: [lc.index], page: lc.line.page, date: cd.date, ...(cd.note ? { dateNote: cd.note } : !own ? { dateNote: 'no date printed: the date of the row before' } : {}), descriptionParts: [], money, text: textCells };
      tableLeft = Math.min(tableLeft, lc.cells[0]!.x0);
      rows.push(row);
      last = { row, y: lc.line.y, h: lineHeight(lc.line) };
      continue;
    }
    // a continuation of the row above: close under it, inside the table, with letters and no money
    if (last && money.size === 0 && lc.line.page === last.row.page && lc.line.y - last.y <= last.h * 1.9 && lc.cells[0]!.x0 >= tableLeft - 2 && !own && /\p{L}{2}/u.test(lc.line.text) && lc.cells.every((c) => c.x1 <= firstMoneyX + 2)) {
      last.row.lineIndexes.push(lc.index);
      last.row.descriptionParts.push(lc.cells.map((c) => c.text).join(' '));
      last.y = lc.line.y;
      continue;
    }
    last = null;
  }
  return rows;
}
