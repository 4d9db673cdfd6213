import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import { startFakeGmail, type FakeGmail } from '../../helpers/fake-gmail.js';
import { addFixtureAccounts, fixtureFiles, TRUTH } from './fixture-accounts.js';

const dev = fixtureFiles('dev');
const transactionMails = TRUTH.messages.filter((m) => m.set === 'dev' && m.truth.kind === 'transaction').length;

describeEachDialect('mail sync from Gmail through @googleapis/gmail', (t) => {
  let gmail: FakeGmail;
  beforeAll(async () => {
    gmail = await startFakeGmail({ pageSize: 20 });
    for (const f of dev) gmail.add(readFileSync(f));
  });
  afterAll(async () => {
    await gmail.close();
    await t.cleanup();
  });

  it('authorises with the loopback flow, lists then follows the history, refreshes its token, and reads each message once', async () => {
    const finch = await t.open({ env: { FINCH_GMAIL_API_ROOT: gmail.url, FINCH_GMAIL_OAUTH_ROOT: gmail.url } });
    try {
      await addFixtureAccounts(finch);
      let consentUrl = '';
      await finch.mail.addGmail('gmail', {
        clientId: 'client-1.apps.example',
        clientSecret: 'shh',
        // The "browser": the person consents, Google redirects to finch's loopback port with a code.
        openUrl: (u) => {
          consentUrl = u;
          const redirect = new URL(u).searchParams.get('redirect_uri')!;
          void fetch(`${redirect}/?code=${gmail.code}&scope=gmail.readonly`);
        },
      });
      const consent = new URL(consentUrl);
      expect(consent.searchParams.get('scope')).toBe('https://www.googleapis.com/auth/gmail.readonly');
      expect(consent.searchParams.get('access_type')).toBe('offline');
      expect(consent.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // The refresh token is stored sealed, never in the clear.
      const stored = await finch.ctx.db.selectFrom('mailboxes').select(['secret', 'config_json']).executeTakeFirstOrThrow();
      expect(stored.secret).not.toContain(gmail.refreshToken);
      expect(finch.secrets().open(stored.secret!)).toBe(gmail.refreshToken);
      expect(stored.config_json).not.toContain(gmail.refreshToken);

      const [first] = await finch.mail.sync('gmail', { batchSize: 15 });
      expect(first!.read).toBe(dev.length);
      expect(gmail.requests.filter((r) => r.startsWith('GET /gmail/v1/users/me/messages?')).length).toBeGreaterThan(1); // paged
      expect(gmail.requests.some((r) => /\/messages\/m[0-9a-f]+\?format=raw/.test(r))).toBe(true);
      expect(gmail.tokenRequests.map((r) => r.grantType)).toEqual(['authorization_code', 'refresh_token']);
      expect((await finch.mail.transactions()).length).toBe(transactionMails);
      expect(first!.statements).toHaveLength(1);

      const [second] = await finch.mail.sync('gmail');
      expect(second!.read).toBe(0);
      expect(gmail.requests.some((r) => r.startsWith('GET /gmail/v1/users/me/history?startHistoryId='))).toBe(true);

      gmail.add(
        Buffer.from(
          'From: Venmo <venmo@venmo.com>\r\nSubject: You paid Ana Ruiz $12.00\r\nDate: Sun, 29 Nov 2026 10:00:00 -0800\r\nMessage-ID: <late@venmo.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nYou paid Ana Ruiz $12.00\r\nbrunch\r\n',
        ),
      );
      const [third] = await finch.mail.sync('gmail');
      expect(third!.read).toBe(1);
      expect(third!.created).toMatchObject([{ amount: '-12.00', currency: 'USD', merchant: 'Ana Ruiz', account: 'Venmo', date: '2026-11-29' }]);

      // Gmail forgot the saved history point: everything is listed again, nothing is stored twice.
      gmail.expireHistory();
      const [fourth] = await finch.mail.sync('gmail');
      expect(fourth!.read).toBe(dev.length + 1);
      expect(fourth!.alreadySeen).toBe(dev.length + 1);
      expect((await finch.mail.transactions()).length).toBe(transactionMails + 1);
    } finally {
      await finch.close();
    }
  });

  it('says so when Google refuses the saved authorisation', async () => {
    const finch = await t.open({ db: t.target(), env: { FINCH_GMAIL_API_ROOT: gmail.url, FINCH_GMAIL_OAUTH_ROOT: gmail.url } });
    try {
      const { addMailbox } = await import('../../../src/core/mail/index.js');
      await addMailbox(finch.ctx, finch.secrets(), { name: 'revoked', kind: 'gmail', config: { email: null, clientId: 'c', clientSecret: 's' }, secret: 'revoked-token' });
      await expect(finch.mail.sync('revoked')).rejects.toMatchObject({ code: 'PASSWORD' });
    } finally {
      await finch.close();
    }
  });
});
