import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import { startFakeGmail, type FakeGmail } from '../../helpers/fake-gmail.js';

function receipt(n: number, base: string, charged: string): Buffer {
  return Buffer.from(
    [
      'From: Gym Club <billing@gymclub.example>',
      `Subject: Payment receipt ${n}`,
      `Date: Mon, ${String(n).padStart(2, '0')} Nov 2026 09:00:00 +0000`,
      `Message-ID: <r${n}@gymclub.example>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Thanks for your payment. You paid $${base} for the membership. A processing charge of $1.50 applies.`,
      `Charged to card: $${charged}`,
      `Secret locker code remark ${n}`,
      '',
    ].join('\r\n'),
  );
}

describeEachDialect('mail templates learned from corrections, per-sender rules, privacy', (t) => {
  let gmail: FakeGmail;
  beforeAll(async () => {
    gmail = await startFakeGmail();
  });
  afterAll(async () => {
    await gmail.close();
    await t.cleanup();
  });

  it("learns which amount a sender means from one correction, then saves that sender's mail when told to", async () => {
    const finch = await t.open({ env: { FINCH_GMAIL_API_ROOT: gmail.url, FINCH_GMAIL_OAUTH_ROOT: gmail.url } });
    try {
      const { addMailbox } = await import('../../../src/core/mail/index.js');
      await addMailbox(finch.ctx, finch.secrets(), { name: 'g', kind: 'gmail', config: { email: null, clientId: 'c', clientSecret: 's' }, secret: gmail.refreshToken });
      gmail.add(receipt(2, '12.00', '13.50'));
      const [first] = await finch.mail.sync('g');
      // The generic reading takes the first paid amount; the person says the card was charged 13.50.
      expect(first!.created).toMatchObject([{ amount: '-12.00', status: 'pending' }]);
      await finch.mail.confirm(first!.created[0]!.id, { amount: '-13.50' });
      expect((await finch.transactions.list())[0]).toMatchObject({ amount: '-13.50' });
      expect((await finch.mail.templates())[0]).toMatchObject({ sender: 'billing@gymclub.example', template: { amountCue: 'to card' } });

      gmail.add(receipt(9, '20.00', '21.50'));
      const [second] = await finch.mail.sync('g');
      expect(second!.created).toMatchObject([{ amount: '-21.50', status: 'pending' }]);

      await finch.mail.rule('billing@gymclub.example', { autoSave: true });
      gmail.add(receipt(16, '30.00', '31.50'));
      const [third] = await finch.mail.sync('g');
      expect(third!.created).toMatchObject([{ amount: '-31.50', status: 'confirmed' }]);
      expect(await finch.transactions.count()).toBe(2);

      // Only parsed fields and the message id are kept: no subject, no text, no body words in the evidence.
      const rows = await finch.ctx.db.selectFrom('mail_messages').selectAll().execute();
      expect(rows).toHaveLength(3);
      for (const r of rows) {
        expect(r.subject).toBeNull();
        expect(r.body_text).toBeNull();
        expect(r.evidence_json).not.toMatch(/locker|membership|Thanks/);
      }
    } finally {
      await finch.close();
    }
  });

  it('keeps subjects and text only with --keep-bodies', async () => {
    const finch = await t.open({ db: t.target(), env: { FINCH_GMAIL_API_ROOT: gmail.url, FINCH_GMAIL_OAUTH_ROOT: gmail.url } });
    try {
      const { addMailbox } = await import('../../../src/core/mail/index.js');
      await addMailbox(finch.ctx, finch.secrets(), { name: 'kept', kind: 'gmail', config: { email: null, clientId: 'c', clientSecret: 's' }, secret: gmail.refreshToken, keepBodies: true });
      await finch.mail.sync('kept');
      const rows = await finch.ctx.db.selectFrom('mail_messages').select(['subject', 'body_text']).execute();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows[0]!.subject).toMatch(/^Payment receipt/);
      expect(rows[0]!.body_text).toContain('Secret locker code');
    } finally {
      await finch.close();
    }
  });
});
