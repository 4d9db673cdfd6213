import { inTransaction, type Ctx } from '../db/index.js';
import { FinchError, invalid } from '../errors/index.js';
import { nowIso, toCalendarDate } from '../calendar/index.js';
import { decimalToMinor, type CurrencyCode } from '../money/index.js';
import { addImportedTransactions, deleteTransaction, editTransaction, getAccount } from '../ledger/index.js';
import { resolveFile, rowAmount } from './files.js';
import { rowToInput, type Categorize } from './pipeline.js';
import { readRow, readRows, saveRow } from './statement-rows.js';

/** What a person decided about one parsed row in the comparison view. */
export type RowDecision = 'accepted' | 'edited' | 'rejected';

export interface RowEdit {
  date?: string;
  description?: string;
  /** Signed decimal, like the parsed row: negative is money out. */
  amount?: string;
}

export interface RowReviewResult {
  index: number;
  decision: RowDecision;
  transactionId: string | null;
}

/**
 * The person's verdict on one row of an imported statement (the comparison view):
 * - accept: the row is right; a row that was not imported is created now;
 * - edit: the row's date, description or amount are corrected, in the stored parse and in the
 *   transaction it created;
 * - reject: the row is wrong; the transaction it created is deleted.
 * Everything happens in one database transaction.
 */
export async function reviewRow(
  ctx: Ctx,
  statementId: string,
  index: number,
  action: { decision: 'accepted' } | { decision: 'rejected' } | { decision: 'edited'; changes: RowEdit },
  categorize: Categorize,
): Promise<RowReviewResult> {
  const file = await resolveFile(ctx, statementId);
  return inTransaction(ctx, async (tx) => {
    const row = await readRow(tx, file.id, index);
    if (!row) {
      if (!file.parsed_json) throw new FinchError('INVALID_INPUT', `statement ${file.id.slice(0, 13)} has no parsed rows`);
      throw invalid(`statement ${file.id.slice(0, 13)} has no row ${index + 1}`);
    }
    const createdId = row.outcome === 'created' ? row.transactionId : null;
    let transactionId: string | null = createdId;
    let createdDelta = 0;

    if (action.decision === 'edited') {
      const c = action.changes;
      const currency = (row.currency ?? (file.account_id ? (await getAccount(tx, file.account_id)).currency : ctx.homeCurrency)) as CurrencyCode;
      if (c.date !== undefined) row.date = toCalendarDate(c.date);
      if (c.description !== undefined) {
        if (!c.description.trim()) throw invalid('description must not be empty');
        row.description = c.description.trim();
      }
      if (c.amount !== undefined) {
        const minor = decimalToMinor(c.amount.trim(), currency, 'amount');
        if (minor === 0) throw invalid('amount must not be zero');
        row.amountMinor = minor;
        row.currency = currency;
      }
      row.confidence = 1;
      row.reasons = [];
      if (createdId && row.date !== null && row.amountMinor !== null) {
        const amount = rowAmount(row);
        const negative = row.amountMinor < 0;
        await editTransaction(tx, createdId, {
          date: row.date,
          description: row.description ?? undefined,
          amount: negative ? amount : `+${amount}`,
          ...(c.amount !== undefined ? { type: negative ? 'expense' : 'income' } : {}),
        });
      }
      // An unread row that the person has now given a date and an amount can be accepted.
      if (row.outcome === 'unread' && row.date !== null && row.amountMinor !== null) row.outcome = 'needs_review';
    }
    if (action.decision === 'accepted') {
      if (row.date === null || row.amountMinor === null) throw invalid(`row ${index + 1} could not be read (${row.reasons.join('; ')}): edit its date and amount first`);
      row.confidence = Math.max(row.confidence, 1);
      row.reasons = [];
      if ((row.outcome === 'needs_review' || row.outcome === 'unread' || row.outcome === 'rejected') && file.account_id) {
        const account = await getAccount(tx, file.account_id);
        const key = `${row.importKey ?? `${file.id}:${index}`}:accepted`;
        const [id] = await addImportedTransactions(tx, [rowToInput({ date: row.date, amountMinor: row.amountMinor, description: row.description ?? 'transaction' }, account, file.id, key, categorize)]);
        if (!id) throw new FinchError('CONFLICT', `row ${index + 1} was accepted before`);
        row.outcome = 'created';
        row.transactionId = id;
        transactionId = id;
        createdDelta = 1;
      }
    }
    if (action.decision === 'rejected') {
      if (createdId) {
        await deleteTransaction(tx, createdId);
        createdDelta = -1;
      }
      if (row.outcome === 'created') row.outcome = 'rejected';
      row.transactionId = row.outcome === 'duplicate' ? row.transactionId : null;
      transactionId = null;
    }
    row.decision = action.decision;
    await saveRow(tx, file.id, row);
    const rows = await readRows(tx, file.id);
    const review = rows.filter((r) => r.decision !== 'rejected' && r.decision !== 'accepted' && r.decision !== 'edited' && r.reasons.length > 0).length;
    await tx.db
      .updateTable('uploaded_files')
      .set({ created_count: file.created_count + createdDelta, review_count: Math.min(file.review_count, review), updated_at: nowIso() })
      .where('id', '=', file.id)
      .where('user_id', '=', tx.userId)
      .execute();
    return { index, decision: action.decision, transactionId };
  });
}

/** The decisions already taken on a statement's rows, by row index. */
export async function rowDecisions(ctx: Ctx, statementId: string): Promise<Record<number, RowDecision>> {
  const file = await resolveFile(ctx, statementId);
  const out: Record<number, RowDecision> = {};
  for (const r of await readRows(ctx, file.id)) if (r.decision) out[r.index] = r.decision;
  return out;
}
