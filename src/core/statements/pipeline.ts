import { inTransaction, newId, type Ctx } from '../db/index.js';
import { withHistory } from '../history/index.js';
import { FinchError } from '../errors/index.js';
import { nowIso, type CalendarDate } from '../calendar/index.js';
import { type CurrencyCode, decimalToMinor } from '../money/index.js';
import { addTransactions, getAccount, type Account, type TransactionInput } from '../ledger/index.js';
import type { FileStore } from './file-store.js';
import { FileStore as Store } from './file-store.js';
import { existingAround, matchExisting, type ExistingTx } from './dedup.js';
import { preflight, readStatement, type ParserChoice, type ReadResult } from './read.js';
import { type ProgressListener, type StageRecord, runStage } from './stages.js';
import type { ParsedRow, ParsedStatement } from './types.js';

/** A row's category and how sure the categoriser is, or null when it cannot tell. */
export type Categorize = (description: string) => { category: string; kind: 'expense' | 'income' | 'transfer' } | null;

export interface PipelineDeps {
  store: FileStore;
  categorize: Categorize;
  aiParse?: (rawText: string) => Promise<ParsedStatement>;
  candidatePasswords: () => Promise<Array<{ label: string; password: string }>>;
  maxBytes?: number;
  /** Rows that are transactions already read from mail (src/core/mail): confirmed, not created again. */
  matchMail?: (ctx: Ctx, req: { accountId: string; fileId: string; rows: Array<{ date: CalendarDate; amountMinor: number; description: string }> }) => Promise<Array<ExistingTx | null>>;
}

export interface ImportRequest {
  bytes: Uint8Array;
  filename: string;
  account: string;
  password?: string;
  trySavedPasswords?: boolean;
  parser?: ParserChoice;
  onProgress?: ProgressListener;
}

export type RowOutcome =
  | { index: number; outcome: 'created'; transactionId: string }
  | { index: number; outcome: 'duplicate'; duplicateOf: string; duplicateFile: string | null };

export interface ImportResult {
  fileId: string;
  status: 'completed' | 'needs_review' | 'duplicate';
  created: number;
  skippedDuplicates: number;
  needsReview: number;
  reconciled: boolean | null;
  merge: { id: string; otherFileId: string; matchedRows: number } | null;
  notes: string[];
  stages: StageRecord[];
}

/** Rows below this confidence are listed for review in the comparison. */
export const REVIEW_BELOW = 0.8;

/**
 * The whole pipeline for one file: decrypt → extract → parse → dedup → create → complete. A
 * failure stops the file at its stage (recorded in the processing log) and leaves the ledger
 * untouched; everything a successful file changes is written in one database transaction.
 */
export async function importStatement(ctx: Ctx, deps: PipelineDeps, req: ImportRequest): Promise<ImportResult> {
  const account = await getAccount(ctx, req.account);
  if (account.archived) throw new FinchError('INVALID_INPUT', `account "${account.name}" is archived`);
  const format = await preflight(req.bytes, req.filename, deps.maxBytes);
  const sha256 = Store.sha256(req.bytes);

  const identical = await ctx.db
    .selectFrom('uploaded_files')
    .select(['id', 'created_count', 'skipped_count', 'account_id'])
    .where('user_id', '=', ctx.userId)
    .where('sha256', '=', sha256)
    .where('status', 'in', ['completed', 'needs_review'])
    .executeTakeFirst();
  if (identical) {
    return {
      fileId: identical.id,
      status: 'duplicate',
      created: 0,
      skippedDuplicates: identical.created_count + identical.skipped_count,
      needsReview: 0,
      reconciled: null,
      merge: null,
      notes: [`this exact file was imported before (statement ${identical.id.slice(0, 13)}); nothing was created`],
      stages: [{ stage: 'dedup', status: 'ok', ms: 0, details: { identicalTo: identical.id } }],
    };
  }

  const stored = deps.store.put(req.bytes);
  const fileId = await openFileRecord(ctx, { sha256, filename: req.filename, size: req.bytes.length, format, path: stored.path, accountId: account.id });
  let read: ReadResult | undefined;
  const stages: StageRecord[] = [];
  try {
    read = await readStatement(req.bytes, format, {
      filename: req.filename,
      password: req.password,
      candidatePasswords: req.trySavedPasswords && !req.password ? await deps.candidatePasswords() : undefined,
      parser: req.parser,
      aiParse: deps.aiParse,
      csvMapping: format === 'csv' ? await savedCsvMapping(ctx, account.id) : undefined,
      currency: account.currency,
      onProgress: req.onProgress,
      stages,
    });
    // Recorded for `finch undo`: what the import created goes in one operation.
    const result = await withHistory(ctx, `statement import ${req.filename}`, (tx) => dedupCreateComplete(tx, deps, account, fileId, sha256, read!, stages, req.onProgress));
    return { ...result, notes: read.notes, stages };
  } catch (e) {
    await failFile(ctx, fileId, stages, e);
    throw e;
  }
}

