import { inTransaction, journaledTables, parseJson, type Ctx, type JournaledTable } from '../db/index.js';
import { notFound } from '../errors/index.js';
import { nowIso } from '../calendar/index.js';
import { type HistoryEntry, listHistory } from './journal.js';

type Row = Record<string, unknown>;

interface RowState {
  table: JournaledTable;
  key: Row;
  /** The row before the operation; null when the operation created it. */
  before: Row | null;
}

/**
 * Reverts the most recent operation not yet undone: every row it created is deleted and every
 * row it changed or deleted gets back exactly its old image, in one database transaction (which
 * records nothing itself). Returns what was undone.
 */
export async function undoLast(ctx: Ctx): Promise<HistoryEntry> {
  return inTransaction(ctx, async (tx) => {
    const op = await tx.db
      .selectFrom('history_ops')
      .select(['id'])
      .where('user_id', '=', tx.userId)
      .where('state', '=', 'done')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!op) throw notFound('nothing to undo (see: finch history)');
    const states = await rowStates(tx, op.id);
    await restore(tx, states);
    await tx.db.updateTable('history_ops').set({ state: 'undone', undone_at: nowIso() }).where('id', '=', op.id).execute();
    await tx.db.deleteFrom('history_changes').where('op_id', '=', op.id).execute();
    return (await listHistory(tx, { limit: 1000 })).find((h) => h.id === op.id)!;
  });
}

/** Per changed row, its state before the operation: the image of the first change to it. */
async function rowStates(ctx: Ctx, opId: string): Promise<RowState[]> {
  const tables = new Map((await journaledTables(ctx.db)).map((t) => [t.name, t]));
  const changes = await ctx.db.selectFrom('history_changes').selectAll().where('op_id', '=', opId).orderBy('seq').execute();
  const seen = new Map<string, RowState>();
  for (const c of changes) {
    const table = tables.get(c.table_name);
    if (!table) continue; // a table dropped since: nothing to put back
    const row = parseJson<Row>(c.row_json, {});
    const key = Object.fromEntries(table.primaryKey.map((k) => [k, row[k]]));
    const id = `${table.name}\u0000${JSON.stringify(table.primaryKey.map((k) => row[k]))}`;
    if (!seen.has(id)) seen.set(id, { table, key, before: c.action === 'insert' ? null : row });
  }
  return [...seen.values()];
}

async function restore(ctx: Ctx, states: RowState[]): Promise<void> {
  const order = new Map((await journaledTables(ctx.db)).map((t, i) => [t.name, i]));
  const rank = (s: RowState) => order.get(s.table.name) ?? 0;
  // Children go before parents when deleting, parents before children when putting back.
  const created = states.filter((s) => s.before === null).sort((a, b) => rank(b) - rank(a));
  for (const s of created) {
    let q = ctx.db.deleteFrom(s.table.name as 'transactions');
    for (const [k, v] of Object.entries(s.key)) q = q.where(k as 'id', '=', v as string);
    await q.execute();
  }
  const changed = states.filter((s) => s.before !== null).sort((a, b) => rank(a) - rank(b));
  for (const s of changed) {
    const image = Object.fromEntries(s.table.columns.filter((c) => c in s.before!).map((c) => [c, s.before![c]]));
    let q = ctx.db.updateTable(s.table.name as 'transactions').set(image as never);
    for (const [k, v] of Object.entries(s.key)) q = q.where(k as 'id', '=', v as string);
    const r = await q.executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) await ctx.db.insertInto(s.table.name as 'transactions').values(image as never).execute();
  }
}
