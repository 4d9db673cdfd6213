/**
 * Balance lines: a label in one of the major European languages (or a balance-ish word with a date,
 * "Kontostand am …", "SOLDE CREDITEUR AU …") and the figures on or under it. Which figure is the
 * balance is not decided here: the reading that reconciles chooses (a franc equivalent or a printed
 * total beside it loses because it does not add up).
 */
import type { LineCells } from './cells.js';
import { type Decimal, leadingDate, readFigure } from './cells.js';

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

const OPENING = /\b(opening|beginning|starting|previous|prior|last month'?s|brought forward|b\/f|balance forward|old balance|alter|anfangs|vormonat|vortrag|ancien|precedent|initial|iniziale|anterior|inicial|beginsaldo|vorig|begin)\b/;
const CLOSING = /\b(closing|ending|new balance|end balance|carried forward|c\/f|neuer|schluss|endsaldo|nouveau|final|finale|eindsaldo|nieuw|current balance|saldo neu)\b/;
const BALANCE_WORD = /\b(balance|saldo|solde|kontostand|bakiye|guthaben)\b|\bbal\b/;
/** Lines that mention a balance but are not one. */
const NOT_A_BALANCE = /\b(average|avg|minimum|interest|rate|available credit|credit limit|daily|durchschnitt|moyen|medio|gemiddeld|limit)\b/;

export type BalanceKind = 'opening' | 'closing' | 'either';

export interface BalanceLine {
  index: number;
  kind: BalanceKind;
  /** Figures printed on the line, left to right, then any printed right under its label. */
  figures: number[];
  /** The right edge of the cell each figure was printed in (a debit balance sits in the debit column). */
  rightEdges: number[];
  /** Short words printed on the line (Af, Bij, D, C), which may say the balance's side. */
  marks: string[];
}

function kindOf(text: string): BalanceKind | null {
  const t = fold(text);
  if (NOT_A_BALANCE.test(t) || t.replace(/\([^)]*\)/g, ' ').trim().split(/\s+/).length > 9) return null;
  if (!BALANCE_WORD.test(t) && !/brought forward|carried forward|beginsaldo|eindsaldo/.test(t)) return null;
  const open = OPENING.test(t);
  const close = CLOSING.test(t);
  if (open && !close) return 'opening';
  if (close && !open) return 'closing';
  return 'either';
}

/** Figures of a cell, with a trailing-sign or currency suffix kept inside the cell. */
function figuresIn(text: string, decimal: Decimal): number[] {
  const out: number[] = [];
  const money = decimal === '.' ? /[-+(]?[$€£]?\s?\d{1,3}(?:[, ]\d{3})*(?:\.\d{1,2})\)?(?:\s?(?:CR|DR|-))?|[-+(]?[$€£]?\d+\.\d{1,2}\)?/g : /[-+(]?[€£]?\s?\d{1,3}(?:[. ]\d{3})*(?:,\d{1,2})\)?(?:\s?(?:CR|DR|H|S|-))?|[-+(]?\d+,\d{1,2}\)?/g;
  for (const m of text.matchAll(money)) {
    // "(en francs : 22 123,33)": a parenthesis closing a remark is not a negative sign
    const t = m[0].startsWith('(') !== m[0].endsWith(')') ? m[0].replace(/[()]/g, '') : m[0];
    const f = readFigure(t, decimal);
    if (f) out.push(f.negative ? -f.minor : f.minor);
  }
  return out;
}

// full dates only: a day-month "03.02" cannot be money where the decimal is a comma, and where it
// is a dot, 70.00 is money
const DATES = /\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b/g;

/** The figure printed right under a label cell (a summary box of labels over values). */
function figureUnder(lines: readonly LineCells[], k: number, label: { x0: number; x1: number }, decimal: Decimal): number | null {
  const lc = lines[k]!;
  for (const next of lines.slice(k + 1, k + 3)) {
    // a table header over its first row is not a summary box over its values
    if (next.line.page !== lc.line.page || (next.cells[0] && leadingDate(next.cells[0], 'dmy'))) break;
    const under = next.cells.find((c) => Math.min(c.x1, label.x1) - Math.max(c.x0, label.x0) > 0 && readFigure(c.text, decimal));
    if (under) {
      const f = readFigure(under.text, decimal)!;
      return f.negative ? -f.minor : f.minor;
    }
  }
  return null;
}

/** Every line that prints a balance, with its candidate figures (signed by their own marks). */
export function balanceLines(lines: readonly LineCells[], decimal: Decimal): BalanceLine[] {
  const found: BalanceLine[] = [];
  lines.forEach((lc, k) => {
    const labels = lc.cells.filter((c) => kindOf(c.text));
    if (!labels.length) return;
    const placed = lc.cells.flatMap((c) => figuresIn(c.text.replace(DATES, ' '), decimal).map((f) => ({ f, x1: c.x1 })));
    const figures = placed.map((p) => p.f);
    const rightEdges = placed.map((p) => p.x1);
    const marks = lc.cells.filter((c) => /^[A-Za-z]{1,3}$/.test(c.text)).map((c) => c.text.toLowerCase());
    if (!figures.length) {
      for (const label of labels) {
        const f = figureUnder(lines, k, label, decimal);
        if (f !== null) found.push({ index: lc.index, kind: kindOf(label.text)!, figures: [f], rightEdges: [label.x1], marks: [] });
      }
      return;
    }
    const text = fold(lc.line.text);
    if (/\b(opening|previous)\b.*\b(closing|new)\b/.test(text) && figures.length >= 2) {
      const n = figures.length - 1;
      found.push({ index: lc.index, kind: 'opening', figures: [figures[0]!], rightEdges: [rightEdges[0]!], marks }, { index: lc.index, kind: 'closing', figures: [figures[n]!], rightEdges: [rightEdges[n]!], marks });
    } else found.push({ index: lc.index, kind: kindOf(labels[0]!.text)!, figures, rightEdges, marks });
  });
  return found;
}

/** Whether a line's own text is a balance line (such a line is never a transaction). */
export function isBalanceText(text: string): boolean {
  return kindOf(text) !== null;
}
