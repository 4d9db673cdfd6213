/**
 * Propose table readings and rank them by evidence. A reading is: which money column (if any) is the
 * running balance, and how the others give a signed amount (signs.ts). Every reading is tried; the
 * balances decide (scoring.ts). Column titles are not needed; nothing is special to a bank.
 */
import type { CalendarDate } from '../../../calendar/index.js';
import { lineShape } from '../profile.js';
import type { BalanceLine } from './balances.js';
import type { LineCells } from './cells.js';
import { columnTitles, hintOf, type TitleHint } from './headers.js';
import { directionWords, type MoneyColumn, moneyColumns } from './columns.js';
import { type CandidateRow, candidateRows, type DateContext } from './rows.js';
import { chain, type ChainResult, reconcile, scoreOf } from './scoring.js';
import { type AmountRule, amountOf, columnsOf, rulesFor, signedPrinted } from './signs.js';

export interface ReadRow {
  row: CandidateRow;
  amount: number;
  balance: number | null;
  status: ChainResult['status'][number];
  /** the balance before this row, as the chain had it */
  before: number | null;
  description: string;
}

export interface Reading {
  rule: AmountRule;
  balanceCol: number | null;
  columns: MoneyColumn[];
  rows: ReadRow[];
  /** lines read as rows by position but left out: their balance did not move */
  informational: number[];
  opening: number | null;
  closing: number | null;
  reconciled: boolean | null;
  passes: number;
  breaks: number;
  score: number;
}

export interface ReadingOptions extends DateContext {
  decimal: '.' | ',';
  /** shapes (profile.ts lineShape) of lines a correction said are not rows */
  notRowShapes?: ReadonlySet<string>;
  /** The statement calls itself a card's (in any of the major languages): charges print unmarked. */
  cardLike?: boolean;
  /** a correction's roles by money column (left to right), which pins the reading */
  pinned?: { balanceCol: number | null; rule: AmountRule };
}

const hasLetters = (s: string) => /\p{L}{2}/u.test(s);

function description(row: CandidateRow, skipWord: string | null): string {
  const own = row.text.map((c) => c.text).filter((t) => hasLetters(t) && t.toLowerCase() !== skipWord);
  return [...own, ...row.descriptionParts].join(' ').replace(/\s+/g, ' ').trim();
}

/** A balance figure's sign under a rule: printed in the debit column, or beside the "out" word, it is below zero. */
function sideOf(rule: AmountRule, cols: readonly MoneyColumn[], b: BalanceLine, k: number): number {
  if (rule.kind === 'pair') {
    const debit = cols[rule.debit]!;
    const credit = cols[rule.credit]!;
    const x = b.rightEdges[k]!;
    if (Math.abs(x - debit.x1) < Math.abs(x - credit.x1) && Math.abs(x - debit.x1) <= 8) return -1;
  }
  if (rule.kind === 'direction' && b.marks.includes(rule.outWord)) return -1;
  return 1;
}

/** Candidate figures for the opening (first balance line) and closing (last), last figure first. */
function printedBalances(balances: readonly BalanceLine[], rule: AmountRule, cols: readonly MoneyColumn[]): { openings: number[]; closings: number[] } {
  const flip = rule.kind === 'card' ? -1 : 1;
  const opening = balances.find((b) => b.kind === 'opening') ?? balances.find((b) => b.kind === 'either');
  const closing = [...balances].reverse().find((b) => b.kind === 'closing') ?? [...balances].reverse().find((b) => b.kind === 'either' && b !== opening);
  const order = (b: BalanceLine | undefined) => (b ? b.figures.map((f, k) => f * flip * sideOf(rule, cols, b, k)).reverse() : []);
  return { openings: order(opening), closings: order(closing) };
}

/**
 * Rows printed without a date that break opening + rows = closing — a printed total, a summary line
 * in the amount column — are left out when leaving them out (all, or one) makes the rows reconcile.
 */
function dropToReconcile<T extends { amount: number; row: CandidateRow }>(rows: readonly T[], openings: readonly number[], closings: readonly number[]): T[] | null {
  const undated = rows.filter((r) => r.row.dateNote?.startsWith('no date printed'));
  if (!undated.length) return null;
  const total = rows.reduce((a, r) => a + r.amount, 0);
  const fits = (drop: readonly T[]) => reconcile(openings, closings, total - drop.reduce((a, r) => a + r.amount, 0)).reconciled === true;
  if (fits(undated)) return undated;
  return undated.find((u) => fits([u])) ? [undated.find((u) => fits([u]))!] : null;
}

/** How well the titles over the columns agree with the roles a reading gives them. */
function titlePrior(rule: AmountRule, balanceCol: number | null, hints: readonly TitleHint[]): number {
  let p = 0;
  const agree = (col: number, want: TitleHint) => (hints[col] === want ? 2 : hints[col] && hints[col] !== 'amount' ? -2 : 0);
  if (balanceCol !== null) p += agree(balanceCol, 'balance');
  if (rule.kind === 'pair') p += agree(rule.debit, 'out') + agree(rule.credit, 'in') + (rule.debit < rule.credit ? 0.5 : 0);
  return p;
}

