import { inTransaction, parseJson, type Ctx, type Database, type MergeStatus, type UploadStatus } from '../db/index.js';
import { FinchError, notFound } from '../errors/index.js';
import { nowIso } from '../calendar/index.js';
import { minorToDecimal, type CurrencyCode } from '../money/index.js';
import { addTransactions, deleteTransactionsFromSource, getAccount } from '../ledger/index.js';
import type { CalendarDate } from '../calendar/index.js';
import type { ParsedRow, ParsedStatement } from './types.js';
import { rowToInput, type Categorize, type UnreadRowReport } from './pipeline.js';
import { readRows, saveRow, type StatementRow } from './statement-rows.js';

export interface StatementFile {
  id: string;
  filename: string;
  account: string | null;
  format: string;
  status: UploadStatus;
  error: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  created: number;
  skipped: number;
  review: number;
  sha256: string;
  sizeBytes: number;
  duplicateOf: string | null;
  createdAt: string;
}

/** What uploaded_files.parsed_json keeps: the statement's own facts. Its rows are statement_rows. */
interface Stored {
  statement: ParsedStatement;
  parser: string;
  ocr: boolean;
  pages: number;
}

/** A decimal for a stored amount: in the row's currency, else with two digits. */
export function rowAmount(r: Pick<StatementRow, 'amountMinor' | 'currency'>): string {
  if (r.amountMinor === null) return '';
  return r.currency ? minorToDecimal(r.amountMinor, r.currency as CurrencyCode) : (r.amountMinor / 100).toFixed(2);
}

function toParsedRow(r: StatementRow): ParsedRow {
  return {
    date: r.date as CalendarDate,
    description: r.description ?? '',
    amount: rowAmount(r),
    confidence: r.confidence,
    balance: r.balanceMinor === null ? null : rowAmount({ amountMinor: r.balanceMinor, currency: r.currency }),
    source: { page: r.page ?? 1, lineIndexes: r.lineIndexes, text: r.raw },
    ...(r.reasons.length ? { reviewReasons: r.reasons } : {}),
  };
}

export function unreadReport(r: StatementRow): UnreadRowReport {
  return { index: r.index, line: r.lineIndexes.length ? r.lineIndexes[0]! + 1 : null, text: r.raw, reason: r.reasons.join('; ') };
}

type FileRow = Database['uploaded_files'] & { account_name: string | null };

function toFile(r: FileRow): StatementFile {
  return {
    id: r.id,
    filename: r.filename,
    account: r.account_name,
    format: r.format,
    status: r.status,
    error: r.error,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    created: r.created_count,
    skipped: r.skipped_count,
    review: r.review_count,
    sha256: r.sha256,
    sizeBytes: Number(r.size_bytes),
    duplicateOf: r.duplicate_of,
    createdAt: r.created_at,
  };
}

function fileQuery(ctx: Ctx) {
  return ctx.db
    .selectFrom('uploaded_files as f')
    .leftJoin('accounts as a', 'a.id', 'f.account_id')
    .selectAll('f')
    .select('a.name as account_name')
    .where('f.user_id', '=', ctx.userId);
}

export async function listStatements(ctx: Ctx, options: { account?: string; status?: UploadStatus } = {}): Promise<StatementFile[]> {
  let q = fileQuery(ctx);
  if (options.account) q = q.where('f.account_id', '=', (await getAccount(ctx, options.account)).id);
  if (options.status) q = q.where('f.status', '=', options.status);
  return (await q.orderBy('f.created_at', 'desc').orderBy('f.id', 'desc').execute()).map(toFile);
}

/** By full id or a unique prefix of 6+ characters. */
export async function resolveFile(ctx: Ctx, idOrPrefix: string): Promise<FileRow> {
  const key = idOrPrefix.trim().toLowerCase();
  if (key.length < 6) throw new FinchError('INVALID_INPUT', `invalid statement id "${idOrPrefix}"`);
  const rows = await fileQuery(ctx).where('f.id', 'like', `${key}%`).limit(2).execute();
  if (rows.length === 0) throw notFound(`no statement ${idOrPrefix}`);
  if (rows.length > 1) throw new FinchError('INVALID_INPUT', `statement id prefix "${idOrPrefix}" is ambiguous`);
  return rows[0]!;
}

