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
    if (!op) throw notFound('nothing to undo', 'history');
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

// Rows per statement when a table has a one-column key; well inside SQLite's bound-value limit.
const CHUNK = 500;

async function restore(ctx: Ctx, states: RowState[]): Promise<void> {
  const order = new Map((await journaledTables(ctx.db)).map((t, i) => [t.name, i]));
  const byTable = (list: RowState[]) => {
    const out = new Map<string, RowState[]>();
    for (const s of list) {
      const rows = out.get(s.table.name);
      if (rows) rows.push(s);
      else out.set(s.table.name, [s]);
    }
    return [...out.values()].sort((a, b) => (order.get(a[0]!.table.name) ?? 0) - (order.get(b[0]!.table.name) ?? 0));
  };
  // Children go before parents when deleting, parents before children when putting back.
  for (const rows of byTable(states.filter((s) => s.before === null)).reverse()) await deleteRows(ctx, rows);
  for (const rows of byTable(states.filter((s) => s.before !== null))) await putBack(ctx, rows);
}

/** `where` one of these keys: (k1 = a and k2 = b) or (…), for any primary key. */
function anyKey(keys: Row[]) {
  return (eb: any) => eb.or(keys.map((key) => eb.and(Object.entries(key).map(([k, v]) => eb(k, '=', v)))));
}

const keyId = (key: Row) => JSON.stringify(Object.values(key));

async function deleteRows(ctx: Ctx, rows: RowState[]): Promise<void> {
  const table = rows[0]!.table.name as 'transactions';
  const step = Math.floor(CHUNK / rows[0]!.table.primaryKey.length);
  for (let i = 0; i < rows.length; i += step) {
    await ctx.db.deleteFrom(table).where(anyKey(rows.slice(i, i + step).map((r) => r.key))).execute();
  }
}

/** Rows that are gone are inserted again, in batches; rows still there get their old values back. */
async function putBack(ctx: Ctx, rows: RowState[]): Promise<void> {
  const table = rows[0]!.table;
  const name = table.name as 'transactions';
  const image = (r: RowState) => Object.fromEntries(table.columns.filter((c) => c in r.before!).map((c) => [c, r.before![c]]));
  const step = Math.floor(CHUNK / table.primaryKey.length);
  const existing = new Set<string>();
  for (let i = 0; i < rows.length; i += step) {
    const found = await ctx.db.selectFrom(name).select(table.primaryKey as 'id'[]).where(anyKey(rows.slice(i, i + step).map((r) => r.key))).execute();
    for (const f of found as Row[]) existing.add(keyId(Object.fromEntries(table.primaryKey.map((k) => [k, f[k]]))));
  }
  const present = rows.filter((r) => existing.has(keyId(r.key)));
  const missing = rows.filter((r) => !existing.has(keyId(r.key)));
  for (const r of present) {
    await ctx.db.updateTable(name).set(image(r) as never).where(anyKey([r.key])).execute();
  }
  const perChunk = Math.max(1, Math.floor((CHUNK * 8) / Math.max(1, table.columns.length)));
  for (let i = 0; i < missing.length; i += perChunk) {
    await ctx.db.insertInto(name).values(missing.slice(i, i + perChunk).map(image) as never).execute();
  }
}
