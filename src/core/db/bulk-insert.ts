import type { Ctx } from './context.js';
import type { Database } from './schema.js';

/**
 * Inserts many rows of one table inside the caller's transaction.
 *
 * On SQLite it reuses one prepared single-row statement on the raw better-sqlite3 handle: Kysely's
 * driver prepares each multi-row statement afresh, which made 100k rows take 5 s instead of ~1 s.
 * The handle is the same single connection Kysely's transaction runs on, so the rows are part of
 * that transaction. On Postgres, multi-row inserts in chunks (65,535 bound values at most).
 *
 * With `skipConflicts`, a row that would break a unique constraint is left out (ON CONFLICT DO
 * NOTHING, on both databases) and the result says which rows went in, by the value of
 * `skipConflicts.key` (a column every row sets uniquely, such as the id).
 */
export async function bulkInsert<T extends keyof Database & string>(
  ctx: Ctx,
  table: T,
  rows: ReadonlyArray<Database[T]>,
  options: { skipConflicts?: { key: keyof Database[T] & string } } = {},
): Promise<Set<unknown> | null> {
  const inserted = options.skipConflicts ? new Set<unknown>() : null;
  if (rows.length === 0) return inserted;
  const columns = Object.keys(rows[0] as object);
  if (ctx.sqlite) {
    const statement = ctx.sqlite.prepare(
      `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})${inserted ? ' on conflict do nothing' : ''}`,
    );
    const key = options.skipConflicts?.key;
    // One reused values array: better-sqlite3 binds it immediately, and 100k fresh arrays were
    // a measurable share of the import's garbage-collection time.
    const values: unknown[] = new Array(columns.length);
    for (const row of rows) {
      const r = row as unknown as Record<string, unknown>;
      for (let i = 0; i < columns.length; i++) values[i] = r[columns[i]!] ?? null;
      const { changes } = statement.run(values);
      if (inserted && changes === 1) inserted.add(r[key!]);
    }
    return inserted;
  }
  const chunk = Math.max(1, Math.floor(30_000 / columns.length));
  for (let i = 0; i < rows.length; i += chunk) {
    const q = ctx.db.insertInto(table).values(rows.slice(i, i + chunk) as never);
    if (!inserted) {
      await q.execute();
      continue;
    }
    const key = options.skipConflicts!.key;
    const out = (await q
      .onConflict((oc) => oc.doNothing())
      .returning(key as never)
      .execute()) as Array<Record<string, unknown>>;
    for (const r of out) inserted.add(r[key]);
  }
  return inserted;
}