export async function showStatement(
  ctx: Ctx,
  id: string,
): Promise<StatementFile & { statement: ParsedStatement | null; unread: UnreadRowReport[]; parser: string | null; ocr: boolean; pages: number; merges: MergeSuggestion[] }> {
  const row = await resolveFile(ctx, id);
  const stored = parseJson<Stored | null>(row.parsed_json, null);
  const rows = await readRows(ctx, row.id);
  const read = rows.filter((r) => r.date !== null && r.amountMinor !== null && r.outcome !== 'unread');
  return {
    ...toFile(row),
    statement: stored ? { ...stored.statement, transactions: read.map(toParsedRow) } : null,
    unread: rows.filter((r) => r.outcome === 'unread').map(unreadReport),
    parser: stored?.parser ?? null,
    ocr: stored?.ocr ?? false,
    pages: stored?.pages ?? 0,
    merges: await mergesFor(ctx, row.id),
  };
}

export interface LogEntry {
  stage: string;
  status: string;
  ms: number;
  details: Record<string, unknown>;
  at: string;
}

export async function statementLog(ctx: Ctx, id: string): Promise<LogEntry[]> {
  const row = await resolveFile(ctx, id);
  const logs = await ctx.db.selectFrom('statement_logs').selectAll().where('user_id', '=', ctx.userId).where('file_id', '=', row.id).orderBy('id').execute();
  return logs.map((l) => ({ stage: l.stage, status: l.status, ms: l.execution_time_ms, details: parseJson(l.details_json, {}), at: l.created_at }));
}

export interface ComparisonRow {
  index: number;
  date: string;
  description: string;
  amount: string;
  confidence: number;
  /** 'not imported': read but not in the ledger (rejected by the person, or waiting for review). */
  outcome: 'created' | 'duplicate' | 'not imported' | 'unread';
  transactionId: string | null;
  /** The raw text lines the row was read from. */
  rawLines: string[];
  review: string[];
}

export interface Comparison {
  file: StatementFile;
  rawLines: string[];
  rows: ComparisonRow[];
  reconciliation: { opening: string | null; closing: string | null; reconciled: boolean | null };
  /** Everything a person should look at, one sentence each. */
  differences: string[];
}

function comparisonOutcome(r: StatementRow): ComparisonRow['outcome'] {
  if (r.outcome === 'needs_review' || r.outcome === 'rejected') return 'not imported';
  return r.outcome;
}

/** Lines every parsed row up with the raw text it came from, and lists what needs review. */
export async function compareStatement(ctx: Ctx, id: string): Promise<Comparison> {
  const row = await resolveFile(ctx, id);
  const stored = parseJson<Stored | null>(row.parsed_json, null);
  if (!stored) throw new FinchError('INVALID_INPUT', `statement ${row.id.slice(0, 13)} was not parsed (${row.status}${row.error ? `: ${row.error}` : ''})`);
  const rawLines = (row.raw_text ?? '').split(/\n/);
  const stRows = await readRows(ctx, row.id);
  const rows: ComparisonRow[] = stRows.map((r) => ({
    index: r.index,
    date: r.date ?? '',
    description: r.description ?? '',
    amount: rowAmount(r),
    confidence: r.confidence,
    outcome: comparisonOutcome(r),
    transactionId: r.outcome === 'created' || r.outcome === 'duplicate' ? r.transactionId : null,
    rawLines: r.raw ? r.raw.split('\n') : [],
    review: r.decision === 'accepted' || r.decision === 'edited' ? [] : r.reasons,
  }));
  const differences: string[] = [];
  const st = stored.statement;
  if (st.reconciled === false) differences.push(`opening ${st.openingBalance} + rows ≠ closing ${st.closingBalance}: some rows may be missing or misread`);
  for (const r of rows) {
    if (r.outcome === 'unread') differences.push(`row ${r.index + 1} could not be read (${r.review.join('; ')}): ${r.rawLines.join(' ')}`);
    else if (r.review.length) differences.push(`row ${r.index + 1} (${r.date} ${r.amount} ${r.description}): ${r.review.join('; ')}`);
  }
  const dupes = rows.filter((r) => r.outcome === 'duplicate').length;
  if (dupes) differences.push(`${dupes} row${dupes === 1 ? ' was' : 's were'} already in the ledger and skipped`);
  for (const w of st.warnings ?? []) differences.push(w);
  return { file: toFile(row), rawLines, rows, reconciliation: { opening: st.openingBalance, closing: st.closingBalance, reconciled: st.reconciled }, differences };
}

export interface MergeSuggestion {
  id: string;
  fileId: string;
  otherFileId: string;
  status: MergeStatus;
  details: Record<string, unknown>;
  createdAt: string;
}

