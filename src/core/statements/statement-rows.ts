import { bulkInsert, parseJson, type Ctx, type Database, type StatementRowDecision, type StatementRowOutcome } from '../db/index.js';

/**
 * A statement's rows as the statements module keeps them (table statement_rows): every row the
 * reader saw, read or not, what became of it, and what the person decided. The comparison, the
 * review and the merge read and change these rows; transactions are still made only by `ledger`.
 */
export interface StatementRow {
  index: number;
  raw: string;
  page: number | null;
  lineIndexes: number[];
  date: string | null;
  amountMinor: number | null;
  currency: string | null;
  description: string | null;
  balanceMinor: number | null;
  confidence: number;
  reasons: string[];
  outcome: StatementRowOutcome;
  /** The transaction the row created, or the one it duplicates. */
  transactionId: string | null;
  duplicateFileId: string | null;
  importKey: string | null;
  decision: StatementRowDecision | null;
}

function toRecord(ctx: Ctx, fileId: string, r: StatementRow): Database['statement_rows'] {
  return {
    file_id: fileId,
    row_index: r.index,
    user_id: ctx.userId,
    raw: r.raw,
    page: r.page,
    line_indexes_json: JSON.stringify(r.lineIndexes),
    date: r.date,
    amount_minor: r.amountMinor,
    currency: r.currency,
    description: r.description,
    balance_minor: r.balanceMinor,
    confidence: r.confidence,
    reasons_json: JSON.stringify(r.reasons),
    outcome: r.outcome,
    transaction_id: r.transactionId,
    duplicate_file_id: r.duplicateFileId,
    import_key: r.importKey,
    decision: r.decision,
  };
}

function fromRecord(r: Database['statement_rows']): StatementRow {
  return {
    index: Number(r.row_index),
    raw: r.raw,
    page: r.page === null ? null : Number(r.page),
    lineIndexes: parseJson<number[]>(r.line_indexes_json, []),
    date: r.date,
    amountMinor: r.amount_minor === null ? null : Number(r.amount_minor),
    currency: r.currency,
    description: r.description,
    balanceMinor: r.balance_minor === null ? null : Number(r.balance_minor),
    confidence: Number(r.confidence),
    reasons: parseJson<string[]>(r.reasons_json, []),
    outcome: r.outcome,
    transactionId: r.transaction_id,
    duplicateFileId: r.duplicate_file_id,
    importKey: r.import_key,
    decision: r.decision,
  };
}

export async function writeRows(ctx: Ctx, fileId: string, rows: readonly StatementRow[]): Promise<void> {
  await bulkInsert(ctx, 'statement_rows', rows.map((r) => toRecord(ctx, fileId, r)));
}

export async function readRows(ctx: Ctx, fileId: string, options: { outcome?: StatementRowOutcome } = {}): Promise<StatementRow[]> {
  let q = ctx.db.selectFrom('statement_rows').selectAll().where('user_id', '=', ctx.userId).where('file_id', '=', fileId);
  if (options.outcome) q = q.where('outcome', '=', options.outcome);
  return (await q.orderBy('row_index').execute()).map(fromRecord);
}

export async function readRow(ctx: Ctx, fileId: string, index: number): Promise<StatementRow | undefined> {
  const r = await ctx.db.selectFrom('statement_rows').selectAll().where('user_id', '=', ctx.userId).where('file_id', '=', fileId).where('row_index', '=', index).executeTakeFirst();
  return r ? fromRecord(r) : undefined;
}

export async function saveRow(ctx: Ctx, fileId: string, row: StatementRow): Promise<void> {
  const { file_id: _f, row_index: _i, user_id: _u, ...changes } = toRecord(ctx, fileId, row);
  await ctx.db.updateTable('statement_rows').set(changes).where('user_id', '=', ctx.userId).where('file_id', '=', fileId).where('row_index', '=', row.index).execute();
}
