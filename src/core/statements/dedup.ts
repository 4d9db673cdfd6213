import { createHash } from 'node:crypto';
import type { Ctx } from '../db/index.js';
import { accountEntriesBetween } from '../ledger/index.js';
import { type CalendarDate, addDays, daysBetween } from '../calendar/index.js';

/** How far apart the ledger's date and the statement's may be for the same transaction. */
export const DATE_WINDOW_DAYS = 3;

export interface Candidate {
  date: CalendarDate;
  amountMinor: number;
  description: string;
  importKey: string | null;
}

export interface ExistingTx {
  id: string;
  date: string;
  amount_minor: number;
  description: string;
  import_key: string | null;
  source_ref: string | null;
}

const STOP = new Set(['the', 'and', 'pos', 'card', 'payment', 'purchase', 'debit', 'credit', 'ref', 'txn', 'trf', 'to', 'from', 'of', 'at']);

export function tokens(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .split(' ')
      .filter((t) => t.length > 1 && !STOP.has(t) && !/^\d+$/.test(t)),
  );
}

/** The numbers in a text that can name one transaction: references, invoice and order numbers. */
function references(text: string): Set<string> {
  return new Set(text.match(/\d{3,}/g) ?? []);
}

/**
 * 0..1: shared words over all words, with "one contains the other" counting as a match. Two texts
 * that both carry reference numbers and share none are different transactions (0), however alike
 * their words: "TESCO STORES 1234" is not "TESCO STORES 5678".
 */
export function similarity(a: string, b: string): number {
  const x = a.toLowerCase().replace(/\s+/g, ' ').trim();
  const y = b.toLowerCase().replace(/\s+/g, ' ').trim();
  if (x === y) return 1;
  const rx = references(x);
  const ry = references(y);
  if (rx.size && ry.size && ![...rx].some((n) => ry.has(n))) return 0;
  if (x.length >= 4 && y.length >= 4 && (x.includes(y) || y.includes(x))) return 0.9;
  const ta = tokens(x);
  const tb = tokens(y);
  if (ta.size === 0 || tb.size === 0) return 0;
  let common = 0;
  for (const t of ta) if (tb.has(t)) common++;
  return common / (ta.size + tb.size - common);
}

/**
 * The ledger rows of an account around a statement's dates: one indexed range query per file
 * (user, account, date), however many rows the statement has.
 */
export async function existingAround(ctx: Ctx, accountId: string, dates: CalendarDate[]): Promise<ExistingTx[]> {
  if (dates.length === 0) return [];
  const sorted = [...dates].sort();
  const from = addDays(sorted[0]!, -DATE_WINDOW_DAYS);
  const to = addDays(sorted[sorted.length - 1]!, DATE_WINDOW_DAYS);
  // Through the ledger's read side: the amount is what moved in the account, as the bank saw it.
  return (await accountEntriesBetween(ctx, accountId, from, to)).map((r) => ({ ...r, date: r.date as CalendarDate }));
}

/**
 * Decides for each candidate whether the ledger already holds it: the same import key, or the same
 * amount within the date window with a similar description. Matching is one to one, so two real
 * coffees on one day both survive when the ledger has one.
 */
export function matchExisting(candidates: readonly Candidate[], existing: readonly ExistingTx[]): Array<ExistingTx | null> {
  const byKey = new Map<string, ExistingTx>();
  const byAmount = new Map<number, ExistingTx[]>();
  for (const e of existing) {
    if (e.import_key) byKey.set(e.import_key, e);
    const list = byAmount.get(e.amount_minor) ?? [];
    list.push(e);
    byAmount.set(e.amount_minor, list);
  }
  const used = new Set<string>();
  const out: Array<ExistingTx | null> = candidates.map(() => null);
  // Exact keys first, so a fuzzy match never steals a row another candidate owns by key.
  candidates.forEach((c, i) => {
    const hit = c.importKey ? byKey.get(c.importKey) : undefined;
    if (hit && !used.has(hit.id)) {
      used.add(hit.id);
      out[i] = hit;
    }
  });
  candidates.forEach((c, i) => {
    if (out[i]) return;
    let best: { e: ExistingTx; score: number } | null = null;
    for (const e of byAmount.get(c.amountMinor) ?? []) {
      if (used.has(e.id)) continue;
      const gap = Math.abs(daysBetween(c.date, e.date as CalendarDate));
      if (gap > DATE_WINDOW_DAYS) continue;
      const sim = similarity(c.description, e.description);
      // Same day and same amount is strong on its own; further apart needs the words to agree.
      const score = sim + (gap === 0 ? 0.5 : 0) - gap * 0.05;
      const enough = gap === 0 ? sim >= 0.2 || c.description.length < 4 : sim >= 0.4;
      if (enough && (!best || score > best.score)) best = { e, score };
    }
    if (best) {
      used.add(best.e.id);
      out[i] = best.e;
    }
  });
  return out;
}

/** Descriptions longer than this are keyed by their SHA-256 (the whole hash: an index entry stays small). */
const LONG_KEY_TEXT = 200;

export interface KeyedRow {
  date: string;
  amountMinor: number;
  description: string;
  /** A stable id the source printed (OFX FITID, a reference column). */
  reference?: string;
}

/**
 * Import keys for a statement's rows, unique within an account (the database enforces it). A row
 * is keyed by what it says, not by where it sits in the file, so the same row in an overlapping
 * statement gets the same key: the printed reference when there is one, else date, amount and the
 * whole description. The n-th of several identical rows gets #n, so two 4.50 coffees on one day
 * stay two transactions, and a later statement that shows both matches both.
 */
export function importKeys(format: string, rows: readonly KeyedRow[]): string[] {
  const seen = new Map<string, number>();
  return rows.map((r) => {
    let base: string;
    if (r.reference) base = `${format}:${r.reference}`;
    else {
      const text = r.description.replace(/\s+/g, ' ').trim();
      const words = text.length > LONG_KEY_TEXT ? `sha256:${createHash('sha256').update(text).digest('hex')}` : text;
      base = `row:${r.date}:${r.amountMinor}:${words}`;
    }
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return `${base}#${n}`;
  });
}
