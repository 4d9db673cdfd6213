import { sql } from 'kysely';
import { inTransaction, newId, type Ctx } from '../db/index.js';
import { withHistory } from '../history/index.js';
import { FinchError } from '../errors/index.js';
import { nowIso, type CalendarDate } from '../calendar/index.js';
import { type CurrencyCode, decimalToMinor, minorToDecimal } from '../money/index.js';
import { addImportedTransactions, applyStatementBalances, getAccount, type Account, type TransactionInput } from '../ledger/index.js';
import type { FileStore } from './file-store.js';
import { FileStore as Store } from './file-store.js';
import { existingAround, importKeys, matchExisting, type ExistingTx } from './dedup.js';
import { savedMappings } from './mappings.js';
import { claimFile, recoverInterrupted, type Claim, type FileRecord } from './claim.js';
import { writeRows, type StatementRow } from './statement-rows.js';
import { layoutProfileFor } from './layout-profiles.js';
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
  /** CAMT rows carry the booking date (default) or the value date. */
  camtDate?: 'booking' | 'value';
  onProgress?: ProgressListener;
}

/** A row the import could not read: kept as an `unread` statement row, listed here. */
export interface UnreadRowReport {
  index: number;
  /** The line of the file (1-based), when the reader knows it. */
  line: number | null;
  text: string;
  reason: string;
}

export interface ImportResult {
  fileId: string;
  status: 'completed' | 'needs_review' | 'duplicate';
  created: number;
  skippedDuplicates: number;
  needsReview: number;
  unread: UnreadRowReport[];
  reconciled: boolean | null;
  merge: { id: string; otherFileId: string; matchedRows: number } | null;
  notes: string[];
  stages: StageRecord[];
}

/** Rows below this confidence are listed for review in the comparison. */
export const REVIEW_BELOW = 0.8;

/**
 * The whole pipeline for one file: decrypt → extract → parse → dedup → create → complete.
 *
 * Run from many processes at once it still imports each row once: the file's record is claimed
 * by one process (claim.ts), imports into one account take turns (an advisory lock on Postgres,
 * BEGIN IMMEDIATE on SQLite) so each one's dedup sees what the one before it created, and the
 * unique import key makes the database refuse a second copy even so. A failure stops the file at
 * its stage (recorded in the processing log) and leaves the ledger untouched; everything a
 * successful file changes is written in one database transaction.
 */
export async function importStatement(ctx: Ctx, deps: PipelineDeps, req: ImportRequest): Promise<ImportResult> {
  const account = await getAccount(ctx, req.account);
  if (account.archived) throw new FinchError('INVALID_INPUT', `account "${account.name}" is archived`);
  const format = await preflight(req.bytes, req.filename, deps.maxBytes);
  const sha256 = Store.sha256(req.bytes);
  await recoverInterrupted(ctx);
  const stored = deps.store.put(req.bytes);
  const claim = await claimFile(ctx, { sha256, filename: req.filename, size: req.bytes.length, format, path: stored.path, accountId: account.id }, ctx.busyTimeoutMs ?? 60_000);
  if (claim.kind === 'imported') return alreadyImported(claim.file);

  const stages: StageRecord[] = [];
  try {
    const read = await readStatement(req.bytes, format, {
      filename: req.filename,
      password: req.password,
      candidatePasswords: req.trySavedPasswords && !req.password ? await deps.candidatePasswords() : undefined,
      parser: req.parser,
      aiParse: deps.aiParse,
      // saved mappings apply by the file's header fingerprint, whatever the account
      csvMappings: await savedMappings(ctx),
      camtDate: req.camtDate,
      currency: account.currency,
      onProgress: req.onProgress,
      layoutProfile: (doc) => layoutProfileFor(ctx, doc),
      stages,
    });
    const readStages = stages.length;
    // Recorded for `finch undo`: what the import created goes in one operation.
    const result = await withHistory(ctx, `statement import ${req.filename}`, async (tx) => {
      stages.length = readStages; // a transaction tried again records its stages afresh
      return dedupCreateComplete(tx, deps, account, claim, read, stages, req.onProgress);
    });
    return { ...result, notes: read.notes, stages };
  } catch (e) {
    await failFile(ctx, claim, stages, e);
    throw e;
  }
}

