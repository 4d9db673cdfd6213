/**
 * Layout and lines: a printed line cut into cells (words closer than a column gap), and what each
 * cell holds — a date, money, or text. Nothing here knows a bank or a language's column titles.
 */
import type { TextLine } from '../../types.js';
import { type DateOrder, type LooseDate, readDate } from '../tokens.js';

export interface Cell {
  text: string;
  x0: number;
  x1: number;
}

export type Decimal = '.' | ',';

/** OCR splits "702.10" into "702 .10" and "1 234,56" groups into "1 234,56": join the number back. */
export function mendNumberSpacing(text: string): string {
  return text.replace(/(\d) ([.,]\d{1,2})(?!\d)/g, '$1$2');
}

/** Words closer than about a character's width apart form one cell. */
export function cellsOf(line: TextLine): Cell[] {
  const cells: Array<Cell & { h: number }> = [];
  for (const w of line.words) {
    const last = cells[cells.length - 1];
    const gap = last ? w.x - last.x1 : Infinity;
    if (last && gap < Math.max(4, Math.min(w.height, last.h) * 0.75)) {
      last.text = `${last.text} ${w.text}`;
      last.x1 = w.x + w.width;
    } else cells.push({ text: w.text, x0: w.x, x1: w.x + w.width, h: w.height });
  }
  return cells.map((c) => ({ text: mendNumberSpacing(c.text.replace(/\s+/g, ' ').trim()), x0: c.x0, x1: c.x1 }));
}

/** A money figure as printed: its size in minor units (×100) and what its own marks say of its sign. */
export interface Figure {
  minor: number;
  /** A minus, a trailing minus, parentheses, or DR / Soll (S). */
  negative: boolean;
  /** CR, H (Haben) or a leading plus. */
  positive: boolean;
  /** Printed with one or two decimals (not a bare integer). */
  decimals: boolean;
  text: string;
}

// thousands in threes, or in the Indian way (1,20,000.00)
const GROUPED = (d: Decimal) => (d === '.' ? /^\d{1,3}(?:(?:[, \u00a0\u202f']\d{3})+|(?:,\d{2})+,\d{3})(?:\.\d{1,2})?$|^\d+(?:\.\d{1,2})?$/ : /^\d{1,3}(?:[. \u00a0\u202f']\d{3})+(?:,\d{1,2})?$|^\d+(?:,\d{1,2})?$/);
const SYMBOLS = /^(?:[$€£₹¥]|[A-Z]{1,2}\$|R(?= ?\d)|Rs\.?|[A-Z]{3}(?= ))\s*/;
const TRAIL_CODE = /\s*(?:[$€£₹¥]|[A-Z]{3})$/;

/** Reads a cell that is nothing but an amount: 1,234.56 · -12,50 · 3 000.00 · (4.20) · 61.23 CR · 1.234,56- · 1935.3 · 500. */
export function readFigure(raw: string, decimal: Decimal): Figure | null {
  let t = raw.trim().replace(/−|–/g, '-');
  let negative = false;
  let positive = false;
  const mark = /\s*(CR|DR|Cr|Dr|cr|dr|H|S|\+|-)\.?$/.exec(t);
  if (mark && t.length > mark[0].length) {
    const m = mark[1]!.toLowerCase();
    if (m === 'cr' || m === 'h' || m === '+') positive = true;
    else negative = true;
    t = t.slice(0, mark.index).trim();
  }
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  const lead = /^([-+])\s*/.exec(t);
  if (lead) {
    if (lead[1] === '-') negative = true;
    else positive = true;
    t = t.slice(lead[0].length);
  }
  t = t.replace(SYMBOLS, '').replace(TRAIL_CODE, '').trim();
  if (/^-/.test(t)) {
    negative = true;
    t = t.slice(1).trim();
  }
  // OCR reads 24.21 as 24,21 (or 24,21 as 24.21): the other mark with exactly two digits after it,
  // and no other separator, cannot be grouping, so it is the decimal mark misread
  const other = decimal === '.' ? ',' : '.';
  if (new RegExp(`^\\d{1,3}\\${other}\\d{2}$`).test(t)) t = t.replace(other, decimal);
  if (!GROUPED(decimal).test(t)) return null;
  const [int, frac = ''] = t.split(decimal);
  const digits = int!.replace(/\D/g, '');
  if (digits.length > 12) return null;
  const minor = Number(digits) * 100 + Number((frac + '00').slice(0, 2));
  return { minor, negative, positive, decimals: frac.length > 0, text: raw };
}

/** The date at the start of a cell ("03/02", "29 FEB", "01.06.", "2024-06-01") and the text after it. */
export function leadingDate(cell: Cell, order: DateOrder): { date: LooseDate; rest: string } | null {
  const words = cell.text.replace(/\.$/, '').split(' ');
  for (let n = Math.min(words.length, 3); n >= 1; n--) {
    const date = readDate(words.slice(0, n).join(' ').replace(/\.$/, ''), order);
    if (date) return { date, rest: words.slice(n).join(' ') };
  }
  return null;
}

export interface LineCells {
  index: number;
  line: TextLine;
  cells: Cell[];
}

export function allCells(lines: readonly TextLine[]): LineCells[] {
  return lines.map((line, index) => ({ index, line, cells: cellsOf(line) }));
}

export const lineHeight = (line: TextLine) => Math.max(4, ...line.words.map((w) => w.height));

/**
 * The decimal mark, from cells that are nothing but an amount (so day-month dates such as 03.02,
 * printed as cells of their own at the start of a line, do not count as numbers).
 */
export function learnDecimalFromCells(lines: readonly LineCells[], order: DateOrder): Decimal | null {
  let comma = 0;
  let dot = 0;
  for (const lc of lines) {
    lc.cells.forEach((c, i) => {
      const t = c.text.replace(/^[-+(]|[-+)]$|\s?(CR|DR|H|S)$/g, '').replace(/^[$€£]\s?|\s?[$€£]$|\s?[A-Z]{3}$/g, '').trim();
      if (i < 2 && leadingDate({ text: t, x0: 0, x1: 0 }, order)) return;
      if (/^\d{1,3}(?:[ .\u00a0\u202f]\d{3})*,\d{2}$/.test(t)) comma++;
      else if (/^\d{1,3}(?:[ ,\u00a0\u202f]\d{3})*\.\d{2}$/.test(t)) dot++;
    });
  }
  if (comma === dot) return null;
  return comma > dot ? ',' : '.';
}
