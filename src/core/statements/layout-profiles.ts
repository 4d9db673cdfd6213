/**
 * Layout profiles in storage: `finch statement fix` saves what a correction says about a statement's
 * layout under its fingerprint; every later statement with that fingerprint is read with it.
 */
import { nowIso } from '../calendar/index.js';
import type { Ctx } from '../db/index.js';
import { FinchError } from '../errors/index.js';
import { resolveFile } from './files.js';
import type { FileStore } from './file-store.js';
import { COLUMN_ROLES, type ColumnRole, layoutFingerprint, type LayoutProfile, withCorrection } from './system-parser/index.js';
import type { ExtractedDocument, ParsedStatement } from './types.js';

export interface LayoutCorrection {
  /** money column number (1 = leftmost) → role */
  columns?: Record<string, ColumnRole>;
  /** printed lines (as shown in the comparison) that are not rows */
  notRows?: string[];
}

export async function layoutProfileFor(ctx: Ctx, doc: ExtractedDocument): Promise<LayoutProfile | null> {
  const row = await ctx.db.selectFrom('layout_profiles').select('profile_json').where('user_id', '=', ctx.userId).where('fingerprint', '=', layoutFingerprint(doc)).executeTakeFirst();
  return row ? (JSON.parse(row.profile_json) as LayoutProfile) : null;
}

/** "2=balance" → ['2', 'balance'], checked. */
export function parseColumnRole(spec: string): [string, ColumnRole] {
  const m = /^(\d+)\s*=\s*([a-z]+)$/i.exec(spec.trim());
  const role = m?.[2]!.toLowerCase() as ColumnRole | undefined;
  if (!m || !role || !COLUMN_ROLES.includes(role) || Number(m[1]) < 1) throw new FinchError('INVALID_INPUT', `--column wants N=ROLE with ROLE one of ${COLUMN_ROLES.join(', ')} (got "${spec}")`);
  return [String(Number(m[1])), role];
}

/**
 * Saves a correction for a stored PDF statement's layout and reads the statement again with it.
 * The profile is keyed by the layout fingerprint, so the bank's later statements use it too.
 */
export async function fixLayout(ctx: Ctx, store: FileStore, id: string, correction: LayoutCorrection): Promise<{ fingerprint: string; profile: LayoutProfile; statement: ParsedStatement }> {
  const file = await resolveFile(ctx, id);
  if (file.format !== 'pdf') throw new FinchError('INVALID_INPUT', `statement ${id} is ${file.format.toUpperCase()}: layout corrections are for PDF statements`);
  const { extractPdf, parseDocument } = await import('./pdf-statement.js');
  const doc = await extractPdf(new Uint8Array(store.get(file.sha256)), { filename: file.filename, ocr: true });
  const fingerprint = layoutFingerprint(doc);
  const existing = (await layoutProfileFor(ctx, doc)) ?? { fingerprint, columns: {}, notRows: [] };
  const profile = withCorrection(existing, correction);
  const now = nowIso();
  await ctx.db
    .insertInto('layout_profiles')
    .values({ user_id: ctx.userId, fingerprint, profile_json: JSON.stringify(profile), created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'fingerprint']).doUpdateSet({ profile_json: JSON.stringify(profile), updated_at: now }))
    .execute();
  return { fingerprint, profile, statement: parseDocument(doc, { profile }) };
}
