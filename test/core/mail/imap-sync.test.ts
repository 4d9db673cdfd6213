import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import { removeDovecot, startDovecot, type Dovecot } from '../../helpers/dovecot.js';
import { addFixtureAccounts, fixtureFiles, TRUTH } from './fixture-accounts.js';

const dev = fixtureFiles('dev');
const devTruth = TRUTH.messages.filter((m) => m.set === 'dev');
const transactionMails = devTruth.filter((m) => m.truth.kind === 'transaction').length;

describeEachDialect('mail sync from a real Dovecot', (t) => {
  let dovecot: Dovecot;
  beforeAll(async () => {
    dovecot = await startDovecot();
    dovecot.deliver(dev);
  });
  afterAll(async () => {
    await dovecot.stop();
    removeDovecot(dovecot);
    await t.cleanup();
  });

  it('reads every message once across a server restart mid-sync, new mail and a UIDVALIDITY change, and never flags one', async () => {
    const finch = await t.open();
    try {
      await addFixtureAccounts(finch);
      await finch.mail.addImap('inbox', dovecot.url, { password: dovecot.password });

      // The sync dies after its second batch and the server restarts: what was stored stays stored.
      let batches = 0;
      await expect(
        finch.mail.sync('inbox', {
          batchSize: 10,
          afterBatch: async () => {
            if (++batches < 2) return;
            await dovecot.stop();
            throw new Error('killed mid-sync');
          },
        }),
      ).rejects.toThrow('killed mid-sync');
      const afterCrash = await finch.ctx.db.selectFrom('mail_messages').select('id').execute();
      expect(afterCrash.length).toBe(20);

      await dovecot.start();
      const [second] = await finch.mail.sync('inbox', { batchSize: 10 });
      expect(second!.read).toBe(dev.length - 20);
      const stored = await finch.ctx.db.selectFrom('mail_messages').select(['message_id', 'outcome']).execute();
      expect(stored.length).toBe(dev.length);
      expect(new Set(stored.map((s) => s.message_id))).toEqual(new Set(devTruth.map((m) => m.messageId)));
      // Every alert became a mail transaction, nothing else did; the attached statement was imported.
      const mailTx = await finch.mail.transactions();
      expect(mailTx.length).toBe(transactionMails);
      expect(stored.filter((s) => s.outcome === 'statement').length).toBe(1);
      expect(second!.statements[0]).toMatchObject({ account: 'Checking', filename: 'sample-statement.pdf' });

      // A second sync adds nothing.
      const [again] = await finch.mail.sync('inbox');
      expect(again).toMatchObject({ read: 0, created: [], skipped: [], failed: [] });

      // New mail between syncs is read, and only it.
      dovecot.deliverRaw(
        'late.eml',
        'From: Monzo <help@monzo.com>\r\nTo: sam@example.org\r\nSubject: =?utf-8?B?wqM0LjIwIGF0IENvc3Rh?=\r\nDate: Sat, 28 Nov 2026 09:12:00 +0000\r\nMessage-ID: <late-1@monzo.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nYou spent £4.20 at Costa Coffee. Card ending 7788.\r\n',
      );
      const [late] = await finch.mail.sync('inbox');
      expect(late!.read).toBe(1);
      expect(late!.created).toMatchObject([{ amount: '-4.20', currency: 'GBP', merchant: 'Costa Coffee', account: 'Monzo', status: 'pending', date: '2026-11-28' }]);

      // The server renumbers the folder: everything is read again and nothing is stored twice.
      await dovecot.stop();
      dovecot.resetUids();
      await dovecot.start();
      const [renumbered] = await finch.mail.sync('inbox');
      expect(renumbered!.read).toBe(dev.length + 1);
      expect(renumbered!.alreadySeen).toBe(dev.length + 1);
      expect(renumbered!.created).toEqual([]);
      expect((await finch.mail.transactions()).length).toBe(transactionMails + 1);

      // EXAMINE and BODY.PEEK: no message got the \Seen flag (Maildir flags follow ":2,").
      for (const f of dovecot.messageFiles()) expect(f.split(':2,')[1] ?? '').not.toMatch(/[ST]/);
    } finally {
      await finch.close();
    }
  });

  it('refuses a wrong password with a clear error and stores nothing', async () => {
    const finch = await t.open({ db: t.target() });
    try {
      await finch.mail.addImap('wrong', dovecot.url, { password: 'not-it' });
      await expect(finch.mail.sync('wrong')).rejects.toMatchObject({ code: 'PASSWORD' });
      expect(await finch.ctx.db.selectFrom('mail_messages').select('id').execute()).toEqual([]);
    } finally {
      await finch.close();
    }
  });
});
