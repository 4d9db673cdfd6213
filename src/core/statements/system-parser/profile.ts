/**
 * A layout profile: what one correction taught about a bank's statements (which money column holds
 * what, which printed lines are not rows), keyed by the statement's layout fingerprint so the bank's
 * later statements are read the same way.
 */
import { createHash } from 'node:crypto';
import type { ExtractedDocument } from '../types.js';
import type { AmountRule } from './readings/signs.js';

/** Roles a money column can be given (`finch statement fix ID --column N=ROLE`). */
export const COLUMN_ROLES = ['amount', 'charge', 'debit', 'credit', 'balance', 'ignore'] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

export interface LayoutProfile {
  fingerprint: string;
  /** money column number (1 = leftmost) → role */
  columns: Record<string, ColumnRole>;
  /** shapes of lines that are not rows (digits as #) */
  notRows: string[];
}

/** A line's shape: its words with every digit as #, so next month's line of the same kind matches. */
export const lineShape = (text: string) => text.replace(/\d/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The layout fingerprint: the statement's top lines (bank name, document title; digits ignored) and
 * page count class. The same bank's statements share it; another bank's do not.
 */
export function layoutFingerprint(doc: ExtractedDocument): string {
  const top = doc.lines
    .filter((l) => l.page === 1)
    .slice(0, 3)
    .map((l) => lineShape(l.text).replace(/#+/g, '#'))
    .join('\n');
  return createHash('sha256').update(top).digest('hex').slice(0, 16);
}

/** The reading a profile pins: the balance column and the amount rule its roles name. */
export function pinnedReading(profile: LayoutProfile): { balanceCol: number | null; rule: AmountRule } | null {
  const byRole = (role: ColumnRole) => Object.entries(profile.columns).filter(([, r]) => r === role).map(([n]) => Number(n) - 1);
  const [balance] = byRole('balance');
  const [debit] = byRole('debit');
  const [credit] = byRole('credit');
  const [amount] = byRole('amount');
  const [charge] = byRole('charge');
  const balanceCol = balance ?? null;
  if (debit !== undefined && credit !== undefined) return { balanceCol, rule: { kind: 'pair', debit, credit } };
  if (amount !== undefined) return { balanceCol, rule: { kind: 'printed', col: amount } };
  if (charge !== undefined) return { balanceCol, rule: { kind: 'card', col: charge } };
  return null;
}

export function applyProfile(profile: LayoutProfile | null | undefined): { pinned?: { balanceCol: number | null; rule: AmountRule }; notRowShapes?: ReadonlySet<string> } {
  if (!profile) return {};
  const pinned = pinnedReading(profile);
  return { ...(pinned ? { pinned } : {}), ...(profile.notRows.length ? { notRowShapes: new Set(profile.notRows) } : {}) };
}

/** A profile with one more correction applied. */
export function withCorrection(profile: LayoutProfile, correction: { columns?: Record<string, ColumnRole>; notRows?: string[] }): LayoutProfile {
  return {
    fingerprint: profile.fingerprint,
    columns: { ...profile.columns, ...(correction.columns ?? {}) },
    notRows: [...new Set([...profile.notRows, ...(correction.notRows ?? []).map(lineShape)])],
  };
}
