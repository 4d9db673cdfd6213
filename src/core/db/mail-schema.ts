/** Tables of the mail module (src/core/mail); only that module writes them. */

export type MailboxKind = 'imap' | 'gmail';

export interface MailboxesTable {
  id: string;
  user_id: string;
  name: string;
  kind: MailboxKind;
  /** host, port, secure, user, mailbox (IMAP) or email, clientId (Gmail); never a password. */
  config_json: string;
  /** The IMAP password or the Gmail refresh token, sealed with finch's secret box. */
  secret: string | null;
  keep_bodies: number;
  /** Where the last sync stopped: uidValidity + lastUid (IMAP), historyId (Gmail). */
  state_json: string;
  last_sync_at: string | null;
  created_at: string;
  updated_at: string;
}

export type MailOutcome = 'transaction' | 'skipped' | 'statement' | 'failed';

export interface MailMessagesTable {
  id: string;
  user_id: string;
  mailbox_id: string;
  /** The Message-ID header (or the provider's id when there is none): each message is read once, ever. */
  message_id: string;
  /** IMAP UID (with its UIDVALIDITY) or Gmail message id, for the record. */
  provider_ref: string;
  sender: string;
  sent_at: string | null;
  outcome: MailOutcome;
  reason: string | null;
  evidence_json: string;
  /** Only with --keep-bodies. */
  subject: string | null;
  body_text: string | null;
  created_at: string;
}

export type MailTransactionStatus = 'pending' | 'confirmed' | 'rejected';

export interface MailTransactionsTable {
  id: string;
  user_id: string;
  message_row_id: string;
  mailbox_id: string;
  sender: string;
  status: MailTransactionStatus;
  account_id: string | null;
  date: string;
  amount_minor: number;
  currency: string;
  original_minor: number | null;
  original_currency: string | null;
  merchant: string | null;
  confidence: number;
  /** The ledger transaction once confirmed. */
  transaction_id: string | null;
  /** Set when a statement row matched it: { fileId, row, explanation }. */
  match_json: string | null;
  /** A statement of its account covered its date and had no row for it. */
  unmatched_file_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface MailTemplatesTable {
  user_id: string;
  sender: string;
  template_json: string;
  updated_at: string;
}
