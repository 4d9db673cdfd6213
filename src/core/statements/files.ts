import { inTransaction, parseJson, type Ctx, type Database, type MergeStatus, type UploadStatus } from '../db/index.js';
import { FinchError, notFound } from '../errors/index.js';
import { nowIso } from '../calendar/index.js';
import { addTransactions, deleteTransactionsFromSource, getAccount } from '../ledger/index.js';
import type { ParsedStatement } from './types.js';
import { REVIEW_BELOW, rowImportKey, rowToInput, type Categorize, type RowOutcome } from './pipeline.js';

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

interface Stored {
  statement: ParsedStatement;
  outcomes: RowOutcome[];
  parser: string;
  ocr: boolean;
  pages: number;
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

export async function showStatement(ctx: Ctx, id: string): Promise<StatementFile & { statement: ParsedStatement | null; parser: string | null; ocr: boolean; pages: number; merges: MergeSuggestion[] }> {
  const row = await resolveFile(ctx, id);
  const stored = parseJson<Stored | null>(row.parsed_json, null);
  return {
    ...toFile(row),
    statement: stored?.statement ?? null,
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
  outcome: 'created' | 'duplicate' | 'not imported';
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

/** Lines every parsed row up with the raw text it came from, and lists what needs review. */
export async function compareStatement(ctx: Ctx, id: string): Promise<Comparison> {
  const row = await resolveFile(ctx, id);
  const stored = parseJson<Stored | null>(row.parsed_json, null);
  if (!stored) throw new FinchError('INVALID_INPUT', `statement ${row.id.slice(0, 13)} was not parsed (${row.status}${row.error ? `: ${row.error}` : ''})`);
  const rawLines = (row.raw_text ?? '').split(/\n/);
  const lineTexts = stored.statement.transactions;
  const rows: ComparisonRow[] = lineTexts.map((r, index) => {
    const o = stored.outcomes.find((x) => x.index === index);
    const review = [...(r.reviewReasons ?? [])];
    if (r.confidence < REVIEW_BELOW && review.length === 0) review.push(`low confidence (${Math.round(r.confidence * 100)}%)`);
    return {
      index,
      date: r.date,
      description: r.description,
      amount: r.amount,
      confidence: r.confidence,
      outcome: o ? o.outcome : 'not imported',
      transactionId: o?.outcome === 'created' ? o.transactionId : o?.outcome === 'duplicate' ? o.duplicateOf : null,
      rawLines: r.source.text ? r.source.text.split('\n') : [],
      review,
    };
  });
  const differences: string[] = [];
  const st = stored.statement;
  if (st.reconciled === false) differences.push(`opening ${st.openingBalance} + rows ≠ closing ${st.closingBalance}: some rows may be missing or misread`);
  for (const r of rows) if (r.review.length) differences.push(`row ${r.index + 1} (${r.date} ${r.amount} ${r.description}): ${r.review.join('; ')}`);
  const dupes = rows.filter((r) => r.outcome === 'duplicate').length;
  if (dupes) differences.push(`${dupes} row${dupes === 1 ? ' was' : 's were'} already in the ledger and skipped`);
  for (const w of st.warnings) differences.push(w);
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
    const stored = parseJson<Stored | null>(newFile.parsed_json, null);
    if (!stored || !newFile.account_id) throw new FinchError('INVALID_INPUT', 'the statement has no parsed rows to merge');
    const account = await getAccount(tx, newFile.account_id);
    const repeated = stored.outcomes.filter((o): o is Extract<RowOutcome, { outcome: 'duplicate' }> => o.outcome === 'duplicate' && o.duplicateFile === merge.otherFileId);
    let created = 0;
    let deleted = 0;
    const recreate = async () => {
      const inputs = repeated.map((o) => {
        const row = stored.statement.transactions[o.index]!;
        return rowToInput(row, account, newFile.id, `${rowImportKey(newFile.format, newFile.sha256, row, o.index)}:kept`, categorize);
      });
      const ids = await addTransactions(tx, inputs);
      repeated.forEach((o, i) => {
        const at = stored.outcomes.findIndex((x) => x.index === o.index);
        stored.outcomes[at] = { index: o.index, outcome: 'created', transactionId: ids[i]! };
      });
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
        parsed_json: JSON.stringify(stored),
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
