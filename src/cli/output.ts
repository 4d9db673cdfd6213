import { io } from './io.js';

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  align?: 'left' | 'right';
  /** Longest text shown in a table before it is cut with … (JSON and CSV are never cut). */
  max?: number;
}

export function printJson(value: unknown): void {
  io().out(`${JSON.stringify(value, null, 2)}\n`);
}

export function printJsonLine(value: unknown): void {
  io().out(`${JSON.stringify(value)}\n`);
}

function cut(text: string, max: number | undefined): string {
  if (!max || text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}

/** A plain, border-less table that reads well in a terminal and survives copy-paste. */
export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((r) => columns.map((c) => cut(String(c.value(r) ?? ''), c.max).replace(/[\r\n\t]+/g, ' ')));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => [...row[i]!].length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (columns[i]!.align === 'right' ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

export function printTable<T>(rows: readonly T[], columns: readonly Column<T>[], empty = 'nothing to show'): void {
  if (rows.length === 0) {
    io().out(`${empty}\n`);
    return;
  }
  io().out(formatTable(rows, columns));
}

/** CSV through core's one writer: formula-looking text cells are neutralised, amounts stay numbers. */
export async function printCsv<T>(rows: readonly T[], columns: readonly Column<T>[]): Promise<void> {
  const { toCsv } = await import('../core/index.js');
  const data = rows.map((r) => columns.map((c) => String(c.value(r) ?? '')));
  io().out(toCsv(columns.map((c) => c.header), data));
}

export function say(text: string): void {
  io().out(`${text}\n`);
}
