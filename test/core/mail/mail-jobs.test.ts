import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import { startFakeGmail, type FakeGmail } from '../../helpers/fake-gmail.js';
import { fixtureFiles } from './fixture-accounts.js';

describeEachDialect('mail sync as durable jobs (finch worker, finch watch --mail)', (t) => {
  let gmail: FakeGmail;
  beforeAll(async () => {
    gmail = await startFakeGmail();
    for (const f of fixtureFiles('dev').slice(0, 6)) gmail.add(readFileSync(f));
  });
  afterAll(async () => {
    await gmail.close();
    await t.cleanup();
  });

  it('queues one sync per mailbox per period and a worker runs it from the queue', async () => {
    const finch = await t.open({ env: { FINCH_GMAIL_API_ROOT: gmail.url, FINCH_GMAIL_OAUTH_ROOT: gmail.url } });
    try {
      const mail = await import('../../../src/core/mail/index.js');
      const { listJobs } = await import('../../../src/core/jobs/index.js');
      await mail.addMailbox(finch.ctx, finch.secrets(), { name: 'g', kind: 'gmail', config: { email: null, clientId: 'c', clientSecret: 's' }, secret: gmail.refreshToken });
      const every = 15 * 60_000;
      const now = Date.UTC(2026, 10, 30, 10, 2);
      expect((await mail.queueMailSync(finch, every, now))[0]!.created).toBe(true);
      // A restarted scheduler in the same quarter hour queues nothing new.
      expect((await mail.queueMailSync(finch, every, now + 60_000))[0]!.created).toBe(false);
      expect((await mail.queueMailSync(finch, every, now + every))[0]!.created).toBe(true);

      const events: import('../../../src/core/mail/index.js').MailEvent[] = [];
      const worker = new mail.MailWorker(finch, { pollMs: 50 }, (e) => events.push(e));
      worker.start();
      for (let i = 0; i < 200 && events.filter((e) => e.type === 'mail-synced').length < 2; i++) await new Promise((r) => setTimeout(r, 50));
      await worker.stop();
      const synced = events.filter((e) => e.type === 'mail-synced');
      expect(synced.map((e) => (e as { read: number }).read)).toEqual([6, 0]);
      expect((await listJobs(finch.ctx)).filter((j) => j.kind === mail.MAIL_SYNC_JOB).map((j) => j.status)).toEqual(['done', 'done']);
      expect(await finch.ctx.db.selectFrom('mail_messages').select('id').execute()).toHaveLength(6);
    } finally {
      await finch.close();
    }
  });

  it('two syncs of one mailbox at once store each message once', async () => {
    const finch = await t.open({ db: t.target(), env: { FINCH_GMAIL_API_ROOT: gmail.url, FINCH_GMAIL_OAUTH_ROOT: gmail.url } });
    try {
      const mail = await import('../../../src/core/mail/index.js');
      await mail.addMailbox(finch.ctx, finch.secrets(), { name: 'g', kind: 'gmail', config: { email: null, clientId: 'c', clientSecret: 's' }, secret: gmail.refreshToken });
      const [a, b] = await Promise.all([finch.mail.sync('g', { batchSize: 2 }), finch.mail.sync('g', { batchSize: 2 })]);
      expect(a![0]!.read + b![0]!.read).toBe(12);
      expect(a![0]!.alreadySeen + b![0]!.alreadySeen).toBe(6);
      expect(await finch.ctx.db.selectFrom('mail_messages').select('id').execute()).toHaveLength(6);
      const created = a![0]!.created.length + b![0]!.created.length;
      expect((await finch.mail.transactions()).length).toBe(created);
    } finally {
      await finch.close();
    }
  });
});
