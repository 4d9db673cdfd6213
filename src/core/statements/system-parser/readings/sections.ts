/**
 * Several accounts (or cards) in one statement: each section starts where a new opening balance is
 * printed after rows of the one before, and carries its own account number and balances.
 */
import type { BalanceLine } from './balances.js';
import type { LineCells } from './cells.js';

export interface Section {
  /** positions in the line list: [from, to) */
  from: number;
  to: number;
  accountNumber: string | null;
}

const ACCOUNT = /(?:account|acct|a\/c|konto|compte|cuenta|conto|rekening|iban|bsb|card|karte|carte|tarjeta|number|n[°o]\.?)\D{0,30}?((?:[A-Z]{2}\d{2}[ ]?)?\d[\d -]{4,}\d)/i;

function accountIn(lines: readonly LineCells[], from: number, to: number): string | null {
  for (let k = from; k < to; k++) {
    const m = ACCOUNT.exec(lines[k]!.line.text);
    if (m && m[1]!.replace(/\D/g, '').length >= 6) return m[1]!.trim();
  }
  return null;
}

/** Sections by opening balances; one section (the whole document) when there is one opening. */
export function splitSections(lines: readonly LineCells[], balances: readonly BalanceLine[]): Section[] {
  const position = new Map(lines.map((l, k) => [l.index, k]));
  const openings = [...new Set(balances.filter((b) => b.kind === 'opening').map((b) => position.get(b.index)!))].sort((a, b) => a - b);
  if (openings.length < 2) return [{ from: 0, to: lines.length, accountNumber: accountIn(lines, 0, Math.min(lines.length, 40)) }];
  // a section starts at its title: the account line printed just above its opening balance
  const starts = openings.map((p, i) => {
    if (i === 0) return 0;
    for (let k = p; k >= Math.max(openings[i - 1]! + 1, p - 3); k--) if (ACCOUNT.test(lines[k]!.line.text)) return Math.max(openings[i - 1]! + 1, k - 1);
    return p;
  });
  return starts.map((from, i) => {
    const to = starts[i + 1] ?? lines.length;
    const own = accountIn(lines, Math.max(from, (openings[i] ?? from) - 3), Math.min(to, (openings[i] ?? from) + 2));
    return { from, to, accountNumber: own ?? accountIn(lines, from, to) };
  });
}
