import { type CalendarDate } from '../../calendar/index.js';
import { type CurrencyCode, decimalToMinor, minorToDecimal } from '../../money/index.js';
import type { ParsedRow, ParsedStatement, StatementFormat, UnreadRow } from '../types.js';

/** Fills the parts every reader computes the same way: period from rows, reconciliation. */
/** A row a reader could not read: warned about, and kept as an unread statement row, never dropped in silence. */
export function notRead(warnings: string[], unread: UnreadRow[], line: number, text: string, reason: string): void {
  warnings.push(`line ${line + 1}: ${reason}; not read`);
  unread.push({ source: { page: 1, lineIndexes: [line], text }, reason });
}

export function finish(
  format: StatementFormat,
  currency: CurrencyCode | null,
  rows: ParsedRow[],
  extra: { opening?: string | null; closing?: string | null; period?: { start: CalendarDate; end: CalendarDate } | null; accountNumber?: string | null; institution?: string | null; warnings: string[]; derivedOpening?: boolean },
): ParsedStatement {
  const minor = (v: string) => (currency ? decimalToMinor(v, currency) : Math.round(Number(v) * 100));
  const fmt = (m: number) => (currency ? minorToDecimal(m, currency) : (m / 100).toFixed(2));
  const sum = rows.reduce((a, r) => a + minor(r.amount), 0);
  let opening = extra.opening ?? null;
  const closing = extra.closing ?? null;
  let reconciled: boolean | null = null;
  if (opening === null && closing !== null && extra.derivedOpening) {
    opening = fmt(minor(closing) - sum);
  } else if (opening !== null && closing !== null) {
    reconciled = minor(opening) + sum === minor(closing);
    if (!reconciled) extra.warnings.push(`opening ${opening} + rows ${fmt(sum)} does not equal closing ${closing}`);
  }
  const dates = rows.map((r) => r.date).sort();
  return {
    format,
    currency,
    period: extra.period ?? (dates.length ? { start: dates[0]!, end: dates[dates.length - 1]! } : null),
    openingBalance: opening !== null ? fmt(minor(opening)) : null,
    closingBalance: closing !== null ? fmt(minor(closing)) : null,
    reconciled,
    accountNumber: extra.accountNumber ?? null,
    institution: extra.institution ?? null,
    transactions: rows,
    warnings: extra.warnings,
  };
}

/** Shows only the last four characters of an account number. */
export function maskAccount(id: string | undefined | null): string | null {
  const t = (id ?? '').replace(/\s+/g, '');
  if (!t) return null;
  return t.length <= 4 ? t : `****${t.slice(-4)}`;
}

/** Normalises a signed decimal to the currency's digits ("-5.5" → "-5.50"). */
export function normalizeAmount(value: string, currency: CurrencyCode | null): string {
  if (!currency) return value;
  return minorToDecimal(decimalToMinor(value, currency), currency);
}
