import type { SyncState } from './mailboxes.js';

export interface FetchedMessage {
  /** The provider's own reference: "UIDVALIDITY:UID" or a Gmail message id. */
  ref: string;
  raw: Buffer;
}

/** A batch of new messages and the sync state to save once they are stored. */
export interface Batch {
  messages: FetchedMessage[];
  state: SyncState;
}

/** A mailbox read-only: new messages after `state`, oldest first, in batches. */
export interface MailSource {
  batches(state: SyncState, options: { since?: Date; batchSize: number }): AsyncIterable<Batch>;
  close(): Promise<void>;
}
