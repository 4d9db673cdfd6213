/**
 * A reading made a ParsedStatement: rows with a confidence that says what was checked (the running
 * balance chained through the row; the whole statement reconciled; nothing to check), rows that
 * break the chain flagged with the figure that would mend them, and a statement-level warning
 * whenever the rows do not reconcile.
 */
import type { ParsedRow, ParsedStatement } from '../../types.js';
import type { Reading, ReadRow } from './readings.js';
import { oneDigitMend } from './scoring.js';

export interface Money {
  fmt: (minor: number) => string;
}

/** The confidence a row has earned. Never a constant: it follows what was verified. */
export function rowConfidence(status: ReadRow['status'], statementReconciled: boolean | null, dateNote: string | undefined): number {
  let c = status === 'verified' ? 0.97 : status === 'broken' ? 0.35 : statementReconciled ? 0.9 : 0.7;
  if (dateNote && !dateNote.startsWith('no date printed')) c = Math.min(c, 0.6);
  return c;
}

/** Why a row breaks the chain, with the figure one digit away that would mend it (an OCR slip). */
export function chainBreakReason(amount: number, balance: number, before: number, money: Money): string {
  const mend = oneDigitMend(amount, balance - before);
  const mendBalance = oneDigitMend(balance, before + amount);
  if (mend !== null) return `the running balance says ${money.fmt(mend)}, not ${money.fmt(amount)} (one digit differs: a misread?)`;
  if (mendBalance !== null) return `the printed balance ${money.fmt(balance)} is one digit from ${money.fmt(mendBalance)}, which chains`;
  return `balance before ${money.fmt(before)} + ${money.fmt(amount)} ≠ printed balance ${money.fmt(balance)}`;
}

function reasons(r: ReadRow, money: Money): string[] {
  const out: string[] = [];
  if (r.row.dateNote) out.push(r.row.dateNote);
  if (r.status === 'broken' && r.before !== null && r.balance !== null) out.push(chainBreakReason(r.amount, r.balance, r.before, money));
  if (!r.description) out.push('no description');
  return out;
}

export function toParsedRows(reading: Reading, lines: ReadonlyArray<{ text: string }>, money: Money): ParsedRow[] {
  return reading.rows
    .filter((r) => r.row.date !== null)
    .map((r) => {
      const why = reasons(r, money);
      return {
        date: r.row.date!,
        description: r.description,
        amount: money.fmt(r.amount),
        confidence: rowConfidence(r.status, reading.reconciled, r.row.dateNote),
        balance: r.balance === null ? null : money.fmt(r.balance),
        source: { page: r.row.page, lineIndexes: r.row.lineIndexes, text: r.row.lineIndexes.map((i) => lines[i]?.text ?? '').join('\n') },
        ...(why.length ? { reviewReasons: why } : {}),
      };
    });
}

/** Statement-level warnings: said whenever something did not verify. */
export function readingWarnings(reading: Pick<Reading, 'reconciled' | 'opening' | 'closing' | 'breaks' | 'rows'>, money: Money, label = ''): string[] {
  const w: string[] = [];
  const sum = reading.rows.reduce((a, r) => a + r.amount, 0);
  const at = label ? `${label}: ` : '';
  if (reading.reconciled === false && reading.opening !== null && reading.closing !== null)
    w.push(`${at}rows do not reconcile: opening ${money.fmt(reading.opening)} + rows ${money.fmt(sum)} = ${money.fmt(reading.opening + sum)}, but the statement says closing ${money.fmt(reading.closing)}; the best reading is flagged for review`);
  if (reading.reconciled === null) w.push(`${at}no opening and closing balance to check the rows against: rows are unverified`);
  if (reading.breaks > 0) w.push(`${at}${reading.breaks} row(s) break the running balance`);
  return w;
}

export function readingStatement(base: ParsedStatement, reading: Reading, lines: ReadonlyArray<{ text: string }>, money: Money): ParsedStatement {
  return {
    ...base,
    openingBalance: reading.opening === null ? null : money.fmt(reading.opening),
    closingBalance: reading.closing === null ? null : money.fmt(reading.closing),
    reconciled: reading.reconciled,
    transactions: toParsedRows(reading, lines, money),
    warnings: readingWarnings(reading, money),
  };
}