function alreadyImported(file: FileRecord): ImportResult {
  return {
    fileId: file.id,
    status: 'duplicate',
    created: 0,
    skippedDuplicates: file.created_count + file.skipped_count,
    needsReview: 0,
    unread: [],
    reconciled: null,
    merge: null,
    notes: [`this exact file was imported before (statement ${file.id.slice(0, 13)}); nothing was created`],
    stages: [{ stage: 'dedup', status: 'ok', ms: 0, details: { identicalTo: file.id } }],
  };
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

/** Marks the file failed, but only while this process still holds its claim. */
async function failFile(ctx: Ctx, claim: Extract<Claim, { kind: 'claimed' }>, stages: StageRecord[], e: unknown): Promise<void> {
  const message = e instanceof Error ? e.message : String(e);
  if (!stages.some((s) => s.status === 'failed')) stages.push({ stage: 'complete', status: 'failed', ms: 0, details: { error: message } });
  await inTransaction(ctx, async (tx) => {
    const r = await tx.db
      .updateTable('uploaded_files')
      .set({ status: 'failed', error: message, claimed_by: null, updated_at: nowIso() })
      .where('id', '=', claim.fileId)
      .where('status', '=', 'processing')
      .where('claimed_by', '=', claim.claimant)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 1) await writeLogs(tx, claim.fileId, stages);
  }).catch(() => undefined); // the import's own error is the one to report
}

