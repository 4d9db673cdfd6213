import type { MailboxesTable, MailMessagesTable, MailTransactionsTable, MailTemplatesTable } from './mail-schema.js';
import type { Generated } from 'kysely';

/**
 * Row types of every table. Conventions, the same on SQLite and Postgres:
 * ids are UUIDv7 text made by the application; money is integer minor units (`*_minor`) with an
 * ISO 4217 code beside it; calendar dates are `YYYY-MM-DD` text; instants are UTC ISO text;
 * booleans are 0/1 integers; JSON is text, parsed at the edge.
 */
export interface Database {
  users: UsersTable;
  settings: SettingsTable;
  ai_keys: AiKeysTable;
  accounts: AccountsTable;
  categories: CategoriesTable;
  tags: TagsTable;
  transactions: TransactionsTable;
  transaction_tags: TransactionTagsTable;
  people: PeopleTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  splits: SplitsTable;
  mentions: MentionsTable;
  chat_messages: ChatMessagesTable;
  statement_passwords: StatementPasswordsTable;
  uploaded_files: UploadedFilesTable;
  statement_logs: StatementLogsTable;
  statement_merges: StatementMergesTable;
  csv_mappings: CsvMappingsTable;
  csv_layout_mappings: CsvLayoutMappingsTable;
  statement_rows: StatementRowsTable;
  layout_profiles: LayoutProfilesTable;
  budgets: BudgetsTable;
  budget_lines: BudgetLinesTable;
  budget_templates: BudgetTemplatesTable;
  goals: GoalsTable;
  exchange_rates: ExchangeRatesTable;
  ai_usage: AiUsageTable;
  ai_cache: AiCacheTable;
  jobs: JobsTable;
  secret_keys: SecretKeysTable;
  balance_assertions: BalanceAssertionsTable;
  history_ops: HistoryOpsTable;
  history_changes: HistoryChangesTable;
  // mail (0008_mail)
  mailboxes: MailboxesTable;
  mail_messages: MailMessagesTable;
  mail_transactions: MailTransactionsTable;
  mail_templates: MailTemplatesTable;
}

export interface UsersTable {
  id: string;
  name: string;
  display_name: string;
  home_currency: string;
  created_at: string;
}

export interface SettingsTable {
  user_id: string;
  key: string;
  value_json: string;
  updated_at: string;
}

export interface AiKeysTable {
  user_id: string;
  provider: string;
  ciphertext: string;
  created_at: string;
}

export type AccountKind = 'bank' | 'card' | 'cash' | 'wallet' | 'loan' | 'savings' | 'investment';

export interface AccountsTable {
  id: string;
  user_id: string;
  name: string;
  kind: AccountKind;
  currency: string;
  opening_balance_minor: number;
  institution: string | null;
  number_hint: string | null;
  archived: number;
  created_at: string;
  updated_at: string;
}

export type CategoryKind = 'expense' | 'income' | 'transfer';

export interface CategoriesTable {
  id: string;
  user_id: string;
  slug: string;
  name: string;
  parent_id: string | null;
  kind: CategoryKind;
  is_default: number;
  created_at: string;
}

export interface TagsTable {
  id: string;
  user_id: string;
  name: string;
}

export type TransactionType = 'expense' | 'income' | 'transfer';
export type TransactionSource = 'manual' | 'chat' | 'statement' | 'import' | 'settlement';

export interface TransactionsTable {
  id: string;
  user_id: string;
  account_id: string | null;
  date: string;
  /** Signed: negative is money out of the account holder's pocket. */
  amount_minor: number;
  currency: string;
  description: string;
  merchant: string | null;
  category_id: string | null;
  type: TransactionType;
  notes: string | null;
  source: TransactionSource;
  /** uploaded_files.id for statement rows, chat_messages.id for chat entries. */
  source_ref: string | null;
  /** Identity of an imported row (e.g. OFX FITID or file hash + row) so a re-import creates nothing. */
  import_key: string | null;
  created_at: string;
  updated_at: string;
  /** When spent in another currency than the account's: what was paid there (0004). */
  original_amount_minor?: number | null;
  original_currency?: string | null;
  /** 1 once a stated balance covers the entry (0004). */
  cleared?: number;
}

