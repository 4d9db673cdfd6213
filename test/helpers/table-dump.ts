import { sql } from 'kysely';
import { journaledTables } from '../../src/core/db/index.js';
import type { Finch } from '../../src/core/index.js';

/** Every journaled table's rows, ordered by primary key: two dumps are equal when the data is. */
export async function dumpTables(finch: Finch): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of await journaledTables(finch.ctx.db)) {
    const order = sql.join(t.primaryKey.map((k) => sql.ref(k)));
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(t.name)} order by ${order}`.execute(finch.ctx.db);
    out[t.name] = rows;
  }
  return out;
}
