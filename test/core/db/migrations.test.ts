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
          journal: db.prepare("select name from sqlite_master where type = 'trigger' and name like 'finch_history_%'").all().length > 0,
        };
      } finally {
        db.close();
      }
    };
    expect(names()).toEqual({ applied: Object.keys(migrations).sort(), index: 1, journal: true });
    // An older ledger: the newest migration (0005, the operations journal) not applied yet.
    const db = new Database(file);
    const triggers = db.prepare("select name from sqlite_master where type = 'trigger' and name like 'finch_history_%'").all() as Array<{ name: string }>;
    for (const tr of triggers) db.exec(`drop trigger "${tr.name}"`);
    db.exec("drop table history_changes; drop table history_ops; delete from kysely_migration where name = '0005_people_and_undo'");
    db.close();
    expect(names()).toEqual({ applied: Object.keys(migrations).sort().slice(0, -1), index: 1, journal: false });
    await (await t.open({ db: file })).close();
    expect(names()).toEqual({ applied: Object.keys(migrations).sort(), index: 1, journal: true });
  });
});
