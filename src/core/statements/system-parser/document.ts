/**
 * The system parser: propose readings, verify them, keep the best. The header-driven reading
 * (parse.ts) is one proposal; the content-driven readings (readings/) are the others. Whichever
 * reconciles wins; when none does, the one with the most rows chained by the running balance is kept
 * and the statement says it could not be verified.
 */
import type { ExtractedDocument, ParsedStatement, StatementSection } from '../types.js';
import { parseByHeaders } from './parse.js';
import { learnDateOrder, learnDecimalMark } from './tokens.js';
import { balanceLines } from './readings/balances.js';
import { allCells, learnDecimalFromCells, type LineCells } from './readings/cells.js';
import { proposeReadings, type Reading, type ReadingOptions } from './readings/readings.js';
import { chain } from './readings/scoring.js';
import { splitSections } from './readings/sections.js';
import { chainBreakReason, type Money, readingStatement, readingWarnings, rowConfidence, toParsedRows } from './readings/statement.js';
import type { LayoutProfile } from './profile.js';
import { applyProfile } from './profile.js';

export interface ParseOptions {
  /** A layout learned from a correction of this bank's statements. */
  profile?: LayoutProfile | null;
}

/** Words a card statement calls itself by, in the major European languages. */
const CARD_WORDS = /\b(credit card|card statement|card number|mastercard|visa|amex|american express|kreditkarte|karte|kartenabrechnung|carte|tarjeta|carta di credito|creditcard|kaart|minimum (payment|due)|payment due|credit limit)\b/i;

const money: Money = { fmt: (minor) => `${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}` };
const minorOf = (s: string) => Math.round(Number(s) * 100);

function readingOptions(doc: ExtractedDocument, base: ParsedStatement, profile: LayoutProfile | null | undefined): ReadingOptions {
  const text = doc.lines.map((l) => l.text).join('\n');
  const order = learnDateOrder(text, base.currency === 'USD' ? 'mdy' : 'dmy');
  const fallbackYear = base.period ? Number(base.period.end.slice(0, 4)) : new Date().getUTCFullYear();
  const decimal = learnDecimalFromCells(allCells(doc.lines), order) ?? learnDecimalMark(text);
  return { decimal, order, period: base.period, fallbackYear, cardLike: CARD_WORDS.test(text), ...applyProfile(profile) };
}

function readAll(lines: readonly LineCells[], options: ReadingOptions): Reading | null {
  return proposeReadings(lines, balanceLines(lines, options.decimal), options)[0] ?? null;
}

/** The content-driven reading of the whole statement, or of each account section in it. */
export function proposeStatement(doc: ExtractedDocument, base: ParsedStatement, profile?: LayoutProfile | null): ParsedStatement | null {
  const lines = allCells(doc.lines);
  const options = readingOptions(doc, base, profile);
  const whole = readAll(lines, options);
  const balances = balanceLines(lines, options.decimal);
  const sections = splitSections(lines, balances);
  if (sections.length > 1) {
    const read = sections.map((s) => ({ s, r: readAll(lines.slice(s.from, s.to), options) }));
    const rows = read.reduce((a, x) => a + (x.r?.rows.length ?? 0), 0);
    if (read.every((x) => x.r && x.r.reconciled === true) && (whole?.reconciled !== true || rows > whole.rows.length)) {
      const transactions = read.flatMap((x) => toParsedRows(x.r!, doc.lines, money));
      return {
        ...base,
        openingBalance: null,
        closingBalance: null,
        reconciled: true,
        transactions,
        sections: sectionsOf(read.map((x) => ({ accountNumber: x.s.accountNumber, rows: x.r!.rows.length, opening: money.fmt(x.r!.opening!), closing: money.fmt(x.r!.closing!) })), base.currency),
        warnings: [],
      };
    }
  }
  if (!whole) return null;
  const st = readingStatement(base, whole, doc.lines, money);
  cardReadings.add(st);
  if (whole.rule.kind !== 'card') cardReadings.delete(st);
  return st;
}

/** Proposals read with the card convention (charges unmarked), which alone may overturn a reconciled header reading. */
const cardReadings = new WeakSet<ParsedStatement>();

