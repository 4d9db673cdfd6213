import type { AccountKind } from '../db/index.js';

/**
 * Journal account names. finch names become one component each:
 *   Assets:Bank:<Name> (bank), Assets:Savings, Assets:Cash, Assets:Wallet, Assets:Investment,
 *   Liabilities:Card:<Name>, Liabilities:Loan:<Name>, Assets:Unassigned (rows with no account),
 *   Expenses:<Parent>:<Child> (spending and refunds), Income:<Category>, Equity:Transfers (every
 *   transfer and repayment), Assets:Receivable:<Person> / Liabilities:Payable:<Person> (what a person
 *   owes me / I owe them), Equity:Opening-Balances.
 */

export type JournalFormat = 'hledger' | 'ledger' | 'beancount';

const KIND_PATH: Record<AccountKind, string> = {
  bank: 'Assets:Bank',
  savings: 'Assets:Savings',
  cash: 'Assets:Cash',
  wallet: 'Assets:Wallet',
  investment: 'Assets:Investment',
  card: 'Liabilities:Card',
  loan: 'Liabilities:Loan',
};

export const OPENING_ACCOUNT = 'Equity:Opening-Balances';
export const UNASSIGNED_ACCOUNT = 'Assets:Unassigned';

export function kindPath(kind: AccountKind): string {
  return KIND_PATH[kind] ?? 'Assets:Other';
}

/**
 * One account-name component, made safe for the tool:
 * - hledger/ledger: letters (any script), digits, single spaces and - _ . & ' , / are kept; ':'
 *   (the separator), ';' (comments), brackets and parentheses (virtual postings), '@' and '='
 *   (prices, assertions) and runs of spaces (which end an account name) are not.
 * - beancount: ASCII letters, digits and '-', starting with a capital letter or a digit.
 */
export function component(text: string, format: JournalFormat): string {
  if (format === 'beancount') {
    const ascii = text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/&/g, ' and ')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
    if (!ascii) return 'X';
    const first = ascii[0]!;
    return /[a-z]/.test(first) ? first.toUpperCase() + ascii.slice(1) : ascii;
  }
  const cleaned = text
    .replace(/[^\p{L}\p{N} \-_.&',/]+/gu, '-')
    .replace(/\s+/g, ' ')
    .replace(/ ?- ?/g, '-')
    .replace(/-{2,}/g, '-')
    .trim()
    .replace(/^-+|-+$/g, '');
  return cleaned || 'X';
}

/** Hands out names, keeping two different finch names from landing on the same journal name. */
export class Namer {
  private byKey = new Map<string, string>();
  private taken = new Set<string>();
  constructor(readonly format: JournalFormat) {}

  /** `key` identifies the finch thing (e.g. an account id); `prefix` is already safe. */
  name(key: string, prefix: string, parts: string[]): string {
    const have = this.byKey.get(key);
    if (have) return have;
    const base = [prefix, ...parts.map((p) => component(p, this.format))].join(':');
    let name = base;
    for (let i = 2; this.taken.has(name.toLowerCase()); i++) name = `${base}-${i}`;
    this.byKey.set(key, name);
    this.taken.add(name.toLowerCase());
    return name;
  }
}


/** A tag as each tool accepts it (beancount: [A-Za-z0-9-_/.]). */
export function tagFor(tag: string, format: JournalFormat): string {
  if (format !== 'beancount') return tag.replace(/[\s:,;]+/g, '-');
  const t = tag
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9\-_/.]+/g, '-');
  return t || 'x';
}