export interface TransactionTagsTable {
  transaction_id: string;
  tag_id: string;
  user_id: string;
}

export interface PeopleTable {
  id: string;
  user_id: string;
  name: string;
  handle: string;
  /** JSON array of other names this person answers to. */
  aliases_json: string;
  email: string | null;
  created_at: string;
}

export interface GroupsTable {
  id: string;
  user_id: string;
  name: string;
  handle: string;
  created_at: string;
}

export interface GroupMembersTable {
  group_id: string;
  person_id: string;
  user_id: string;
}

export type SplitMethod = 'equal' | 'exact' | 'percent' | 'shares';

export interface SplitsTable {
  id: string;
  user_id: string;
  transaction_id: string;
  /** null means the user themself. */
  person_id: string | null;
  group_id: string | null;
  /** This participant's share of the cost, positive minor units. */
  share_minor: number;
  /** What this participant paid towards it (the payer paid the whole). */
  paid_minor: number;
  method: SplitMethod;
  /** The percent or share count the share was computed from, as text; null for equal. */
  method_value: string | null;
}

export interface MentionsTable {
  id: string;
  user_id: string;
  transaction_id: string | null;
  chat_message_id: string | null;
  person_id: string | null;
  group_id: string | null;
  text: string;
}

export type ChatStatus = 'processing' | 'completed' | 'saved' | 'failed' | 'discarded';

