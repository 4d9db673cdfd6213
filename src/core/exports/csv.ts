/**
 * The one CSV writer finch uses for everything it writes as CSV (export --format csv, tx list
 * --csv, report --csv). RFC 4180 quoting, plus formula neutralising: a text cell that begins with
 * = + - @ or a tab/CR would be run as a formula by a spreadsheet (`=cmd|' /C calc'!A0`,
 * `@HYPERLINK(…)`), so it gets a leading `'`. Numeric cells are left alone when they are plain
 * decimals, so an amount like -12.50 stays a number.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_DECIMAL = /^[-+]?\d+(\.\d+)?$/;

export interface CsvOptions {
  /** Indexes of columns holding numbers; when omitted, a column whose every cell is a plain decimal is numeric. */
  numericColumns?: ReadonlySet<number>;
}

/** One cell, neutralised unless `numeric` and a plain decimal, then quoted when needed. */
export function csvCell(value: string, numeric = false): string {
  const safe = FORMULA_START.test(value) && !(numeric && PLAIN_DECIMAL.test(value)) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || /^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly string[], numericColumns: ReadonlySet<number> = new Set()): string {
  return `${cells.map((c, i) => csvCell(c, numericColumns.has(i))).join(',')}\n`;
}

function inferNumeric(rows: readonly (readonly string[])[], width: number): Set<number> {
  const numeric = new Set<number>();
  for (let i = 0; i < width; i++) {
    const cells = rows.map((r) => r[i] ?? '').filter((c) => c !== '');
    if (cells.length > 0 && cells.every((c) => PLAIN_DECIMAL.test(c))) numeric.add(i);
  }
  return numeric;
}

/** A whole table: the header line, then one line per row. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[], options: CsvOptions = {}): string {
  const numeric = options.numericColumns ?? inferNumeric(rows, header.length);
  return csvLine(header) + rows.map((r) => csvLine(r, numeric)).join('');
}