/** Rows of a statement whose running balance chains, counted the same way for every proposal. */
function chained(st: ParsedStatement): number {
  const rows = st.transactions.map((t) => ({ amount: minorOf(t.amount), balance: t.balance == null ? null : minorOf(t.balance) }));
  return chain(rows, st.openingBalance === null ? null : minorOf(st.openingBalance)).passes;
}

/** The header-driven reading, with confidences that say what the balances verified. */
function calibrated(st: ParsedStatement): ParsedStatement {
  const forward = st.transactions.map((t) => ({ amount: minorOf(t.amount), balance: t.balance == null ? null : minorOf(t.balance) }));
  const opening = st.openingBalance === null ? null : minorOf(st.openingBalance);
  // rows printed newest first chain from the bottom up
  const [fwd, back] = [chain(forward, opening), chain([...forward].reverse(), opening)];
  const newestFirst = back.passes > fwd.passes;
  const rows = newestFirst ? [...forward].reverse() : forward;
  const walked = newestFirst ? back : fwd;
  const at = (i: number) => (newestFirst ? forward.length - 1 - i : i);
  const c = { ...walked, status: forward.map((_, i) => walked.status[at(i)]!), before: forward.map((_, i) => walked.before[at(i)]!) };
  void rows;
  const transactions = st.transactions.map((t, i) => {
    const status = c.status[i] === 'informational' ? 'broken' : c.status[i]!;
    const row = forward[i]!;
    const before = c.before[i];
    const mend = status === 'broken' && before != null && row.balance !== null ? [chainBreakReason(row.amount, row.balance, before, money)] : [];
    const reviewReasons = [...(t.reviewReasons ?? []), ...mend];
    return { ...t, confidence: Math.min(t.confidence, rowConfidence(status, st.reconciled, undefined)), ...(reviewReasons.length ? { reviewReasons } : {}) };
  });
  const warnings = [...st.warnings];
  if (st.reconciled === null && !warnings.some((w) => /unverified|no transaction table/.test(w))) warnings.push('no opening and closing balance to check the rows against: rows are unverified');
  return { ...st, transactions, warnings };
}

/**
 * The same rows with every sign the other way: both readings reconcile (balances flip with them), so
 * only the priors can choose, and the proposal weighed them (card words, most rows money out).
 */
function flipped(a: ParsedStatement, b: ParsedStatement): boolean {
  if (a.transactions.length !== b.transactions.length || !a.transactions.length) return false;
  const opposite = a.transactions.filter((t, i) => minorOf(t.amount) === -minorOf(b.transactions[i]!.amount)).length;
  return opposite >= a.transactions.length * 0.8;
}

export function parseDocument(doc: ExtractedDocument, options: ParseOptions = {}): ParsedStatement {
  const byHeaders = parseByHeaders(doc);
  // the header reading reconciled and nothing calls the statement a card's (where every sign flipped
  // reconciles as well): there is nothing for another reading to win
  if (byHeaders.reconciled === true && !options.profile && !CARD_WORDS.test(doc.rawText)) return calibrated(byHeaders);
  const proposed = proposeStatement(doc, byHeaders, options.profile);
  if (options.profile && proposed) return { ...proposed, layoutProfile: options.profile.fingerprint };
  if (byHeaders.reconciled === true && proposed?.reconciled === true && cardReadings.has(proposed) && flipped(byHeaders, proposed)) return proposed;
  if (byHeaders.reconciled === true || !proposed) return calibrated(byHeaders);
  if (proposed.reconciled === true) return proposed;
  // neither verifies: keep the one the running balance supports more, and say so
  const best = chained(proposed) > chained(byHeaders) ? proposed : calibrated(byHeaders);
  const warnings = best.warnings.length ? best.warnings : readingWarnings({ reconciled: best.reconciled, opening: null, closing: null, breaks: 0, rows: [] }, money);
  return { ...best, warnings };
}

/** Sections in row order: each one's slice of the statement's rows, its number and balances. */
function sectionsOf(parts: Array<{ accountNumber: string | null; rows: number; opening: string; closing: string }>, currency: StatementSection['currency']): StatementSection[] {
  let next = 0;
  return parts.map((p) => {
    const firstRow = next;
    next += p.rows;
    return { accountNumber: p.accountNumber, currency, firstRow, lastRow: next - 1, openingBalance: p.opening, closingBalance: p.closing, reconciled: true };
  });
}