export interface ChatMessagesTable {
  id: string;
  user_id: string;
  conversation_id: string;
  role: 'user' | 'assistant';
  content: string;
  status: ChatStatus;
  mode: 'rules' | 'ai' | 'auto';
  provider: string | null;
  parsed_json: string | null;
  error: string | null;
  transaction_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface StatementPasswordsTable {
  id: string;
  user_id: string;
  label: string;
  ciphertext: string;
  created_at: string;
}

export type UploadStatus = 'pending' | 'processing' | 'completed' | 'failed' | 'needs_review' | 'superseded';

export interface UploadedFilesTable {
  id: string;
  user_id: string;
  account_id: string | null;
  filename: string;
  sha256: string;
  size_bytes: number;
  format: string;
  storage_path: string;
  raw_text: string | null;
  parsed_json: string | null;
  status: UploadStatus;
  error: string | null;
  duplicate_of: string | null;
  period_start: string | null;
  period_end: string | null;
  created_count: number;
  skipped_count: number;
  review_count: number;
  /** Which process is importing the file (host:pid:token) while status is 'processing'. */
  claimed_by: string | null;
  claimed_at: string | null;
  created_at: string;
  updated_at: string;
}

export type StatementRowOutcome = 'created' | 'duplicate' | 'needs_review' | 'unread' | 'rejected';
export type StatementRowDecision = 'accepted' | 'edited' | 'rejected';

/** One row of an imported statement as read, what became of it, and what the person decided. */
export interface StatementRowsTable {
  file_id: string;
  row_index: number;
  user_id: string;
  /** The cells or line the row was read from. */
  raw: string;
  page: number | null;
  line_indexes_json: string;
  /** Null for a row that could not be read. */
  date: string | null;
  amount_minor: number | null;
  currency: string | null;
  description: string | null;
  balance_minor: number | null;
  confidence: number;
  /** Why it needs review or could not be read (JSON array of sentences). */
  reasons_json: string;
  outcome: StatementRowOutcome;
  /** The transaction it created, or the one it duplicates; null once that one is deleted. */
  transaction_id: string | null;
  /** For a duplicate: the statement the matched transaction came from. */
  duplicate_file_id: string | null;
  import_key: string | null;
  decision: StatementRowDecision | null;
}

export interface StatementLogsTable {
  id: string;
  user_id: string;
  file_id: string;
  stage: string;
  status: 'started' | 'ok' | 'failed' | 'skipped';
  details_json: string;
  execution_time_ms: number;
  created_at: string;
}

export type MergeStatus = 'pending' | 'merged' | 'kept_both' | 'deleted_old';

export interface StatementMergesTable {
  id: string;
  user_id: string;
  file_id: string;
  other_file_id: string;
  status: MergeStatus;
  details_json: string;
  created_at: string;
  resolved_at: string | null;
}

/** A statement layout learned from a correction (issue 12), keyed by its fingerprint. */
export interface LayoutProfilesTable {
  user_id: string;
  fingerprint: string;
  profile_json: string;
  created_at: string;
  updated_at: string;
}

export interface CsvMappingsTable {
  user_id: string;
  account_id: string;
  mapping_json: string;
  updated_at: string;
}

/** A CSV mapping keyed by the layout's header fingerprint (migration 0006). */
export interface CsvLayoutMappingsTable {
  user_id: string;
  fingerprint: string;
  name: string;
  header_json: string;
  mapping_json: string;
  created_at: string;
  updated_at: string;
}

export interface BudgetsTable {
  id: string;
  user_id: string;
  month: string;
  template: string | null;
  currency: string;
  income_minor: number | null;
  created_at: string;
}

export interface BudgetLinesTable {
  id: string;
  user_id: string;
  budget_id: string;
  category_id: string;
  amount_minor: number;
  rollover: number;
  priority: number;
}

export interface BudgetTemplatesTable {
  id: string;
  user_id: string;
  name: string;
  definition_json: string;
  created_at: string;
}

export interface GoalsTable {
  id: string;
  user_id: string;
  name: string;
  target_minor: number;
  currency: string;
  target_date: string | null;
  account_id: string | null;
  tag_id: string | null;
  created_at: string;
}

export interface ExchangeRatesTable {
  user_id: string;
  base: string;
  quote: string;
  /** Units of quote per one unit of base, as decimal text (never a float in storage). */
  rate: string;
  as_of: string;
}

export interface AiUsageTable {
  id: string;
  user_id: string;
  provider: string;
  model: string;
  purpose: string;
  input_tokens: number;
  output_tokens: number;
  /** Cost in millionths of a US dollar. */
  cost_micros: number;
  latency_ms: number;
  outcome: 'ok' | 'error' | 'invalid' | 'cached' | 'rate_limited';
  error: string | null;
  created_at: string;
}

export interface AiCacheTable {
  key: string;
  user_id: string;
  provider: string;
  response_json: string;
  created_at: string;
  expires_at: string;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobsTable {
  id: string;
  user_id: string;
  kind: string;
  payload_json: string;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  run_after: string;
  locked_by: string | null;
  locked_at: string | null;
  last_error: string | null;
  dedup_key: string | null;
  created_at: string;
  updated_at: string;
}

/** An account's balance at the end of `date`, as a statement printed it or the user stated it (0004). */
export interface BalanceAssertionsTable {
  id: string;
  user_id: string;
  account_id: string;
  date: string;
  balance_minor: number;
  source: 'statement' | 'user';
  source_ref: string | null;
  created_at: string;
}

export type HistoryState = 'open' | 'done' | 'undone';

/** One write command, as `finch history` lists it (see src/core/history). */
export interface HistoryOpsTable {
  id: string;
  user_id: string;
  label: string;
  state: HistoryState;
  /** JSON: rows changed per table and action, e.g. {"transactions":{"insert":3}}. */
  summary_json: string;
  created_at: string;
  undone_at: string | null;
}

/** A row image an operation changed, written by triggers (db/journal-tables.ts). */
export interface HistoryChangesTable {
  seq: Generated<number>;
  op_id: string;
  user_id: string;
  table_name: string;
  action: 'insert' | 'update' | 'delete';
  /** The new row for an insert, the old one for an update or a delete. */
  row_json: string;
}

/** Unused marker so `Generated` stays importable for modules that add autoincrement tables later. */
export type _Generated<T> = Generated<T>;

/** 0007_hardening: the fingerprint of the key a profile's secrets are sealed with (never the key). */
export interface SecretKeysTable {
  user_id: string;
  fingerprint: string;
  created_at: string;
}
export type * from './mail-schema.js';
