import { inTransaction, parseJson, type Ctx } from '../db/index.js';
import { FinchError, invalid } from '../errors/index.js';
import { nowIso, toCalendarDate } from '../calendar/index.js';
import { decimalToMinor, minorToDecimal, type CurrencyCode } from '../money/index.js';
import { addTransactions, deleteTransaction, editTransaction, getAccount } from '../ledger/index.js';
import type { ParsedStatement } from './types.js';
import { resolveFile } from './files.js';
import { rowImportKey, rowToInput, type Categorize, type RowOutcome } from './pipeline.js';

/** What a person decided about one parsed row in the comparison view. */
export type RowDecision = 'accepted' | 'edited' | 'rejected';

export interface RowEdit {
  date?: string;
  description?: string;
  /** Signed decimal, like the parsed row: negative is money out. */
  amount?: string;
}

interface StoredWithDecisions {
  statement: ParsedStatement;
  outcomes: RowOutcome[];
  decisions?: Record<string, RowDecision>;
  [key: string]: unknown;
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
    const stored = parseJson<StoredWithDecisions | null>(file.parsed_json, null);
    if (!stored) throw new FinchError('INVALID_INPUT', `statement ${file.id.slice(0, 13)} has no parsed rows`);
    const row = stored.statement.transactions[index];
    if (!row) throw invalid(`statement ${file.id.slice(0, 13)} has no row ${index + 1}`);
    const at = stored.outcomes.findIndex((o) => o.index === index);
    const outcome = at >= 0 ? stored.outcomes[at]! : undefined;
    const createdId = outcome?.outcome === 'created' ? outcome.transactionId : null;
    let transactionId: string | null = createdId;
    let createdDelta = 0;

    if (action.decision === 'edited') {
      const c = action.changes;
      const currency = (file.account_id ? (await getAccount(tx, file.account_id)).currency : (stored.statement.currency ?? ctx.homeCurrency)) as CurrencyCode;
      if (c.date !== undefined) row.date = toCalendarDate(c.date);
      if (c.description !== undefined) {
        if (!c.description.trim()) throw invalid('description must not be empty');
        row.description = c.description.trim();
      }
      if (c.amount !== undefined) {
        const minor = decimalToMinor(c.amount.trim(), currency, 'amount');
        if (minor === 0) throw invalid('amount must not be zero');
        row.amount = minorToDecimal(minor, currency);
      }
      row.confidence = 1;
      row.reviewReasons = [];
      if (createdId) {
        const negative = row.amount.startsWith('-');
        await editTransaction(tx, createdId, {
          date: row.date,
          description: row.description,
          amount: negative ? row.amount : `+${row.amount.replace(/^\+/, '')}`,
          ...(c.amount !== undefined ? { type: negative ? 'expense' : 'income' } : {}),
        });
      }
    }
    if (action.decision === 'accepted') {
      row.confidence = Math.max(row.confidence, 1);
      row.reviewReasons = [];
      if (!outcome && file.account_id) {
        const account = await getAccount(tx, file.account_id);
        const [id] = await addTransactions(tx, [rowToInput(row, account, file.id, `${rowImportKey(file.format, file.sha256, row, index)}:accepted`, categorize)]);
        stored.outcomes.push({ index, outcome: 'created', transactionId: id! });
        transactionId = id!;
        createdDelta = 1;
      }
    }
    if (action.decision === 'rejected') {
      if (createdId) {
        await deleteTransaction(tx, createdId);
        stored.outcomes.splice(at, 1);
        createdDelta = -1;
      }
      transactionId = null;
    }
    stored.decisions = { ...stored.decisions, [String(index)]: action.decision };
    const review = stored.statement.transactions.filter((r, i) => stored.decisions?.[String(i)] !== 'rejected' && (r.reviewReasons?.length ?? 0) > 0).length;
    await tx.db
      .updateTable('uploaded_files')
      .set({ parsed_json: JSON.stringify(stored), created_count: file.created_count + createdDelta, review_count: Math.min(file.review_count, review), updated_at: nowIso() })
      .where('id', '=', file.id)
      .where('user_id', '=', tx.userId)
      .execute();
    return { index, decision: action.decision, transactionId };
  });
}

/** The decisions already taken on a statement's rows, by row index. */
export async function rowDecisions(ctx: Ctx, statementId: string): Promise<Record<number, RowDecision>> {
  const file = await resolveFile(ctx, statementId);
  const stored = parseJson<StoredWithDecisions | null>(file.parsed_json, null);
  const out: Record<number, RowDecision> = {};
  for (const [k, v] of Object.entries(stored?.decisions ?? {})) out[Number(k)] = v;
  return out;
}
