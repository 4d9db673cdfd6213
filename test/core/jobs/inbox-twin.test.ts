import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import type { Finch } from '../../../src/core/index.js';
import { claimNext, queueInboxFile, runStatementJob, watchInbox, workerId, type InboxEvent, type Job, type StatementJobPayload } from '../../../src/core/jobs/index.js';
import { statementLines, toCsv } from '../../../fixtures/statements/make-import-runs.js';

async function until(pred: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describeEachDialect('a file dropped into the inbox while its twin is being imported', (t) => {
  let finch: Finch;
  let inbox: string;
  beforeEach(async () => {
    finch = await t.open();
    await finch.accounts.add({ name: 'Checking', currency: 'USD' });
    inbox = join(t.home(), 'inbox');
    mkdirSync(join(inbox, 'Checking'), { recursive: true });
  });
  afterEach(async () => {
    await finch.close();
    await t.cleanup();
  });

  it('gets an event, is handled after its twin, and ends in processed/ with a log; rows are imported once', async () => {
    const csv = toCsv(statementLines(30));
    const first = join(inbox, 'Checking', 'june.csv');
    writeFileSync(first, csv);
    // The first copy's job is taken by a worker (this one, standing in for another) and still runs.
    await queueInboxFile(finch, inbox, first);
    const running = (await claimNext(finch.ctx, workerId()))! as Job<StatementJobPayload>;
    expect(running.status).toBe('running');

    const events: InboxEvent[] = [];
    const watcher = await watchInbox(finch, inbox, { settleMs: 100, pollMs: 100 }, (e) => events.push(e));
    try {
      const twin = join(inbox, 'Checking', 'june (1).csv');
      writeFileSync(twin, csv);
      await until(() => events.some((e) => e.type === 'twin-queued'));
      expect(events.find((e) => e.type === 'twin-queued')).toMatchObject({ file: join('Checking', 'june (1).csv'), twinOf: running.id, twinFile: join('Checking', 'june.csv') });
      await until(() => events.some((e) => e.type === 'processed' && e.file === join('Checking', 'june (1).csv')));
      expect(existsSync(join(inbox, 'processed', 'june (1).csv'))).toBe(true);
      expect(JSON.parse(readFileSync(join(inbox, 'processed', 'june (1).csv.log.json'), 'utf8')).status).toMatch(/completed|duplicate/);
    } finally {
      await watcher.close();
    }
    // The first copy's job finishes now: the same bytes were imported, so it is a duplicate.
    await runStatementJob(finch, running, {}, (e) => events.push(e));
    const log = JSON.parse(readFileSync(join(inbox, 'processed', 'june.csv.log.json'), 'utf8'));
    expect(log.status).toBe('duplicate');
    expect(await finch.transactions.count({ account: 'Checking' })).toBe(30);
  }, 30_000);
});