async function openFileRecord(
  ctx: Ctx,
  f: { sha256: string; filename: string; size: number; format: string; path: string; accountId: string },
): Promise<string> {
  const now = nowIso();
  // A file that failed before is retried under the same record, its old log cleared.
  const previous = await ctx.db
    .selectFrom('uploaded_files')
    .select('id')
    .where('user_id', '=', ctx.userId)
    .where('sha256', '=', f.sha256)
    .where('status', 'in', ['failed', 'processing', 'pending'])
    .executeTakeFirst();
  if (previous) {
    await ctx.db.deleteFrom('statement_logs').where('file_id', '=', previous.id).execute();
    await ctx.db
      .updateTable('uploaded_files')
      .set({ status: 'processing', error: null, filename: f.filename, account_id: f.accountId, updated_at: now })
      .where('id', '=', previous.id)
      .execute();
    return previous.id;
  }
  const id = newId();
  await ctx.db
    .insertInto('uploaded_files')
    .values({
      id,
      user_id: ctx.userId,
      account_id: f.accountId,
      filename: f.filename,
      sha256: f.sha256,
      size_bytes: f.size,
      format: f.format,
      storage_path: f.path,
      raw_text: null,
      parsed_json: null,
      status: 'processing',
      error: null,
      duplicate_of: null,
      period_start: null,
      period_end: null,
      created_count: 0,
      skipped_count: 0,
      review_count: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

async function writeLogs(ctx: Ctx, fileId: string, stages: readonly StageRecord[]): Promise<void> {
  if (stages.length === 0) return;
  const now = nowIso();
  await ctx.db
    .insertInto('statement_logs')
    .values(
      stages.map((s) => ({
        id: newId(),
        user_id: ctx.userId,
        file_id: fileId,
        stage: s.stage,
        status: s.status,
        details_json: JSON.stringify(s.details),
        execution_time_ms: s.ms,
        created_at: now,
      })),
    )
    .execute();
}

async function failFile(ctx: Ctx, fileId: string, stages: StageRecord[], e: unknown): Promise<void> {
  const message = e instanceof Error ? e.message : String(e);
  if (!stages.some((s) => s.status === 'failed')) stages.push({ stage: 'complete', status: 'failed', ms: 0, details: { error: message } });
  await inTransaction(ctx, async (tx) => {
    await writeLogs(tx, fileId, stages);
    await tx.db.updateTable('uploaded_files').set({ status: 'failed', error: message, updated_at: nowIso() }).where('id', '=', fileId).execute();
  });
}

export async function savedCsvMapping(ctx: Ctx, accountId: string): Promise<unknown> {
  const row = await ctx.db.selectFrom('csv_mappings').select('mapping_json').where('user_id', '=', ctx.userId).where('account_id', '=', accountId).executeTakeFirst();
  return row ? JSON.parse(row.mapping_json) : undefined;
}

export function rowImportKey(format: string, sha256: string, row: ParsedRow, index: number): string {
  return row.importKey ? `${format}:${row.importKey}` : `file:${sha256.slice(0, 16)}:${index}`;
}

/** What the ledger should hold for a parsed row (sign → type; transfers keep their sign). */
export function rowToInput(row: ParsedRow, account: Account, fileId: string, importKey: string, categorize: Categorize): TransactionInput {
  const guess = categorize(row.description);
  const negative = row.amount.trim().startsWith('-');
  const magnitude = row.amount.replace(/^[+-]/, '');
  const type = guess?.kind === 'transfer' ? 'transfer' : negative ? 'expense' : 'income';
  // A guess of the wrong direction (an "income" category on money out) is dropped, not forced.
  const category = guess && (guess.kind === 'transfer' || guess.kind === type) ? guess.category : undefined;
  return {
    date: row.date,
    amount: negative ? `-${magnitude}` : `+${magnitude}`,
    currency: account.currency,
    description: row.description,
    category,
    type,
    account: account.id,
    source: 'statement',
    sourceRef: fileId,
    importKey,
  };
}

async function dedupCreateComplete(
  ctx: Ctx,
  deps: PipelineDeps,
  account: Account,
  fileId: string,
  sha256: string,
  read: ReadResult,
  stages: StageRecord[],
  onProgress: ProgressListener | undefined,
): Promise<Omit<ImportResult, 'notes' | 'stages'>> {
  const st = read.statement;
  const currency = account.currency as CurrencyCode;
  const rows = st.transactions;

  const dedup = await runStage(stages, 'dedup', onProgress, async (d) => {
    if (st.currency && st.currency !== account.currency) {
      throw new FinchError('INVALID_INPUT', `the statement is in ${st.currency} but account "${account.name}" is in ${account.currency}`);
    }
    const keys = rows.map((r, i) => rowImportKey(read.format, sha256, r, i));
    const candidates = rows.map((r, i) => ({ date: r.date, amountMinor: decimalToMinor(r.amount, currency, `amount of row ${i + 1}`), description: r.description, importKey: keys[i]! }));
    const existing = await existingAround(ctx, account.id, rows.map((r) => r.date));
    const mail = deps.matchMail ? await deps.matchMail(ctx, { accountId: account.id, fileId, rows: candidates }) : [];
    const mailIds = new Set(mail.map((m) => m?.id));
    const matches = matchExisting(candidates, existing.filter((e) => !mailIds.has(e.id))).map((m, i) => mail[i] ?? m);
    d.mailMatches = mail.filter(Boolean).length;
    const overlap = await overlappingFile(ctx, account.id, fileId, st, matches);
    Object.assign(d, { candidates: rows.length, duplicates: matches.filter(Boolean).length, comparedWith: existing.length, overlapsWith: overlap?.otherFileId ?? null });
    return { keys, matches, overlap };
  });

  const outcomes: RowOutcome[] = [];
  const created = await runStage(stages, 'create', onProgress, async (d) => {
    const fresh: Array<{ index: number; input: TransactionInput }> = [];
    rows.forEach((row, index) => {
      const m = dedup.matches[index];
      if (m) outcomes.push({ index, outcome: 'duplicate', duplicateOf: m.id, duplicateFile: m.source_ref });
      else fresh.push({ index, input: rowToInput(row, account, fileId, dedup.keys[index]!, deps.categorize) });
    });
    const ids = await addTransactions(ctx, fresh.map((f) => f.input));
    fresh.forEach((f, i) => outcomes.push({ index: f.index, outcome: 'created', transactionId: ids[i]! }));
    outcomes.sort((a, b) => a.index - b.index);
    d.created = ids.length;
    d.categorised = fresh.filter((f) => f.input.category).length;
    return ids.length;
  });

  let merge: ImportResult['merge'] = null;
  const review = rows.filter((r) => r.confidence < REVIEW_BELOW).length;
  const status = st.reconciled === false || review > 0 ? 'needs_review' : 'completed';
  await runStage(stages, 'complete', onProgress, async (d) => {
    if (dedup.overlap) {
      const id = newId();
      await ctx.db
        .insertInto('statement_merges')
        .values({ id, user_id: ctx.userId, file_id: fileId, other_file_id: dedup.overlap.otherFileId, status: 'pending', details_json: JSON.stringify(dedup.overlap), created_at: nowIso(), resolved_at: null })
        .execute();
      merge = { id, otherFileId: dedup.overlap.otherFileId, matchedRows: dedup.overlap.matchedRows };
    }
    if (read.format === 'csv' && read.csvMapping) {
      await ctx.db
        .insertInto('csv_mappings')
        .values({ user_id: ctx.userId, account_id: account.id, mapping_json: JSON.stringify(read.csvMapping), updated_at: nowIso() })
        .onConflict((oc) => oc.columns(['user_id', 'account_id']).doUpdateSet({ mapping_json: JSON.stringify(read.csvMapping), updated_at: nowIso() }))
        .execute();
    }
    Object.assign(d, { status, created, skipped: rows.length - created, review });
    await ctx.db
      .updateTable('uploaded_files')
      .set({
        status,
        raw_text: read.document.rawText,
        parsed_json: JSON.stringify({ statement: st, outcomes, parser: read.parser, ocr: read.document.ocr, pages: read.document.pages }),
        period_start: st.period?.start ?? null,
        period_end: st.period?.end ?? null,
        created_count: created,
        skipped_count: rows.length - created,
        review_count: review,
        error: null,
        updated_at: nowIso(),
      })
      .where('id', '=', fileId)
      .execute();
  });
  await writeLogs(ctx, fileId, stages);
  return { fileId, status, created, skippedDuplicates: rows.length - created, needsReview: review, reconciled: st.reconciled, merge };
}

/**
 * Another statement of the same account whose period overlaps this one and whose rows this one
 * repeats: the case for a merge suggestion.
 */
async function overlappingFile(
  ctx: Ctx,
  accountId: string,
  fileId: string,
  st: ParsedStatement,
  matches: ReadonlyArray<{ source_ref: string | null } | null>,
): Promise<{ otherFileId: string; matchedRows: number; overlapStart: CalendarDate; overlapEnd: CalendarDate } | null> {
  const period = st.period ?? periodOf(st.transactions);
  if (!period) return null;
  const others = await ctx.db
    .selectFrom('uploaded_files')
    .select(['id', 'period_start', 'period_end'])
    .where('user_id', '=', ctx.userId)
    .where('account_id', '=', accountId)
    .where('id', '!=', fileId)
    .where('status', 'in', ['completed', 'needs_review'])
    .where('period_start', '<=', period.end)
    .where('period_end', '>=', period.start)
    .execute();
  let best: { otherFileId: string; matchedRows: number; overlapStart: CalendarDate; overlapEnd: CalendarDate } | null = null;
  for (const o of others) {
    const matchedRows = matches.filter((m) => m?.source_ref === o.id).length;
    if (matchedRows === 0) continue;
    const overlapStart = (o.period_start! > period.start ? o.period_start! : period.start) as CalendarDate;
    const overlapEnd = (o.period_end! < period.end ? o.period_end! : period.end) as CalendarDate;
    if (!best || matchedRows > best.matchedRows) best = { otherFileId: o.id, matchedRows, overlapStart, overlapEnd };
  }
  return best;
}

function periodOf(rows: readonly ParsedRow[]): { start: CalendarDate; end: CalendarDate } | null {
  if (rows.length === 0) return null;
  const dates = rows.map((r) => r.date).sort();
  return { start: dates[0]!, end: dates[dates.length - 1]! };
}
