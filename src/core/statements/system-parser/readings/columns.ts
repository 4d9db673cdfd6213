/**
 * Where the money sits: figures from every line grouped into columns by their right edges (numbers
 * are right-aligned), and the short words that may say a row's direction (Af/Bij, D/C, DR/CR).
 * A column counts as money when most of its figures print decimals: a column of bare integers is a
 * reference or a count, but a bare "500" inside a column of "1935.3" is money.
 */
import { type Decimal, type Figure, type LineCells, readFigure, leadingDate } from './cells.js';
import type { DateOrder } from '../tokens.js';

export interface MoneyColumn {
  x0: number;
  x1: number;
  /** line index → the figure in this column on that line */
  cells: Map<number, Figure>;
}

/** A figure cell on a line: not the line's leading date, not a 4-decimal rate. */
function figureCells(lc: LineCells, decimal: Decimal, order: DateOrder): Array<{ x0: number; x1: number; f: Figure }> {
  return lc.cells
    .filter((c, i) => !(i < 2 && isDateOnly(c.text, order)))
    .map((c) => ({ x0: c.x0, x1: c.x1, f: readFigure(c.text, decimal) }))
    .filter((c): c is { x0: number; x1: number; f: Figure } => c.f !== null);
}

function isDateOnly(text: string, order: DateOrder): boolean {
  const t = text.trim();
  return /^\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?\.?$/.test(t) && leadingDate({ text: t, x0: 0, x1: 0 }, order) !== null;
}

export function moneyColumns(lines: readonly LineCells[], decimal: Decimal, order: DateOrder, tolerance: number): MoneyColumn[] {
  const all = lines.flatMap((lc) => figureCells(lc, decimal, order).map((c) => ({ ...c, line: lc.index }))).sort((a, b) => a.x1 - b.x1);
  const cols: MoneyColumn[] = [];
  for (const c of all) {
    const col = cols.find((k) => Math.abs(k.x1 - c.x1) <= tolerance && !k.cells.has(c.line));
    if (col) {
      col.x0 = Math.min(col.x0, c.x0);
      col.cells.set(c.line, c.f);
    } else cols.push({ x0: c.x0, x1: c.x1, cells: new Map([[c.line, c.f]]) });
  }
  const money = cols.filter((k) => [...k.cells.values()].filter((f) => f.decimals).length >= k.cells.size * 0.6);
  // a column with one figure counts only on a row — a dated line, or one with money in a longer
  // column (the one deposit of the month) — not on a summary line below the table
  const long = money.filter((k) => k.cells.size >= 2);
  const dated = new Set(lines.filter((lc) => lc.cells[0] && isDateOnly(lc.cells[0].text.split(' ')[0]!, order)).map((lc) => lc.index));
  const onRow = (line: number) => dated.has(line) || long.some((l) => l.cells.has(line));
  return money.filter((k) => k.cells.size >= 2 || onRow([...k.cells.keys()][0]!)).sort((a, b) => a.x1 - b.x1);
}

/**
 * A column of one or two short words repeated on the rows (Af / Bij, D / C): which word a line
 * prints there. Only words with no digits, at most 3 letters, printed right of the description.
 */
export function directionWords(lines: readonly LineCells[], rowLines: ReadonlySet<number>, minX: number): { words: [string, string]; at: Map<number, string> } | null {
  const at = new Map<number, string>();
  for (const lc of lines) {
    if (!rowLines.has(lc.index)) continue;
    const cell = lc.cells.find((c) => c.x0 >= minX && /^[A-Za-z]{1,3}\.?$/.test(c.text) && !/^(EUR|USD|GBP|CHF|SGD)$/i.test(c.text));
    if (cell) at.set(lc.index, cell.text.toLowerCase());
  }
  const counts = new Map<string, number>();
  for (const w of at.values()) counts.set(w, (counts.get(w) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1]);
  if (top.length !== 2 || at.size < rowLines.size * 0.8) return null;
  return { words: [top[0]![0], top[1]![0]], at };
}
