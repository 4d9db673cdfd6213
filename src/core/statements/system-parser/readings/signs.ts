/**
 * How a reading turns a row's figures into one signed amount. Each way is a hypothesis the scoring
 * tests against the balances; none is chosen by a column title.
 * - printed: one column, signed as printed (minus, parentheses, DR → out; CR, + → in).
 * - card: one column where an unmarked figure is a charge (out) and a marked one (CR, minus) a credit;
 *   balances are amounts owed, so they flip too.
 * - pair: a debit column and a credit column.
 * - direction: one unsigned column and a word beside it (Af/Bij, D/C) that says which way.
 */
import type { Figure } from './cells.js';

export type AmountRule =
  | { kind: 'printed'; col: number }
  | { kind: 'card'; col: number }
  | { kind: 'pair'; debit: number; credit: number }
  | { kind: 'direction'; col: number; outWord: string };

export const signedPrinted = (f: Figure) => (f.negative ? -f.minor : f.minor);

/** The row's signed amount under a rule, or null when the rule's columns are empty on this row. */
export function amountOf(rule: AmountRule, money: ReadonlyMap<number, Figure>, direction: string | undefined): number | null {
  switch (rule.kind) {
    case 'printed': {
      const f = money.get(rule.col);
      return f ? signedPrinted(f) : null;
    }
    case 'card': {
      const f = money.get(rule.col);
      return f ? (f.negative || f.positive ? f.minor : -f.minor) : null;
    }
    case 'pair': {
      const d = money.get(rule.debit);
      const c = money.get(rule.credit);
      if (!d && !c) return null;
      return (c ? c.minor : 0) - (d ? d.minor : 0);
    }
    case 'direction': {
      const f = money.get(rule.col);
      if (!f || direction === undefined) return null;
      return direction === rule.outWord ? -f.minor : f.minor;
    }
  }
}

/** The columns a rule reads (so a balance column is never one of them). */
export function columnsOf(rule: AmountRule): number[] {
  return rule.kind === 'pair' ? [rule.debit, rule.credit] : [rule.col];
}

/** Every rule over the columns `cols` (indices), given the direction words found, if any. */
export function rulesFor(cols: readonly number[], words: readonly string[] | null): AmountRule[] {
  const rules: AmountRule[] = [];
  for (const col of cols) {
    rules.push({ kind: 'printed', col }, { kind: 'card', col });
    for (const w of words ?? []) rules.push({ kind: 'direction', col, outWord: w });
  }
  for (const debit of cols) for (const credit of cols) if (debit !== credit) rules.push({ kind: 'pair', debit, credit });
  return rules;
}

export function describeRule(rule: AmountRule): string {
  switch (rule.kind) {
    case 'printed':
      return `amount in column ${rule.col + 1}, signed as printed`;
    case 'card':
      return `amount in column ${rule.col + 1}, charges unmarked`;
    case 'pair':
      return `debit column ${rule.debit + 1}, credit column ${rule.credit + 1}`;
    case 'direction':
      return `amount in column ${rule.col + 1}, "${rule.outWord}" = out`;
  }
}
