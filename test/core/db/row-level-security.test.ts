import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { openFinch } from '../../../src/core/index.js';
import { describePostgres, PG_URL } from '../../helpers/dialects.js';

/** A login role with a unique name (roles are cluster-wide), dropped after the test. */
async function withRoles<T>(count: number, fn: (roles: string[]) => Promise<T>): Promise<T> {
  const roles = Array.from({ length: count }, () => `finch_rls_${randomBytes(5).toString('hex')}`);
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    // NOCREATEDB and (PostgreSQL's default) no CREATE on the database: the app roles of a shared server.
    for (const r of roles) await admin.query(`create role ${r} login`);
    return await fn(roles);
  } finally {
    for (const r of roles) {
      await admin.query(`drop owned by ${r}`).catch(() => undefined);
      await admin.query(`drop role if exists ${r}`);
    }
    await admin.end();
  }
}

function urlAs(role: string, schema?: string): string {
  const url = new URL(PG_URL);
  url.username = role;
  if (schema) url.searchParams.set('schema', schema);
  return url.toString();
}

const schemaOf = (target: string) => new URL(target.replace(/^postgres:/, 'http:')).searchParams.get('schema')!;

// SQLite has no roles: there the scoping is the queries' own (test/core/ledger covers it).
describePostgres('row-level security', (t) => {
  afterEach(() => t.cleanup());

  async function twoProfiles(): Promise<string> {
    const target = t.target();
    const me = await t.open({ db: target });
    const alice = await t.open({ db: target, user: 'alice' });
    await me.transactions.add({ amount: '1', description: 'mine' });
    await alice.transactions.add({ amount: '2', description: 'alices' });
    await me.close();
    await alice.close();
    return target;
  }

  it('a role linked to nothing sees no rows at all, whatever it sets', async () => {
    const target = await twoProfiles();
    const schema = schemaOf(target);
    await withRoles(1, async ([role]) => {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      // Even with every table privilege, the policy decides.
      await admin.query(`grant usage on schema "${schema}" to ${role}`);
      await admin.query(`grant select, insert, update, delete on all tables in schema "${schema}" to ${role}`);
      await admin.end();
      const c = new pg.Client({ connectionString: urlAs(role!) });
      await c.connect();
      try {
        await c.query(`set search_path to "${schema}"`);
        expect((await c.query('select description from transactions')).rows).toEqual([]);
        await c.query(`select set_config('finch.user', 'alice', false)`);
        expect((await c.query('select description from transactions')).rows).toEqual([]);
        await c.query(`set "finch.user" = 'me'`);
        expect((await c.query('select description from transactions')).rows).toEqual([]);
        expect((await c.query('select name from users')).rows).toEqual([]);
        // It cannot link itself either.
        const me = await admin2Query(`select id from "${schema}".users where name = 'me'`);
        await expect(c.query(`insert into finch_roles (role_name, user_id, created_at) values (current_user, $1, 'x')`, [me])).rejects.toThrow(/row-level security|permission/);
      } finally {
        await c.end();
      }
    });
  });

  it('a linked role sees only its profile and cannot become another by set_config, SET, RESET, SET ROLE or re-linking', async () => {
    const target = await twoProfiles();
    const schema = schemaOf(target);
    await withRoles(2, async ([aliceRole, meRole]) => {
      const owner = await openFinch({ db: target, user: 'alice', home: t.home(), env: {} });
      await owner.grantRole(aliceRole!);
      await owner.close();
      const ownerMe = await openFinch({ db: target, user: 'me', home: t.home(), env: {} });
      await ownerMe.grantRole(meRole!);
      await ownerMe.close();

      const c = new pg.Client({ connectionString: urlAs(aliceRole!) });
      await c.connect();
      const seen = async () => (await c.query('select description from transactions order by description')).rows.map((r) => r.description);
      try {
        await c.query(`set search_path to "${schema}"`);
        expect(await seen()).toEqual(['alices']);
        await c.query(`select set_config('finch.user', 'me', false)`);
        expect(await seen()).toEqual(['alices']);
        await c.query(`set "finch.user" to 'me'`);
        await c.query('reset all');
        await c.query(`set search_path to "${schema}"`);
        expect(await seen()).toEqual(['alices']);
        await expect(c.query(`set role ${meRole}`)).rejects.toThrow(/permission denied/);
        await expect(c.query(`set session authorization ${meRole}`)).rejects.toThrow(/permission denied/);
        await c.query('reset role');
        expect(await seen()).toEqual(['alices']);
        // Re-pointing its own link, or writing rows for someone else, is refused.
        const meId = await admin2Query(`select id from "${schema}".users where name = 'me'`);
        await expect(c.query(`update finch_roles set user_id = $1`, [meId])).rejects.toThrow(/permission denied/);
        await expect(c.query(`update users set name = 'x'`)).rejects.toThrow(/permission denied/);
        const acct = await admin2Query(`select id from "${schema}".accounts where user_id = '${meId}' limit 1`);
        await expect(
          c.query(
            `insert into transactions (id, user_id, account_id, date, amount_minor, currency, description, type, created_at, updated_at)
             values ('x', $1, $2, '2024-01-01', 1, 'USD', 'forged', 'expense', 'x', 'x')`,
            [meId, acct],
          ),
        ).rejects.toThrow(/row-level security|violates|null value|column/);
        expect((await c.query(`update transactions set description = 'hijacked' where user_id = $1`, [meId])).rowCount).toBe(0);
        expect((await c.query('delete from transactions where user_id = $1', [meId])).rowCount).toBe(0);
      } finally {
        await c.end();
      }
      expect(await admin2Query(`select description from "${schema}".transactions t join "${schema}".users u on u.id = t.user_id where u.name = 'me'`)).toBe('mine');
    });
  });

  it('finch runs as a linked role with ?schema= and no CREATE right, and stays in its profile', async () => {
    const target = await twoProfiles();
    const schema = schemaOf(target);
    await withRoles(1, async ([role]) => {
      const owner = await openFinch({ db: target, user: 'alice', home: t.home(), env: {} });
      await owner.grantRole(role!);
      await owner.close();
      const app = await openFinch({ db: urlAs(role!, schema), home: t.home(), env: {} });
      try {
        expect(app.user.name).toBe('alice');
        expect((await app.transactions.list()).map((x) => x.description)).toEqual(['alices']);
        await app.transactions.add({ amount: '3', description: 'via app role' });
        expect((await app.transactions.list()).map((x) => x.description).sort()).toEqual(['alices', 'via app role']);
      } finally {
        await app.close();
      }
      await expect(openFinch({ db: urlAs(role!, schema), user: 'me', home: t.home(), env: {} })).rejects.toThrow(/acts as profile "alice", not "me"/);
    });
  });

  it('an unlinked role running finch is told so instead of seeing an empty ledger', async () => {
    const target = await twoProfiles();
    const schema = schemaOf(target);
    await withRoles(1, async ([role]) => {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`grant usage on schema "${schema}" to ${role}`);
      await admin.query(`grant select on all tables in schema "${schema}" to ${role}`);
      await admin.end();
      await expect(openFinch({ db: urlAs(role!, schema), home: t.home(), env: {} })).rejects.toThrow(/not linked to a finch profile/);
    });
  });
});

async function admin2Query(text: string): Promise<string> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    const r = await c.query(text);
    return Object.values(r.rows[0] ?? {})[0] as string;
  } finally {
    await c.end();
  }
}