export async function mergesFor(ctx: Ctx, fileId?: string): Promise<MergeSuggestion[]> {
  let q = ctx.db.selectFrom('statement_merges').selectAll().where('user_id', '=', ctx.userId);
  if (fileId) q = q.where((eb) => eb.or([eb('file_id', '=', fileId), eb('other_file_id', '=', fileId)]));
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map((m) => ({ id: m.id, fileId: m.file_id, otherFileId: m.other_file_id, status: m.status, details: parseJson(m.details_json, {}), createdAt: m.created_at }));
}

export type MergeAction = 'merge' | 'keep-both' | 'delete-old';

/**
 * Resolves a merge suggestion for a statement that overlaps an older one:
 * - merge: keep one copy of each transaction (what the import already did);
 * - keep-both: the repeated rows are real, separate transactions: create them too;
 * - delete-old: the new statement replaces the old one: the old one's transactions are deleted
 *   and the new statement's repeated rows are created in their place.
 */
export async function resolveMerge(ctx: Ctx, statementId: string, action: MergeAction, categorize: Categorize): Promise<{ action: MergeAction; created: number; deleted: number }> {
  const file = await resolveFile(ctx, statementId);
  const merge = (await mergesFor(ctx, file.id)).find((m) => m.status === 'pending');
  if (!merge) throw notFound(`statement ${file.id.slice(0, 13)} has no pending merge suggestion`);
  return inTransaction(ctx, async (tx) => {
    const newFile = merge.fileId === file.id ? file : await resolveFile(tx, merge.fileId);
    if (!newFile.account_id) throw new FinchError('INVALID_INPUT', 'the statement has no parsed rows to merge');
    const account = await getAccount(tx, newFile.account_id);
    const repeated = (await readRows(tx, newFile.id, { outcome: 'duplicate' })).filter((r) => r.duplicateFileId === merge.otherFileId && r.date !== null && r.amountMinor !== null);
    if (repeated.length === 0 && !newFile.parsed_json) throw new FinchError('INVALID_INPUT', 'the statement has no parsed rows to merge');
    let created = 0;
    let deleted = 0;
    const recreate = async () => {
      const inputs = repeated.map((r) =>
        rowToInput({ date: r.date!, amountMinor: r.amountMinor!, description: r.description ?? 'transaction' }, account, newFile.id, `${r.importKey ?? `${newFile.id}:${r.index}`}:kept`, categorize),
      );
      const ids = await addTransactions(tx, inputs);
      for (const [i, r] of repeated.entries()) await saveRow(tx, newFile.id, { ...r, outcome: 'created', transactionId: ids[i]!, duplicateFileId: null });
      created = ids.length;
    };
    if (action === 'keep-both') await recreate();
    if (action === 'delete-old') {
      await tx.db.updateTable('chat_messages').set({ transaction_id: null }).where('transaction_id', 'in', tx.db.selectFrom('transactions').select('id').where('source_ref', '=', merge.otherFileId)).execute();
      deleted = await deleteTransactionsFromSource(tx, merge.otherFileId);
      await tx.db.updateTable('uploaded_files').set({ status: 'superseded', updated_at: nowIso() }).where('id', '=', merge.otherFileId).execute();
      await recreate();
    }
    const status: MergeStatus = action === 'merge' ? 'merged' : action === 'keep-both' ? 'kept_both' : 'deleted_old';
    await tx.db.updateTable('statement_merges').set({ status, resolved_at: nowIso() }).where('id', '=', merge.id).execute();
    await tx.db
      .updateTable('uploaded_files')
      .set({
        created_count: newFile.created_count + created,
        skipped_count: newFile.skipped_count - created,
        duplicate_of: action === 'merge' ? merge.otherFileId : null,
        updated_at: nowIso(),
      })
      .where('id', '=', newFile.id)
      .execute();
    return { action, created, deleted };
  });
}

/** Deletes a statement and the transactions it created, together. */
export async function deleteStatement(ctx: Ctx, id: string): Promise<{ id: string; deletedTransactions: number }> {
  const file = await resolveFile(ctx, id);
  return inTransaction(ctx, async (tx) => {
    await tx.db.updateTable('chat_messages').set({ transaction_id: null }).where('transaction_id', 'in', tx.db.selectFrom('transactions').select('id').where('source_ref', '=', file.id)).execute();
    const deletedTransactions = await deleteTransactionsFromSource(tx, file.id);
    await tx.db.deleteFrom('uploaded_files').where('id', '=', file.id).where('user_id', '=', tx.userId).execute();
    return { id: file.id, deletedTransactions };
  });
}
