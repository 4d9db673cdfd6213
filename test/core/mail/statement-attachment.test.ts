import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import { startFakeGmail, type FakeGmail } from '../../helpers/fake-gmail.js';
import { writeEml } from '../../../fixtures/mail/mime.js';

const LOCKED = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'statements', 'pdf', 'locked-giro.pdf');

function statementMail(n: number): Buffer {
  return writeEml({
    from: 'Sparkasse <kontoauszug@sparkasse.example>',
    subject: 'Ihr Kontoauszug Juni 2024',
    date: `Mon, 0${n} Jul 2024 07:00:00 +0200`,
    messageId: `ka-${n}@sparkasse.example`,
    text: 'Guten Tag, Ihr Kontoauszug für das Konto ****3000 ist beigefügt. Das Passwort kennen Sie.',
    attachments: [{ filename: 'kontoauszug-juni.pdf', contentType: 'application/pdf', bytes: new Uint8Array(readFileSync(LOCKED)) }],
  });
}

describeEachDialect('a statement attached to a mail', (t) => {
  let gmail: FakeGmail;
  beforeAll(async () => {
    gmail = await startFakeGmail();
  });
  afterAll(async () => {
    await gmail.close();
    await t.cleanup();
  });

  it('goes through the statement pipeline with the saved passwords, into the account its number names', async () => {
    const finch = await t.open({ env: { FINCH_GMAIL_API_ROOT: gmail.url, FINCH_GMAIL_OAUTH_ROOT: gmail.url } });
    try {
      const { addMailbox } = await import('../../../src/core/mail/index.js');
      await addMailbox(finch.ctx, finch.secrets(), { name: 'g', kind: 'gmail', config: { email: null, clientId: 'c', clientSecret: 's' }, secret: gmail.refreshToken });
      await finch.accounts.add({ name: 'Giro', currency: 'EUR', numberHint: '3000' });

      // No saved password yet: the import fails with the reason, and the mail is not a transaction.
      gmail.add(statementMail(1));
      const [first] = await finch.mail.sync('g');
      expect(first!.statements).toEqual([]);
      expect(first!.failed).toHaveLength(1);
      expect(first!.failed[0]!.reason).toMatch(/kontoauszug-juni\.pdf: .*password/i);
      expect(first!.created).toEqual([]);

      await finch.passwords.add('sparkasse', 'finch-test');
      gmail.add(statementMail(2));
      const [second] = await finch.mail.sync('g');
      expect(second!.failed).toEqual([]);
      expect(second!.statements).toMatchObject([{ account: 'Giro', filename: 'kontoauszug-juni.pdf', created: 3 }]);
      expect((await finch.transactions.list({ account: 'Giro' })).map((x) => x.amount).sort()).toEqual(['-58.20', '-950.00', '2400.00']);
      const outcomes = await finch.ctx.db.selectFrom('mail_messages').select('outcome').orderBy('created_at').execute();
      expect(outcomes.map((o) => o.outcome)).toEqual(['failed', 'statement']);
    } finally {
      await finch.close();
    }
  });
});
