import { sql } from 'kysely';
import { inTransaction, newId, parseJson, type Ctx, type HistoryState } from '../db/index.js';
import { nowIso } from '../calendar/index.js';

/** Database transactions with an operation open: a nested `withHistory` joins it. */
const recording = new WeakSet<object>();

/** What a recorded operation changed: rows per table and action. */
export type ChangeSummary = Record<string, Partial<Record<'insert' | 'update' | 'delete', number>>>;

export interface HistoryEntry {
  id: string;
  label: string;
  state: Exclude<HistoryState, 'open'>;
  createdAt: string;
  undoneAt: string | null;
  changes: ChangeSummary;
}

/**
 * Runs `fn` as one recorded operation: in one database transaction, with every row it inserts,
 * updates or deletes journaled (by triggers) so `undoLast` can put them back exactly. Called
 * inside another recorded operation it is simply part of that one. An operation that changed
 * nothing leaves no history entry; one that fails leaves nothing at all.
 *
 * ```ts
 * await withHistory(ctx, 'budget apply 2026-05', (tx) => applyTemplate(tx, 'zero-based', { month }));
 * ```
 */
export async function withHistory<T>(ctx: Ctx, label: string, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (recording.has(ctx.db)) return fn(ctx);
  return inTransaction(ctx, async (tx) => {
    recording.add(tx.db);
    try {
      return await recorded(tx, label, fn);
    } finally {
      recording.delete(tx.db);
    }
  });
}

async function recorded<T>(tx: Ctx, label: string, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  const id = newId();
  await tx.db.insertInto('history_ops').values({ id, user_id: tx.userId, label: label.slice(0, 200), state: 'open', summary_json: '{}', created_at: nowIso(), undone_at: null }).execute();
  const result = await fn(tx);
  const summary = await summarize(tx, id);
  if (Object.keys(summary).length === 0) {
    await tx.db.deleteFrom('history_ops').where('id', '=', id).execute();
  } else {
    await tx.db.updateTable('history_ops').set({ state: 'done', summary_json: JSON.stringify(summary) }).where('id', '=', id).execute();
  }
  return result;
}

async function summarize(ctx: Ctx, opId: string): Promise<ChangeSummary> {
  const rows = await ctx.db
    .selectFrom('history_changes')
    .select(['table_name', 'action'])
    .select(sql<number | string>`count(*)`.as('n'))
    .where('op_id', '=', opId)
    .groupBy(['table_name', 'action'])
    .execute();
  const out: ChangeSummary = {};
  for (const r of rows) (out[r.table_name] ??= {})[r.action] = Number(r.n);
  return out;
}

/** Recorded operations, newest first. */
export async function listHistory(ctx: Ctx, options: { limit?: number } = {}): Promise<HistoryEntry[]> {
  const rows = await ctx.db
    .selectFrom('history_ops')
    .selectAll()
    .where('user_id', '=', ctx.userId)
    .where('state', '!=', 'open')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit ?? 50)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    state: r.state as HistoryEntry['state'],
    createdAt: r.created_at,
    undoneAt: r.undone_at,
    changes: parseJson<ChangeSummary>(r.summary_json, {}),
  }));
}
