import { ImapFlow } from 'imapflow';
import { FinchError } from '../errors/index.js';
import type { ImapConfig, SyncState } from './mailboxes.js';
import type { Batch, MailSource } from './source.js';

/**
 * IMAP, read-only: the mailbox is opened with EXAMINE and messages are fetched with BODY.PEEK,
 * so nothing is flagged, moved or deleted. Incremental by UIDVALIDITY + UID: a new UIDVALIDITY
 * (the server renumbered the folder) reads it all again, and the Message-ID keeps each once.
 */
export class ImapSource implements MailSource {
  private client: ImapFlow | undefined;

  constructor(
    private readonly config: ImapConfig,
    private readonly password: string,
    private readonly options: { tlsRejectUnauthorized?: boolean } = {},
  ) {}

  private async connect(): Promise<ImapFlow> {
    if (this.client) return this.client;
    const client = new ImapFlow({
      host: this.config.host,
      port: this.config.port,
      secure: this.config.secure,
      auth: { user: this.config.user, pass: this.password },
      logger: false,
      tls: { rejectUnauthorized: this.options.tlsRejectUnauthorized ?? true },
      disableAutoIdle: true,
    });
    // imapflow emits socket errors as events; without a listener they would crash the process.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (e) {
      const m = e as { authenticationFailed?: boolean; responseText?: string; message?: string };
      if (m.authenticationFailed) throw new FinchError('PASSWORD', `the IMAP server ${this.config.host} refused the login for ${this.config.user}`);
      throw new FinchError('IO', `cannot reach the IMAP server ${this.config.host}:${this.config.port}: ${m.responseText ?? m.message ?? 'connection failed'}`, { cause: e });
    }
    this.client = client;
    return client;
  }

  async *batches(state: SyncState, options: { since?: Date; batchSize: number }): AsyncIterable<Batch> {
    const client = await this.connect();
    let box;
    try {
      box = await client.mailboxOpen(this.config.mailbox, { readOnly: true });
    } catch (e) {
      throw new FinchError('NOT_FOUND', `no mailbox "${this.config.mailbox}" on ${this.config.host}`, { cause: e });
    }
    const uidValidity = String(box.uidValidity);
    const after = state.uidValidity === uidValidity ? (state.lastUid ?? 0) : 0;
    let uids: number[];
    if (options.since) {
      uids = ((await client.search({ since: options.since }, { uid: true })) || []).filter((u) => u > after);
    } else {
      uids = box.exists === 0 ? [] : ((await client.search({ uid: `${after + 1}:*` }, { uid: true })) || []).filter((u) => u > after);
    }
    uids.sort((a, b) => a - b);
    for (let i = 0; i < uids.length; i += options.batchSize) {
      const slice = uids.slice(i, i + options.batchSize);
      const messages: Batch['messages'] = [];
      for await (const msg of client.fetch(slice.join(','), { uid: true, source: true }, { uid: true })) {
        if (msg.source) messages.push({ ref: `${uidValidity}:${msg.uid}`, raw: msg.source });
      }
      messages.sort((a, b) => Number(a.ref.split(':')[1]) - Number(b.ref.split(':')[1]));
      yield { messages, state: { uidValidity, lastUid: slice[slice.length - 1]! } };
    }
    if (uids.length === 0) yield { messages: [], state: { uidValidity, lastUid: after } };
  }

  async close(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) await c.logout().catch(() => c.close());
  }
}
