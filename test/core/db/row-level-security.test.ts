import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { describePostgres, PG_URL } from '../../helpers/dialects.js';

const ROLE = 'finch_rls_reader';

// SQLite has no roles: there the scoping is the queries' own (test/core/ledger covers it).
describePostgres('row-level security', (t) => {
  afterEach(() => t.cleanup());

  it('a role that is not the owner sees only the session user\'s rows', async () => {
    const target = t.target();
    const me = await t.open({ db: target });
    const alice = await t.open({ db: target, user: 'alice' });
    await me.transactions.add({ amount: '1', description: 'mine' });
    await alice.transactions.add({ amount: '2', description: 'alices' });
    await me.close();
    await alice.close();
    const schema = new URL(target.replace(/^postgres:/, 'http:')).searchParams.get('schema')!;

    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`do $$ begin if not exists (select from pg_roles where rolname = '${ROLE}') then create role ${ROLE} login; end if; end $$`);
    await admin.query(`grant usage on schema "${schema}" to ${ROLE}`);
    await admin.query(`grant select on all tables in schema "${schema}" to ${ROLE}`);
    await admin.end();

    const url = new URL(PG_URL);
    url.username = ROLE;
    const reader = new pg.Client({ connectionString: url.toString() });
    await reader.connect();
    try {
      await reader.query(`set search_path to "${schema}"`);
      await reader.query(`select set_config('finch.user', 'alice', false)`);
      const seen = await reader.query('select description from transactions order by description');
      expect(seen.rows.map((r) => r.description)).toEqual(['alices']);
      await reader.query(`select set_config('finch.user', 'me', false)`);
      const mine = await reader.query('select description from transactions');
      expect(mine.rows.map((r) => r.description)).toEqual(['mine']);
    } finally {
      await reader.end();
      const cleanup = new pg.Client({ connectionString: PG_URL });
      await cleanup.connect();
      await cleanup.query(`revoke all on all tables in schema "${schema}" from ${ROLE}`);
      await cleanup.query(`revoke usage on schema "${schema}" from ${ROLE}`);
      await cleanup.end();
    }
  });
});