/** What the ledger should hold for a statement row (sign → type; transfers keep their sign). */
export function rowToInput(row: { date: string; amountMinor: number; description: string }, account: Account, fileId: string, importKey: string, categorize: Categorize): TransactionInput {
  const guess = categorize(row.description);
  const negative = row.amountMinor < 0;
  const magnitude = minorToDecimal(Math.abs(row.amountMinor), account.currency as CurrencyCode);
  // Spending or income by its sign; words in a description never make it a transfer (a
  // transfer-kind guess is dropped; pairing the two legs, or the user choosing a transfer
  // category, makes one). A guess of the wrong direction is dropped too.
  const type = negative ? 'expense' : 'income';
  const category = guess && guess.kind === type ? guess.category : undefined;
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

/** Imports into one account take turns, so each one's dedup sees what the one before created. */
async function lockAccountForImport(ctx: Ctx, accountId: string): Promise<void> {
  // SQLite: the transaction began IMMEDIATE and holds the database's one write lock already.
  if (ctx.dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtextextended(${`finch.import:${accountId}`}, 0))`.execute(ctx.db);
}

async function assertClaimHeld(ctx: Ctx, claim: Extract<Claim, { kind: 'claimed' }>): Promise<void> {
  const f = await ctx.db.selectFrom('uploaded_files').select(['status', 'claimed_by']).where('id', '=', claim.fileId).executeTakeFirst();
  if (!f || f.status !== 'processing' || f.claimed_by !== claim.claimant) {
    throw new FinchError('CONFLICT', `statement ${claim.fileId.slice(0, 13)} was taken over by another process while this one read it; nothing was imported here`);
  }
}

function tryMinor(value: string | null | undefined, currency: CurrencyCode): number | null {
  if (value == null || value === '') return null;
  try {
    return decimalToMinor(value, currency);
  } catch {
    return null;
  }
}

/** The statement's rows as the module keeps them, before dedup: unread ones with their reason. */
function statementRows(st: ParsedStatement, currency: CurrencyCode): StatementRow[] {
  const rows: StatementRow[] = st.transactions.map((r, index) => {
    const reasons = [...(r.reviewReasons ?? [])];
    if (r.confidence < REVIEW_BELOW && reasons.length === 0) reasons.push(`low confidence (${Math.round(r.confidence * 100)}%)`);
    let amountMinor: number | null = null;
    try {
      amountMinor = decimalToMinor(r.amount, currency, `amount of row ${index + 1}`);
    } catch (e) {
      reasons.push(e instanceof Error ? e.message : String(e));
    }
    return {
      index,
      raw: r.source.text,
      page: r.source.page,
      lineIndexes: r.source.lineIndexes,
      date: r.date,
      amountMinor,
      currency,
      description: r.description.trim() || 'transaction',
      balanceMinor: tryMinor(r.balance, currency),
      confidence: r.confidence,
      reasons,
      outcome: amountMinor === null ? 'unread' : 'created',
      transactionId: null,
      duplicateFileId: null,
      importKey: r.importKey ?? null,
      decision: null,
    };
  });
  const byLine = [...(st.unread ?? [])].sort((a, b) => (a.source.lineIndexes[0] ?? 0) - (b.source.lineIndexes[0] ?? 0));
  for (const u of byLine) {
    rows.push({ index: rows.length, raw: u.source.text, page: u.source.page, lineIndexes: u.source.lineIndexes, date: null, amountMinor: null, currency, description: null, balanceMinor: null, confidence: 0, reasons: [u.reason], outcome: 'unread', transactionId: null, duplicateFileId: null, importKey: null, decision: null });
  }
  return rows;
}

async function dedupCreateComplete(
  ctx: Ctx,
  deps: PipelineDeps,
  account: Account,
  claim: Extract<Claim, { kind: 'claimed' }>,
  read: ReadResult,
  stages: StageRecord[],
  onProgress: ProgressListener | undefined,
): Promise<Omit<ImportResult, 'notes' | 'stages'>> {
  const st = read.statement;
  const fileId = claim.fileId;
  const currency = account.currency as CurrencyCode;
  await lockAccountForImport(ctx, account.id);
  await assertClaimHeld(ctx, claim);

  const dedup = await runStage(stages, 'dedup', onProgress, async (d) => {
    if (st.currency && st.currency !== account.currency) {
      throw new FinchError('INVALID_INPUT', `the statement is in ${st.currency} but account "${account.name}" is in ${account.currency}`);
    }
    const rows = statementRows(st, currency);
    const readable = rows.filter((r): r is StatementRow & { date: string; amountMinor: number; description: string } => r.outcome !== 'unread');
    const keys = importKeys(read.format, readable.map((r) => ({ date: r.date, amountMinor: r.amountMinor, description: r.description, reference: r.importKey ?? undefined })));
    readable.forEach((r, i) => (r.importKey = keys[i]!));
    const existing = await existingAround(ctx, account.id, readable.map((r) => r.date as CalendarDate));
    const candidates = readable.map((r) => ({ date: r.date as CalendarDate, amountMinor: r.amountMinor, description: r.description, importKey: r.importKey }));
    // Rows that mail alerts entered already (src/core/mail) are confirmed, not created again.
    const mail = deps.matchMail ? await deps.matchMail(ctx, { accountId: account.id, fileId, rows: candidates }) : [];
    const mailIds = new Set(mail.map((m) => m?.id));
    const matches = matchExisting(candidates, existing.filter((e) => !mailIds.has(e.id))).map((m, i) => mail[i] ?? m);
    d.mailMatches = mail.filter(Boolean).length;
    readable.forEach((r, i) => {
      const m = matches[i];
      if (m) Object.assign(r, { outcome: 'duplicate', transactionId: m.id, duplicateFileId: m.source_ref });
    });
    const overlap = await overlappingFile(ctx, account.id, fileId, st, matches);
    Object.assign(d, { candidates: readable.length, unread: rows.length - readable.length, duplicates: matches.filter(Boolean).length, comparedWith: existing.length, overlapsWith: overlap?.otherFileId ?? null });
    return { rows, readable, overlap };
  });

  let accountAgrees: boolean | null = null;
  const created = await runStage(stages, 'create', onProgress, async (d) => {
    const fresh = dedup.readable.filter((r) => r.outcome === 'created');
    // A statement repeats its merchants: each distinct description is categorised once.
    const seen = new Map<string, ReturnType<Categorize>>();
    const categorize: Categorize = (text) => {
      if (!seen.has(text)) seen.set(text, deps.categorize(text));
      return seen.get(text)!;
    };
    const inputs = fresh.map((r) => rowToInput(r, account, fileId, r.importKey!, categorize));
    const ids = await addImportedTransactions(ctx, inputs);
    const refused: typeof fresh = [];
    fresh.forEach((r, i) => {
      if (ids[i]) r.transactionId = ids[i]!;
      else refused.push(r);
    });
    // The unique key refused a row dedup did not see (only a writer that skipped the account lock
    // can cause that): it is a duplicate of the row that holds the key.
    for (const r of refused) {
      const holder = await ctx.db
        .selectFrom('transactions')
        .select(['id', 'source_ref'])
        .where('user_id', '=', ctx.userId)
        .where(sql`coalesce(account_id, '')`, '=', account.id)
        .where('import_key', '=', r.importKey!)
        .executeTakeFirst();
      Object.assign(r, { outcome: 'duplicate', transactionId: holder?.id ?? null, duplicateFileId: holder?.source_ref ?? null });
    }
    // Printed balances: an opening balance for an account without one, the closing one as an assertion.
    const bank = await applyStatementBalances(ctx, { accountId: account.id, fileId, period: st.period, opening: st.openingBalance, closing: st.closingBalance });
    accountAgrees = bank.agrees;
    Object.assign(d, { openingSet: bank.openingSet, accountAgrees });
    d.created = fresh.length - refused.length;
    d.categorised = inputs.filter((x, i) => x.category && ids[i]).length;
    return fresh.length - refused.length;
  });

  const rows = dedup.rows;
  const unread = rows.filter((r) => r.outcome === 'unread');
  const duplicates = rows.filter((r) => r.outcome === 'duplicate').length;
  const review = rows.filter((r) => r.outcome !== 'unread' && r.reasons.length > 0).length;
  // Reconciled means the rows add up AND the account's balance now equals the printed closing one.
  const reconciled = st.reconciled === null ? null : st.reconciled && accountAgrees !== false;
  const status = reconciled === false || review > 0 || unread.length > 0 ? 'needs_review' : 'completed';
  let merge: ImportResult['merge'] = null;
  await runStage(stages, 'complete', onProgress, async (d) => {
    if (dedup.overlap) {
      const id = newId();
      await ctx.db
        .insertInto('statement_merges')
        .values({ id, user_id: ctx.userId, file_id: fileId, other_file_id: dedup.overlap.otherFileId, status: 'pending', details_json: JSON.stringify(dedup.overlap), created_at: nowIso(), resolved_at: null })
        .execute();
      merge = { id, otherFileId: dedup.overlap.otherFileId, matchedRows: dedup.overlap.matchedRows };
    }
    await writeRows(ctx, fileId, rows);
    Object.assign(d, { status, created, duplicates, unread: unread.length, review });
    const done = await ctx.db
      .updateTable('uploaded_files')
      .set({
        status,
        raw_text: read.document.rawText,
        // The statement's own facts (period, balances, warnings); its rows are in statement_rows.
        parsed_json: JSON.stringify({ statement: { ...st, transactions: [], unread: undefined }, parser: read.parser, ocr: read.document.ocr, pages: read.document.pages }),
        period_start: st.period?.start ?? null,
        period_end: st.period?.end ?? null,
        created_count: created,
        skipped_count: duplicates,
        review_count: review + unread.length,
        error: null,
        claimed_by: null,
        updated_at: nowIso(),
      })
      .where('id', '=', fileId)
      .where('claimed_by', '=', claim.claimant)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new FinchError('CONFLICT', `statement ${fileId.slice(0, 13)} was taken over by another process; nothing was imported here`);
  });
  await writeLogs(ctx, fileId, stages);
  return {
    fileId,
    status,
    created,
    skippedDuplicates: duplicates,
    needsReview: review,
    unread: unread.map((r) => ({ index: r.index, line: r.lineIndexes.length ? r.lineIndexes[0]! + 1 : null, text: r.raw, reason: r.reasons.join('; ') })),
    reconciled,
    merge,
  };
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
