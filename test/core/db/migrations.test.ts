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
          assertions: db.prepare("select name from sqlite_master where type = 'table' and name = 'balance_assertions'").all().length,
          journal: db.prepare("select name from sqlite_master where type = 'trigger' and name like 'finch_history_%'").all().length > 0,
        };
      } finally {
        db.close();
      }
    };
    expect(names()).toEqual({ applied: Object.keys(migrations).sort(), index: 1, assertions: 1, journal: true });
    // An older ledger: 0003 and every migration after it not applied yet (each must be re-runnable).
    const db = new Database(file);
    db.exec("drop index transactions_report; create index transactions_user_date on transactions (user_id, date); delete from kysely_migration where name >= '0003_report_index'");
    db.close();
    expect(names()).toEqual({ applied: Object.keys(migrations).sort().filter((n) => n < '0003_report_index'), index: 0, assertions: 1, journal: true });
    await (await t.open({ db: file })).close();
    expect(names()).toEqual({ applied: Object.keys(migrations).sort(), index: 1, assertions: 1, journal: true });
  });
});
