import { describe, expect, it } from 'vitest';
import { parseImapUrl } from '../../../src/core/mail/index.js';

describe('IMAP mailbox URLs', () => {
  it('reads user, host, port, mailbox and keeps a password in the URL apart from the config', () => {
    const r = parseImapUrl('imaps://me%40example.org:p%40ss@imap.example.org:1993/Bank%20Alerts');
    expect(r.config).toEqual({ host: 'imap.example.org', port: 1993, secure: true, user: 'me@example.org', mailbox: 'Bank Alerts' });
    expect(r.password).toBe('p@ss');
    expect(JSON.stringify(r.config)).not.toContain('p@ss');
  });
  it('defaults the port by scheme and the mailbox to INBOX', () => {
    expect(parseImapUrl('imap://sam@localhost').config).toMatchObject({ port: 143, secure: false, mailbox: 'INBOX' });
    expect(parseImapUrl('imaps://sam@mail.example.org/').config).toMatchObject({ port: 993, secure: true, mailbox: 'INBOX' });
  });
  it('refuses what is not an IMAP URL, or has no user', () => {
    expect(() => parseImapUrl('https://example.org/')).toThrow(/not an IMAP URL/);
    expect(() => parseImapUrl('imaps://mail.example.org/INBOX')).toThrow(/needs a user/);
  });
});
