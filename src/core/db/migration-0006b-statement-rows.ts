import { type Kysely, type Migration, sql } from 'kysely';
import { decimalToMinor, isCurrencyCode, type CurrencyCode } from '../money/index.js';

/*
 * 0006b_statement_rows (issue #11): the database, not check-then-insert, keeps a file and a
 * transaction from being imported twice, and a statement's rows live in their own table.
 *
 * - Unique (user_id, sha256) on uploaded_files and unique (user_id, account, import_key) on
 *   transactions. Old databases may already hold doubles (concurrent imports made them): those are
 *   resolved first, keeping the oldest, so the migration never fails on them.
 * - uploaded_files.claimed_by / claimed_at: which process is importing a file, so a crashed one
 *   can be told from a live one.
 * - statement_rows: one row per statement row (read or not), its outcome and the person's decision,
 *   backfilled from the rows old imports kept in uploaded_files.parsed_json.
 * SQLite runs migrations outside a transaction: every step can run again.
 */

// Postgres runs a migration in a transaction that one failed statement aborts: ask in a way
// that succeeds there (SQLite has no version()).
async function isSqlite(db: Kysely<any>): Promise<boolean> {
  return sql`select version() as v`.execute(db).then(
    () => false,
    () => true,
  );
}

async function addColumnOnce(db: Kysely<any>, sqlite: boolean, table: string, column: string, type: string): Promise<void> {
  if (!sqlite) {
    await sql.raw(`alter table ${table} add column if not exists ${column} ${type}`).execute(db);
    return;
  }
  const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  if (!rows.some((r) => r.name === column)) await sql.raw(`alter table ${table} add column ${column} ${type}`).execute(db);
}

/** Transactions that repeat an import key in the same account: all but the oldest go. */
async function dropDuplicateTransactions(db: Kysely<any>): Promise<void> {
  await sql`
    delete from transactions where id in (
      select id from (
        select id, row_number() over (partition by user_id, coalesce(account_id, ''), import_key order by created_at, id) as n
        from transactions where import_key is not null
      ) ranked where n > 1
    )`.execute(db);
}

/**
 * Files recorded twice for the same bytes: the one that finished (else the oldest) is kept; the
 * others' remaining transactions move to it, and their own records (logs, merges) go.
 */
async function mergeDuplicateFiles(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ id: string; keep: string }>`
    select id, keep from (
      select id,
        first_value(id) over w as keep,
        row_number() over w as n
      from uploaded_files
      window w as (partition by user_id, sha256
        order by case when status in ('completed', 'needs_review') then 0 else 1 end, created_at, id
        rows between unbounded preceding and unbounded following)
    ) ranked where n > 1`.execute(db);
  for (const r of rows) {
    await sql`update transactions set source_ref = ${r.keep} where source = 'statement' and source_ref = ${r.id}`.execute(db);
    await sql`delete from uploaded_files where id = ${r.id}`.execute(db);
  }
  for (const keep of new Set(rows.map((r) => r.keep))) {
    await sql`update uploaded_files set created_count = (select count(*) from transactions t where t.source = 'statement' and t.source_ref = ${keep}) where id = ${keep}`.execute(db);
  }
}