function evaluate(rule: AmountRule, balanceCol: number | null, cols: MoneyColumn[], cands: readonly CandidateRow[], balances: readonly BalanceLine[], dir: ReturnType<typeof directionWords>, cardLike: boolean, hints: readonly TitleHint[]): Reading {
  const flip = rule.kind === 'card' ? -1 : 1;
  const read = cands
    .map((row) => {
      const amount = amountOf(rule, row.money, dir?.at.get(row.lineIndexes[0]!));
      const bal = balanceCol === null ? undefined : row.money.get(balanceCol);
      return { row, amount, balance: bal ? signedPrinted(bal) * flip : null };
    })
    .filter((r): r is { row: CandidateRow; amount: number; balance: number | null } => r.amount !== null);
  const { openings, closings } = printedBalances(balances, rule, cols);
  const first = read[0];
  const derived = first && first.balance !== null ? first.balance - first.amount : null;
  // the chain starts from the printed opening that the first row follows, else the first printed
  // one (so a first row that breaks it is caught), else from the first row itself
  const start = openings.find((o) => first && first.balance !== null && o + first.amount === first.balance) ?? openings[0] ?? derived ?? null;
  const c = chain(read, start);
  // a first row checked only against an opening worked out from itself is not verified
  if (start === derived && c.status[0] === 'verified' && !openings.includes(derived!)) {
    c.status[0] = 'unverified';
    c.passes--;
  }
  let kept = read.map((r, i) => ({ ...r, status: c.status[i]!, before: c.before[i]! })).filter((r) => r.status !== 'informational');
  const informational = read.filter((_, i) => c.status[i] === 'informational').map((r) => r.row.lineIndexes[0]!);
  const last = kept[kept.length - 1];
  const allOpenings = derived !== null ? [...openings, derived] : openings;
  const allClosings = last?.balance != null ? [...closings, last.balance] : closings;
  let rec = reconcile(allOpenings, allClosings, kept.reduce((a, r) => a + r.amount, 0));
  // with no balance printed outside the table, only the running balance can vouch for the rows
  if (!openings.length && !closings.length && rec.reconciled === true) rec = c.breaks === 0 && c.passes >= 2 ? rec : { opening: null, closing: null, reconciled: null };
  if (rec.reconciled === false && balanceCol === null) {
    const dropped = dropToReconcile(kept, allOpenings, allClosings);
    if (dropped) {
      informational.push(...dropped.map((r) => r.row.lineIndexes[0]!));
      kept = kept.filter((r) => !dropped.includes(r));
      rec = reconcile(allOpenings, allClosings, kept.reduce((a, r) => a + r.amount, 0));
    }
  }
  const rows = kept.map((r) => ({ ...r, description: description(r.row, rule.kind === 'direction' ? (dir?.at.get(r.row.lineIndexes[0]!) ?? null) : null) }));
  // priors, for readings the balances cannot tell apart (every sign flipped reconciles too): a card
  // statement prints charges unmarked; and most rows of any statement are money out
  const prior = (rule.kind === 'card' ? (cardLike ? 3 : -3) : 0) + titlePrior(rule, balanceCol, hints);
  const score = scoreOf({ reconciled: rec.reconciled, passes: c.passes, breaks: c.breaks, rows: rows.length, informational: informational.length, prior });
  return { rule, balanceCol, columns: cols, rows, informational, ...rec, passes: c.passes, breaks: c.breaks, score };
}

/** The day a first row without its own date belongs to, when no dated line comes before it. */
const startDate = (ctx: DateContext): CalendarDate | null => ctx.period?.start ?? null;

/** Every reading of these lines, best first. */
export function proposeReadings(lines: readonly LineCells[], balances: readonly BalanceLine[], options: ReadingOptions): Reading[] {
  const usable = options.notRowShapes ? lines.filter((l) => !options.notRowShapes!.has(lineShape(l.line.text))) : lines;
  const tolerance = usable.some((l) => l.line.words.length && l.line.words[0]!.height > 12) ? 8 : 4;
  const cols = moneyColumns(usable, options.decimal, options.order, tolerance)
    .sort((a, b) => b.cells.size - a.cells.size)
    .slice(0, 5)
    .sort((a, b) => a.x1 - b.x1);
  if (!cols.length) return [];
  const cands = candidateRows(usable, cols, options, startDate(options));
  if (!cands.length) return [];
  const dir = directionWords(usable, new Set(cands.map((r) => r.lineIndexes[0]!)), Math.min(...cols.map((c) => c.x0)));
  const hints = columnTitles(usable, cols, cands[0]!.lineIndexes[0]!).map(hintOf);
  const readings: Reading[] = [];
  if (options.pinned) return [evaluate(options.pinned.rule, options.pinned.balanceCol, cols, cands, balances, dir, options.cardLike ?? false, hints)];
  const indices = cols.map((_, i) => i);
  for (const balanceCol of [null, ...indices]) {
    const amountCols = indices.filter((i) => i !== balanceCol);
    for (const rule of rulesFor(amountCols, dir?.words ?? null)) {
      if (balanceCol !== null && columnsOf(rule).includes(balanceCol)) continue;
      readings.push(evaluate(rule, balanceCol, cols, cands, balances, dir, options.cardLike ?? false, hints));
    }
  }
  return readings.sort((a, b) => b.score - a.score);
}
