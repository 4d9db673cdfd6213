import { similarity } from './dedup.js';
import type { ParsedStatement } from './types.js';

export interface TruthRow {
  date: string;
  description: string;
  amount: string;
}

export interface Truth {
  currency?: string;
  opening_balance?: string | null;
  closing_balance?: string | null;
  password?: string | null;
  scanned?: boolean;
  transactions: TruthRow[];
}

export interface StatementScore {
  truthRows: number;
  parsedRows: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
  /** Rows found with the right date and size but the wrong direction. */
  signErrors: number;
  /** The parser's balance check agrees with the truth's opening + rows = closing. */
  balancesRight: boolean;
  reconciled: boolean | null;
}

const cents = (s: string) => Math.round(Number(s) * 1000);

/**
 * Scores a parse against ground truth: a row matches when its date and signed amount are equal and
 * its description is similar; matching is one to one.
 */
export function scoreStatement(parsed: ParsedStatement, truth: Truth): StatementScore {
  const used = new Set<number>();
  let matched = 0;
  let signErrors = 0;
  for (const t of truth.transactions) {
    const i = parsed.transactions.findIndex((p, k) => !used.has(k) && p.date === t.date && cents(p.amount) === cents(t.amount) && similarity(p.description, t.description) >= 0.5);
    if (i >= 0) {
      used.add(i);
      matched++;
      continue;
    }
    if (parsed.transactions.some((p) => p.date === t.date && cents(p.amount) === -cents(t.amount))) signErrors++;
  }
  const precision = parsed.transactions.length ? matched / parsed.transactions.length : 0;
  const recall = truth.transactions.length ? matched / truth.transactions.length : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const balancesRight =
    truth.opening_balance == null || truth.closing_balance == null
      ? parsed.reconciled !== false
      : parsed.openingBalance !== null && cents(parsed.openingBalance) === cents(truth.opening_balance) && parsed.closingBalance !== null && cents(parsed.closingBalance) === cents(truth.closing_balance) && parsed.reconciled === true;
  return { truthRows: truth.transactions.length, parsedRows: parsed.transactions.length, matched, precision, recall, f1, signErrors, balancesRight, reconciled: parsed.reconciled };
}
