import { FinchError } from '../../../errors/index.js';
import { type CurrencyCode, currencyCode, isCurrencyCode, minorDigits, minorToDecimal } from '../../../money/index.js';
import { inferTable } from '../../tables/index.js';
import type { TableReading } from '../../tables/index.js';
import type { ParsedRow, ParsedStatement, UnreadRow } from '../../types.js';
import { finish, notRead } from '../shared.js';
import { type CsvMapping, type SavedCsvMapping, csvMappingSchema, layoutOf, mappingFrom, resolveRoles } from './mapping.js';
import { type SplitRow, detectDelimiter, splitRows } from './split.js';

export interface CsvOptions {
  /** A mapping for this read (overrides everything). */
  mapping?: unknown;
  /** Saved mappings; the one whose fingerprint matches the file applies by itself. */
  saved?: readonly SavedCsvMapping[];
  currency?: CurrencyCode;
}

export interface CsvResult {
  parsed: ParsedStatement;
  mapping: CsvMapping;
  fingerprint: string;
  reading: TableReading;
  /** The mapping came from a saved mapping with this fingerprint. */
  usedSaved: boolean;
}

/** Every non-empty cell of a column is one ISO currency code: the file's currency. */
function currencyColumn(rows: string[][]): CurrencyCode | null {
  const width = Math.max(0, ...rows.map((r) => r.length));
  for (let c = 0; c < width; c++) {
    const cells = rows.map((r) => (r[c] ?? '').trim().toUpperCase()).filter(Boolean);
    if (cells.length >= Math.max(1, rows.length * 0.8) && new Set(cells).size === 1 && isCurrencyCode(cells[0]!)) return currencyCode(cells[0]!);
  }
  return null;
}

function toRows(reading: TableReading, split: SplitRow[], currency: CurrencyCode | null, digits: number): { rows: ParsedRow[]; warnings: string[]; unread: UnreadRow[] } {
  const unread: UnreadRow[] = [];
  const fmt = (u: number) => (currency ? minorToDecimal(u, currency) : (u / 10 ** digits).toFixed(digits));
  const warnings: string[] = [];
  const rows = reading.rows.map((r): ParsedRow => {
    const src = split[r.row]!;
    const reasons: string[] = [];
    if (r.verification === 'chain-broken') reasons.push('the running balance does not follow at this row');
    reasons.push(...(r.doubts ?? []));
    if (r.exact) {
      reasons.push(`the amount ${r.exact} has more decimals than the currency; rounded half to even`);
      warnings.push(`line ${src.firstLine + 1}: amount ${r.exact} rounded half to even to ${fmt(r.units)}`);
    }
    return {
      date: r.date,
      description: r.description || 'transaction',
      amount: fmt(r.units),
      confidence: r.confidence,
      balance: r.balanceUnits === null ? null : fmt(r.balanceUnits),
      source: { page: 1, lineIndexes: Array.from({ length: src.lastLine - src.firstLine + 1 }, (_, k) => src.firstLine + k), text: src.text },
      ...(r.reference ? { importKey: r.reference } : {}),
      ...(r.exact ? { exactAmount: r.exact } : {}),
      ...(reasons.length ? { reviewReasons: reasons } : {}),
    };
  });
  for (const s of reading.skipped) if (!/balance line/.test(s.reason)) notRead(warnings, unread, split[s.row]!.firstLine, split[s.row]!.text, s.reason);
  return { rows, warnings, unread };
}

function pickMapping(options: CsvOptions, fingerprint: string): { mapping: CsvMapping | null; saved: boolean } {
  if (options.mapping !== undefined) {
    const given = csvMappingSchema.safeParse(options.mapping);
    if (!given.success) throw new FinchError('INVALID_INPUT', `invalid CSV mapping: ${given.error.issues[0]!.message}`);
    return { mapping: given.data, saved: false };
  }
  const saved = options.saved?.find((s) => s.fingerprint === fingerprint);
  return saved ? { mapping: csvMappingSchema.parse(saved.mapping), saved: true } : { mapping: null, saved: false };
}

/**
 * Delimited bank exports, read by content: delimiter and layout found, the table handed to the
 * inference engine (statements/tables), or to a mapping when one is given or saved for the file's
 * header fingerprint.
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvResult {
  const hinted = options.mapping && typeof options.mapping === 'object' ? (options.mapping as { delimiter?: string }).delimiter : undefined;
  const delimiter = hinted ?? detectDelimiter(text);
  const split = splitRows(text, delimiter);
  const cells = split.map((s) => s.cells);
  const layout = layoutOf(cells, delimiter);
  const { mapping, saved } = pickMapping(options, layout.fingerprint);
  const fileCurrency = currencyColumn(cells.slice((layout.header ?? -1) + 1, (layout.header ?? -1) + 2001));
  const currency = fileCurrency ?? options.currency ?? null;
  const digits = currency ? minorDigits(currency) : 2;
  const table = { rows: cells.map((r) => r.map((text) => ({ text }))) };
  const reading = inferTable(table, {
    minorDigits: digits,
    monthFirstHint: currency === 'USD' || currency === 'CAD' || currency === 'PHP',
    ...(mapping ? { roles: resolveRoles(mapping, layout.cells), headerRow: layout.header, dateOrder: mapping.dateOrder, decimal: mapping.decimal, invert: mapping.invert } : {}),
  });
  const { rows, warnings, unread } = toRows(reading, split, currency, digits);
  if (rows.length === 0) throw new FinchError('INVALID_INPUT', `no transactions could be read from the CSV${warnings.length ? ` (${warnings.slice(0, 3).join('; ')})` : ''}`);
  const fmt = (u: number | null) => (u === null ? null : currency ? minorToDecimal(u, currency) : (u / 10 ** digits).toFixed(digits));
  const parsed = { ...finish('csv', currency, rows, { opening: fmt(reading.openingUnits), closing: fmt(reading.closingUnits), warnings }), unread };
  const header = reading.header !== null ? reading.headerCells : [];
  return { parsed, mapping: mappingFrom(reading.roles, header, { dateOrder: reading.dateOrder, decimal: reading.decimal, invert: reading.invert || undefined, delimiter }), fingerprint: layout.fingerprint, reading, usedSaved: saved };
}
