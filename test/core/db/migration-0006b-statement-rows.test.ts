import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';

describeEachDialect('migration 0006b_statement_rows on a ledger that already holds doubles', (t) => {
  afterEach(() => t.cleanup());

  it('keeps the oldest of each double, moves rows out of parsed_json, then makes file hash and import key unique', async () => {
    const db = t.target();
    let finch = await t.open({ db });
    const a = await finch.accounts.add({ name: 'Checking', currency: 'USD' });
    const b = await finch.accounts.add({ name: 'Savings', currency: 'USD' });
    let k = finch.ctx.db;
    const user = finch.ctx.userId;
    // Back to a ledger from before the migration (what concurrent imports left behind).
    await sql`drop index if exists transactions_import_key_unique`.execute(k);
    await sql`drop index if exists uploaded_files_user_sha_unique`.execute(k);
    await sql`drop table if exists statement_rows`.execute(k);
    await sql`create index transactions_user_import_key on transactions (user_id, import_key)`.execute(k);
    await sql`delete from kysely_migration where name = '0006b_statement_rows'`.execute(k);
    const file = (id: string, at: string, parsed: unknown) => sql`
      insert into uploaded_files (id, user_id, account_id, filename, sha256, size_bytes, format, storage_path, raw_text, parsed_json, status, error, duplicate_of, period_start, period_end, created_count, skipped_count, review_count, created_at, updated_at)
      values (${id}, ${user}, ${a.id}, 'may.csv', 'samebytes', 10, 'csv', '/x', null, ${parsed === null ? null : JSON.stringify(parsed)}, 'completed', null, null, '2024-05-01', '2024-05-03', 3, 0, 0, ${at}, ${at})`.execute(k);
    const tx = (id: string, account: string, key: string, fileId: string, at: string, day: number) => sql`
      insert into transactions (id, user_id, account_id, date, amount_minor, currency, description, merchant, category_id, type, notes, source, source_ref, import_key, created_at, updated_at)
      values (${id}, ${user}, ${account}, ${`2024-05-0${day}`}, -450, 'USD', 'COFFEE', null, null, 'expense', null, 'statement', ${fileId}, ${key}, ${at}, ${at})`.execute(k);
    const rows = [1, 2, 3].map((d) => ({ date: `2024-05-0${d}`, description: 'COFFEE', amount: '-4.50', confidence: 1, source: { page: 1, lineIndexes: [d], text: `2024-05-0${d},COFFEE,-4.50` } }));
    await file('file-old', '2024-06-01T00:00:00.000Z', { statement: { currency: 'USD', transactions: rows }, outcomes: [0, 1, 2].map((i) => ({ index: i, outcome: 'created', transactionId: `old-${i}` })), decisions: { 2: 'accepted' } });
    await file('file-new', '2024-06-01T00:00:01.000Z', null);
    for (const i of [0, 1, 2]) {
      await tx(`old-${i}`, a.id, `k${i}`, 'file-old', '2024-06-01T00:00:00.000Z', i + 1);
      await tx(`new-${i}`, a.id, `k${i}`, 'file-new', '2024-06-01T00:00:01.000Z', i + 1);
    }
    await tx('other-account', b.id, 'k0', 'f-elsewhere', '2024-06-01T00:00:02.000Z', 1); // same key, another account: not a double
    await finch.close();

    finch = await t.open({ db }); // runs the migration
    try {
      const k2 = finch.ctx.db;
      k = k2;
      const ids = (await sql<{ id: string }>`select id from transactions order by id`.execute(k2)).rows.map((r) => r.id);
      expect(ids).toEqual(['old-0', 'old-1', 'old-2', 'other-account']);
      const files = (await sql<{ id: string; created_count: number }>`select id, created_count from uploaded_files`.execute(k2)).rows;
      expect(files.map((f) => [f.id, Number(f.created_count)])).toEqual([['file-old', 3]]);
      const stRows = (await sql<{ row_index: number; outcome: string; transaction_id: string; amount_minor: number; decision: string | null }>`select row_index, outcome, transaction_id, amount_minor, decision from statement_rows where file_id = 'file-old' order by row_index`.execute(k2)).rows;
      expect(stRows.map((r) => [Number(r.row_index), r.outcome, r.transaction_id, Number(r.amount_minor), r.decision])).toEqual([
        [0, 'created', 'old-0', -450, null],
        [1, 'created', 'old-1', -450, null],
        [2, 'created', 'old-2', -450, 'accepted'],
      ]);
      const cmp = await finch.statements.compare('file-old');
      expect(cmp.rows.map((r) => r.amount)).toEqual(['-4.50', '-4.50', '-4.50']);
      // From now on the database itself refuses doubles.
      await expect(tx('again', a.id, 'k1', 'file-old', '2024-06-02T00:00:00.000Z', 2)).rejects.toThrow(/unique|UNIQUE/);
      await expect(file('f-third', '2024-06-03T00:00:00.000Z', null)).rejects.toThrow(/unique|UNIQUE/);
    } finally {
      await finch.close();
    }
  });
});
