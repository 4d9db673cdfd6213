import type { CalendarDate } from '../../calendar/index.js';
import type { DateOrder } from './cells.js';

/**
 * The engine's input: a table is rows of cells, in reading order. A CSV reader gives one cell per
 * field; a PDF parser can give the cells it cut from positioned words (one row per printed line,
 * one cell per column band) and keep `source` to point back at the page. The engine reads only
 * `text`; `source` travels through to the row it produced.
 */
export interface TableCell {
  text: string;
  source?: { page: number; line: number; x?: number; width?: number };
}
export type TableRow = TableCell[];
export interface Table {
  rows: TableRow[];
}

/** Which column (0-based) holds what; what the engine inferred, or what a person mapped. */
export interface ColumnRoles {
  date: number;
  amount?: number;
  debit?: number;
  credit?: number;
  /** A column of direction words (S/H, Dr/Cr, Af/Bij) that signs `amount`. */
  direction?: number;
  balance?: number;
  description: number[];
  /** A column of ids unique to each row (a bank reference), kept as the row's import key. */
  reference?: number;
}

export interface InferOptions {
  /** The currency's minor digits (2 for EUR, 0 for JPY). */
  minorDigits: number;
  /** Used only to break a tie between day-month and month-day dates. */
  monthFirstHint?: boolean;
  /** Fixed roles (a saved mapping): the engine still reads notations and verifies. */
  roles?: Partial<ColumnRoles> & { date: number };
  headerRow?: number | null;
  dateOrder?: DateOrder;
  decimal?: '.' | ',';
  invert?: boolean;
}

/** How a row's amount was checked. */
export type Verification = 'balance-chain' | 'row-balance' | 'net-of-fee' | 'totals' | 'unverified' | 'chain-broken';

export interface ReadTableRow {
  /** Index into table.rows. */
  row: number;
  date: CalendarDate;
  /** Signed, in minor units: negative is money out. */
  units: number;
  /** The amount as printed carried more decimals than the currency (rounded half to even). */
  exact?: string;
  balanceUnits: number | null;
  description: string;
  reference?: string;
  confidence: number;
  verification: Verification;
  /** What the file could not settle about this row (a guessed date order). */
  doubts?: string[];
}

export interface TableReading {
  header: number | null;
  headerCells: string[];
  roles: ColumnRoles;
  dateOrder: DateOrder;
  decimal: '.' | ',';
  invert: boolean;
  rows: ReadTableRow[];
  /** Rows of the body that were not read, and why (balance lines, rows without an amount). */
  skipped: Array<{ row: number; reason: string }>;
  /** From a running balance that chains: before the first and after the last row (in date order). */
  openingUnits: number | null;
  closingUnits: number | null;
  /** Why this reading won, for people: "balance chains on 12 of 12 rows". */
  evidence: string;
}
