import { createHash } from 'node:crypto';
import { z } from 'zod';
import { FinchError } from '../../../errors/index.js';
import { isDateCell } from '../../tables/profile.js';
import type { ColumnRoles } from '../../tables/types.js';

const columnRef = z.union([z.number().int().nonnegative(), z.string().min(1)]);

/** Which columns hold what. Header names (not positions) are saved, so a reordered export still maps. */
export const csvMappingSchema = z
  .object({
    date: columnRef,
    description: z.array(columnRef).default([]),
    amount: columnRef.optional(),
    debit: columnRef.optional(),
    credit: columnRef.optional(),
    balance: columnRef.optional(),
    reference: columnRef.optional(),
    /** A column saying debit/credit (Dr/Cr, "S"/"H") for unsigned amounts. */
    direction: columnRef.optional(),
    dateOrder: z.enum(['dmy', 'mdy', 'ymd']).optional(),
    decimal: z.enum(['.', ',']).optional(),
    /** Flip every sign: card exports that print charges as positive numbers. */
    invert: z.boolean().optional(),
    delimiter: z.string().max(1).optional(),
  })
  .refine((m) => m.amount !== undefined || m.debit !== undefined || m.credit !== undefined, 'a mapping needs an amount column, or debit/credit columns');
export type CsvMapping = z.infer<typeof csvMappingSchema>;

/** A saved mapping as the pipeline hands it to the reader. */
export interface SavedCsvMapping {
  fingerprint: string;
  /** Checked against csvMappingSchema when it applies. */
  mapping: unknown;
}

const norm = (s: string) => s.replace(/^#/, '').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * A layout's identity: the header row's cells (case and spacing ignored), or for a header-less
 * file its width and delimiter. The header is the first row of the file's common width whose
 * cells are mostly words and hold no date.
 */
export function layoutOf(rows: string[][], delimiter: string): { fingerprint: string; header: number | null; cells: string[] } {
  const widthOf = (r: string[]) => {
    let n = r.length;
    while (n > 0 && r[n - 1] === '') n--;
    return n;
  };
  const counts = new Map<number, number>();
  for (const r of rows) if (widthOf(r) >= 2) counts.set(widthOf(r), (counts.get(widthOf(r)) ?? 0) + 1);
  const width = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
  const header = rows.slice(0, 60).findIndex((r) => {
    const cells = r.filter(Boolean);
    return widthOf(r) >= width * 0.6 && widthOf(r) <= width + 1 && cells.length >= 2 && !cells.some(isDateCell) && cells.filter((c) => /\p{L}/u.test(c)).length >= cells.length * 0.6;
  });
  if (header < 0) return { fingerprint: `n:${width}:${delimiter === '\t' ? 'tab' : delimiter}`, header: null, cells: [] };
  const cells = rows[header]!.slice(0, Math.max(width, widthOf(rows[header]!)));
  const hash = createHash('sha256').update(cells.map(norm).join('\u001f')).digest('hex').slice(0, 16);
  return { fingerprint: `h:${hash}`, header, cells };
}

/** Resolves a mapping's column names or numbers against a header row to 0-based indexes. */
export function resolveRoles(mapping: CsvMapping, header: string[]): Partial<ColumnRoles> & { date: number } {
  const at = (ref: string | number | undefined, what: string): number | undefined => {
    if (ref === undefined) return undefined;
    if (typeof ref === 'number') return ref;
    const i = header.findIndex((h) => norm(h) === norm(ref));
    if (i < 0) throw new FinchError('INVALID_INPUT', `the mapping's ${what} column "${ref}" is not in this file's header (${header.filter(Boolean).join(', ')})`);
    return i;
  };
  const roles: Partial<ColumnRoles> & { date: number } = { date: at(mapping.date, 'date')!, description: mapping.description.map((d) => at(d, 'description')!) };
  for (const k of ['amount', 'debit', 'credit', 'balance', 'direction', 'reference'] as const) {
    const i = at(mapping[k], k);
    if (i !== undefined) roles[k] = i;
  }
  return roles;
}

/** The saved-mapping form of what was read: header names where there is a header. */
export function mappingFrom(roles: ColumnRoles, header: string[], extra: Pick<CsvMapping, 'dateOrder' | 'decimal' | 'invert' | 'delimiter'>): CsvMapping {
  const ref = (i: number | undefined) => (i === undefined ? undefined : header[i] ? header[i]! : i);
  const m: Record<string, unknown> = { date: ref(roles.date), description: roles.description.map((i) => ref(i)!) };
  for (const k of ['amount', 'debit', 'credit', 'balance', 'direction', 'reference'] as const) if (roles[k] !== undefined) m[k] = ref(roles[k]);
  return { ...(m as CsvMapping), ...extra };
}
