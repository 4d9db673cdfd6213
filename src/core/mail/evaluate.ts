import { currencyCode, decimalToMinor, type CurrencyCode } from '../money/index.js';
import type { ParsedMail } from './parse.js';

/** One fixture's truth (fixtures/mail/truth.json). */
export type MailTruth =
  | { kind: 'transaction'; date: string; amount: string; currency: string; merchant: string; account?: string; original?: { amount: string; currency: string } }
  | { kind: 'not-transaction'; reason: string }
  | { kind: 'statement'; account: string };

const norm = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '');

/** A merchant is right when one name contains the other once case, accents and punctuation are set aside. */
export function sameMerchant(found: string | null, expected: string): boolean {
  if (!found) return false;
  const a = norm(found);
  const b = norm(expected);
  return a.length > 0 && (a.includes(b) || b.includes(a));
}

export interface MailCaseResult {
  file: string;
  ok: boolean;
  wrong: string[];
}

/** Which of date, signed amount, currency, merchant (and "is a transaction at all") a reading got wrong. */
export function judge(parsed: ParsedMail, truth: MailTruth): string[] {
  if (truth.kind !== 'transaction') return parsed.kind === 'transaction' ? [`became a transaction (${truth.kind === 'statement' ? 'statement' : truth.reason})`] : [];
  if (parsed.kind !== 'transaction') return [`not read as a transaction: ${parsed.reason}`];
  const wrong: string[] = [];
  const currency = currencyCode(truth.currency) as CurrencyCode;
  if (parsed.date !== truth.date) wrong.push(`date ${parsed.date} ≠ ${truth.date}`);
  if (parsed.currency !== currency) wrong.push(`currency ${parsed.currency} ≠ ${truth.currency}`);
  else if (parsed.amountMinor !== decimalToMinor(truth.amount, currency)) wrong.push(`amount ${parsed.amountMinor} ≠ ${truth.amount}`);
  if (!sameMerchant(parsed.merchant, truth.merchant)) wrong.push(`merchant ${JSON.stringify(parsed.merchant)} ≠ ${JSON.stringify(truth.merchant)}`);
  return wrong;
}