async function createStatementRows(db: Kysely<any>, sqlite: boolean): Promise<void> {
  await db.schema
    .createTable('statement_rows')
    .ifNotExists()
    .addColumn('file_id', 'text', (c) => c.notNull().references('uploaded_files.id').onDelete('cascade'))
    .addColumn('row_index', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('page', 'integer')
    .addColumn('line_indexes_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('date', 'text')
    .addColumn('amount_minor', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('description', 'text')
    .addColumn('balance_minor', 'bigint')
    .addColumn('confidence', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('reasons_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('transaction_id', 'text', (c) => c.references('transactions.id').onDelete('set null'))
    .addColumn('duplicate_file_id', 'text')
    .addColumn('import_key', 'text')
    .addColumn('decision', 'text')
    .addPrimaryKeyConstraint('statement_rows_pk', ['file_id', 'row_index'])
    // SQLite: the rows live in the primary key's b-tree, not in a rowid table beside it (one tree
    // less to write for each of a 100k-row import's rows).
    .$call((b) => (sqlite ? b.modifyEnd(sql`without rowid`) : b))
    .execute();
  // Deleting a transaction sets its rows' transaction_id to null: without this index every
  // delete would scan the table.
  await db.schema
    .createIndex('statement_rows_transaction')
    .ifNotExists()
    .on('statement_rows')
    .column('transaction_id')
    .where(sql.ref('transaction_id'), 'is not', null)
    .execute();
}

interface OldStored {
  statement?: { currency?: string | null; transactions?: Array<{ date: string; description: string; amount: string; confidence?: number; balance?: string | null; source?: { page?: number; lineIndexes?: number[]; text?: string }; importKey?: string; reviewReasons?: string[] }> };
  outcomes?: Array<{ index: number; outcome: 'created' | 'duplicate'; transactionId?: string; duplicateOf?: string; duplicateFile?: string | null }>;
  decisions?: Record<string, 'accepted' | 'edited' | 'rejected'>;
}

/** Rows of imports made before this migration, from the JSON they were kept in. */
async function backfillRows(db: Kysely<any>): Promise<void> {
  const files = await sql<{ id: string; user_id: string; parsed_json: string; currency: string | null }>`
    select f.id, f.user_id, f.parsed_json, a.currency from uploaded_files f left join accounts a on a.id = f.account_id
    where f.parsed_json is not null and not exists (select 1 from statement_rows r where r.file_id = f.id)`.execute(db);
  for (const f of files.rows) {
    let stored: OldStored;
    try {
      stored = JSON.parse(f.parsed_json) as OldStored;
    } catch {
      continue;
    }
    const rows = stored.statement?.transactions ?? [];
    const code = f.currency ?? stored.statement?.currency ?? null;
    const currency = code && isCurrencyCode(code) ? (code as CurrencyCode) : null;
    const minor = (v: string | null | undefined) => {
      if (v == null || !currency) return null;
      try {
        return decimalToMinor(v, currency);
      } catch {
        return null;
      }
    };
    const existing = new Set((await sql<{ id: string }>`select id from transactions where source_ref = ${f.id}`.execute(db)).rows.map((r) => r.id));
    const values = rows.map((r, index) => {
      const o = stored.outcomes?.find((x) => x.index === index);
      const decision = stored.decisions?.[String(index)] ?? null;
      const linked = o?.outcome === 'created' ? o.transactionId : o?.outcome === 'duplicate' ? o.duplicateOf : undefined;
      const outcome = decision === 'rejected' ? 'rejected' : o ? o.outcome : 'needs_review';
      return {
        file_id: f.id,
        row_index: index,
        user_id: f.user_id,
        raw: r.source?.text ?? '',
        page: r.source?.page ?? null,
        line_indexes_json: JSON.stringify(r.source?.lineIndexes ?? []),
        date: r.date,
        amount_minor: minor(r.amount),
        currency,
        description: r.description,
        balance_minor: minor(r.balance),
        confidence: r.confidence ?? 1,
        reasons_json: JSON.stringify(r.reviewReasons ?? []),
        outcome,
        // A created transaction deleted since has no row to point at (foreign key).
        transaction_id: linked && (o?.outcome === 'duplicate' || existing.has(linked)) ? linked : null,
        duplicate_file_id: o?.outcome === 'duplicate' ? (o.duplicateFile ?? null) : null,
        import_key: r.importKey ?? null,
        decision,
      };
    });
    for (let i = 0; i < values.length; i += 500) {
      await db.insertInto('statement_rows').values(values.slice(i, i + 500)).onConflict((oc) => oc.doNothing()).execute();
    }
  }
}

async function rowLevelSecurity(db: Kysely<any>): Promise<void> {
  await sql`alter table statement_rows enable row level security`.execute(db);
  await sql`drop policy if exists finch_user_scope on statement_rows`.execute(db);
  await sql`create policy finch_user_scope on statement_rows using (
    coalesce(current_setting('finch.user', true), '') = ''
    or user_id = (select u.id from users u where u.name = current_setting('finch.user', true))
  )`.execute(db);
}

export const statementRowsMigration: Migration = {
  async up(db: Kysely<any>) {
    const sqlite = await isSqlite(db);
    await addColumnOnce(db, sqlite, 'uploaded_files', 'claimed_by', 'text');
    await addColumnOnce(db, sqlite, 'uploaded_files', 'claimed_at', 'text');

    await dropDuplicateTransactions(db);
    await sql`create unique index if not exists transactions_import_key_unique on transactions (user_id, coalesce(account_id, ''), import_key) where import_key is not null`.execute(db);
    // The unique index answers every lookup the old one did: one index less for each insert.
    await db.schema.dropIndex('transactions_user_import_key').ifExists().execute();

    await mergeDuplicateFiles(db);
    await db.schema.createIndex('uploaded_files_user_sha_unique').ifNotExists().unique().on('uploaded_files').columns(['user_id', 'sha256']).execute();
    await db.schema.dropIndex('uploaded_files_user_sha').ifExists().execute();

    await createStatementRows(db, sqlite);
    await backfillRows(db);
    if (!sqlite) await rowLevelSecurity(db);
  },
};
