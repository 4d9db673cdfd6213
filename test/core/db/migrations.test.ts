import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestDb } from '../../helpers/dialects.js';
import { migrations } from '../../../src/core/db/migrations.js';

describe('migrations on open', () => {
  const t = makeTestDb('sqlite');
  afterEach(() => t.cleanup());

  it('records every migration, and applies one a ledger is missing the next time it is opened', async () => {
    const finch = await t.open();
    const file = finch.location;
    await finch.close();
    const names = () => {
      const db = new Database(file);
      try {
        return {
          applied: db.prepare('select name from kysely_migration order by name').all().map((r) => (r as { name: string }).name),
          index: db.prepare("select name from sqlite_master where type = 'index' and name = 'transactions_report'").all().length,
        };
      } finally {
        db.close();
      }
    };
    expect(names()).toEqual({ applied: Object.keys(migrations).sort(), index: 1 });
    // An older ledger: the last migration not applied yet (migrations are idempotent, so running
    // it again over what it already made is fine; Kysely requires the missing one to be the last).
    const last = Object.keys(migrations).sort().at(-1)!;
    const db = new Database(file);
    db.prepare('delete from kysely_migration where name = ?').run(last);
    db.close();
    expect(names()).toEqual({ applied: Object.keys(migrations).sort().slice(0, -1), index: 1 });
    await (await t.open({ db: file })).close();
    expect(names()).toEqual({ applied: Object.keys(migrations).sort(), index: 1 });
  });
});
