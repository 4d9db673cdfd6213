import type { Finch } from '../finch.js';
import type { MailTransactionStatus } from '../db/index.js';
import type { SyncOptions } from './sync.js';
import type { Correction } from './transactions.js';

const load = () => import('./index.js');

/**
 * `finch.mail`: mailboxes, sync, and the pending transactions read from mail. The module is
 * loaded on first use (mail parsing libraries are not needed by every command).
 */
export function mailApi(finch: Finch) {
  return {
    /** Adds an IMAP mailbox from `imap[s]://USER[:PASSWORD]@HOST[:PORT]/MAILBOX`; the password is stored encrypted. */
    addImap: async (name: string, url: string, options: { password?: string; keepBodies?: boolean } = {}) => {
      const m = await load();
      const { config, password } = m.parseImapUrl(url);
      const secret = options.password ?? password;
      if (!secret) throw new (await import('../errors/index.js')).FinchError('INVALID_INPUT', 'the IMAP mailbox needs a password: --password-stdin, the prompt, or imaps://USER:PASSWORD@HOST/');
      return m.addMailbox(finch.ctx, finch.secrets(), { name, kind: 'imap', config, secret, keepBodies: options.keepBodies });
    },
    /** Adds a Gmail mailbox: runs the OAuth loopback flow and stores the refresh token encrypted. */
    addGmail: async (name: string, options: { clientId: string; clientSecret: string; openUrl: (url: string) => void; keepBodies?: boolean; timeoutMs?: number }) => {
      const m = await load();
      const { authorizeGmail } = await import('./gmail.js');
      const { refreshToken, email } = await authorizeGmail(options, { env: finch.env, openUrl: options.openUrl, timeoutMs: options.timeoutMs });
      return m.addMailbox(finch.ctx, finch.secrets(), { name, kind: 'gmail', config: { email, clientId: options.clientId, clientSecret: options.clientSecret }, secret: refreshToken, keepBodies: options.keepBodies });
    },
    list: async () => (await load()).listMailboxes(finch.ctx),
    remove: async (name: string) => (await load()).removeMailbox(finch.ctx, name),
    /** Reads new mail from one mailbox (or all): alerts become pending transactions, others are skipped with a reason. */
    sync: async (name?: string, options?: SyncOptions) => {
      const m = await load();
      return name ? [await m.syncMailbox(finch, name, options)] : m.syncAll(finch, options);
    },
    pending: async () => (await load()).listMailTransactions(finch.ctx, { status: 'pending' }),
    transactions: async (options?: { status?: MailTransactionStatus; unmatched?: boolean }) => (await load()).listMailTransactions(finch.ctx, options),
    /** Statement imports that covered a mail transaction's date without a row for it. */
    unmatched: async () => (await load()).listMailTransactions(finch.ctx, { unmatched: true }),
    /** Confirms (optionally corrected); a correction is remembered for the sender as a template. */
    confirm: async (id: string, correction?: Correction, options?: { always?: boolean }) => (await load()).confirmAndLearn(finch.ctx, id, correction, options),
    confirmAll: async () => {
      const m = await load();
      const out = [];
      for (const t of await m.listMailTransactions(finch.ctx, { status: 'pending' })) out.push(await m.confirmMailTransaction(finch.ctx, t.id));
      return out;
    },
    reject: async (id: string) => (await load()).rejectMailTransaction(finch.ctx, id),
    /** Per-sender rule: save this sender's transactions without asking. */
    rule: async (sender: string, rule: { autoSave: boolean }) => (await load()).saveTemplate(finch.ctx, sender, rule),
    templates: async () => [...(await (await load()).loadTemplates(finch.ctx)).entries()].map(([sender, template]) => ({ sender, template })),
  };
}
export type MailApi = ReturnType<typeof mailApi>;
