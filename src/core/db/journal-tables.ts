import { type Kysely, sql } from 'kysely';

/*
 * The change journal under `finch undo` (src/core/history). While an operation is open (a row of
 * history_ops in state 'open', inserted and closed inside the writing transaction, so no other
 * connection ever sees it), triggers copy every row a statement inserts (its new image) or updates
 * and deletes (its old image) into history_changes. Triggers, not calls in each module, so a
 * module's writes are journaled without its cooperation, cascades included.
 *
 * Journaled: every table with a user_id column and a primary key, except caches and queues whose
 * rows are not the user's data. SQLite triggers name each column, so they are rebuilt whenever a
 * migration runs (`refreshJournalTriggers`); Postgres uses one function over `to_jsonb` of the row
 * and statement-level triggers with transition tables (a bulk insert is one journal insert).
 */

const NOT_JOURNALED = new Set(['ai_usage', 'ai_cache', 'jobs', 'history_ops', 'history_changes', 'users']);

export interface JournaledTable {
  name: string;
  columns: string[];
  primaryKey: string[];
  /** Tables this one references (parents); restores go parents first. */
  references: string[];
}

type Db = Kysely<any>;

async function isPostgres(db: Db): Promise<boolean> {
  return sql<{ v: string }>`select version() as v`
    .execute(db)
    .then((r) => /postgres/i.test(r.rows[0]?.v ?? ''))
    .catch(() => false);
}

async function sqliteTables(db: Db): Promise<JournaledTable[]> {
  const names = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(db);
  const out: JournaledTable[] = [];
  for (const { name } of names.rows) {
    const cols = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${name})`.execute(db);
    const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(db);
    out.push({
      name,
      columns: cols.rows.map((c) => c.name),
      primaryKey: cols.rows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
      references: [...new Set(fks.rows.map((f) => f.table))],
    });
  }
  return out;
}

async function postgresTables(db: Db): Promise<JournaledTable[]> {
  const cols = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() order by table_name, ordinal_position`.execute(db);
  const pks = await sql<{ table_name: string; column_name: string }>`
    select tc.table_name, kcu.column_name from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
    where tc.table_schema = current_schema() and tc.constraint_type = 'PRIMARY KEY' order by kcu.ordinal_position`.execute(db);
  const fks = await sql<{ child: string; parent: string }>`
    select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent from pg_constraint c
    join pg_namespace n on n.oid = c.connamespace where c.contype = 'f' and n.nspname = current_schema()`.execute(db);
  const bare = (t: string) => t.replace(/^.*\./, '').replace(/"/g, '');
  const byTable = new Map<string, JournaledTable>();
  for (const c of cols.rows) {
    if (c.table_name.startsWith('kysely_')) continue;
    const t = byTable.get(c.table_name) ?? { name: c.table_name, columns: [], primaryKey: [], references: [] };
    t.columns.push(c.column_name);
    byTable.set(c.table_name, t);
  }
  for (const k of pks.rows) byTable.get(k.table_name)?.primaryKey.push(k.column_name);
  for (const f of fks.rows) {
    const t = byTable.get(bare(f.child));
    if (t && !t.references.includes(bare(f.parent))) t.references.push(bare(f.parent));
  }
  return [...byTable.values()];
}

/** The journaled tables, parents before children (by their foreign keys). */
export async function journaledTables(db: Db): Promise<JournaledTable[]> {
  const all = (await isPostgres(db)) ? await postgresTables(db) : await sqliteTables(db);
  const kept = all.filter((t) => !NOT_JOURNALED.has(t.name) && t.columns.includes('user_id') && t.primaryKey.length > 0);
  const byName = new Map(kept.map((t) => [t.name, t]));
  const ordered: JournaledTable[] = [];
  const seen = new Set<string>();
  const visit = (t: JournaledTable) => {
    if (seen.has(t.name)) return;
    seen.add(t.name);
    for (const parent of t.references) {
      const p = byName.get(parent);
      if (p) visit(p);
    }
    ordered.push(t);
  };
  for (const t of [...kept].sort((a, b) => a.name.localeCompare(b.name))) visit(t);
  return ordered;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** (Re)creates the capture triggers on every journaled table; safe to run any number of times. */
export async function refreshJournalTriggers(db: Db): Promise<void> {
  const tables = await journaledTables(db);
  if (await isPostgres(db)) {
    await sql.raw(`
      create or replace function finch_history_capture() returns trigger language plpgsql as $fn$
      declare op_id text; op_user text;
      begin
        select id, user_id into op_id, op_user from history_ops where state = 'open' limit 1;
        if op_id is null then return null; end if;
        insert into history_changes (op_id, user_id, table_name, action, row_json)
          select op_id, op_user, tg_table_name, lower(tg_op), to_jsonb(c)::text from finch_changed c;
        return null;
      end $fn$`).execute(db);
    for (const t of tables) {
      for (const [event, image] of [['insert', 'new'], ['update', 'old'], ['delete', 'old']] as const) {
        const trigger = ident(`finch_history_${event}`);
        await sql.raw(`drop trigger if exists ${trigger} on ${ident(t.name)}`).execute(db);
        await sql.raw(`create trigger ${trigger} after ${event} on ${ident(t.name)} referencing ${image} table as finch_changed for each statement execute function finch_history_capture()`).execute(db);
      }
    }
    return;
  }
  for (const t of tables) {
    for (const [event, image] of [['insert', 'NEW'], ['update', 'OLD'], ['delete', 'OLD']] as const) {
      const trigger = ident(`finch_history_${t.name}_${event}`);
      const json = `json_object(${t.columns.map((c) => `'${c.replace(/'/g, "''")}', ${image}.${ident(c)}`).join(', ')})`;
      await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
      await sql.raw(`create trigger ${trigger} after ${event} on ${ident(t.name)} when exists (select 1 from history_ops where state = 'open')
        begin insert into history_changes (op_id, user_id, table_name, action, row_json)
          select id, user_id, '${t.name}', '${event}', ${json} from history_ops where state = 'open'; end`).execute(db);
    }
  }
}
