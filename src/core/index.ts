/**
 * finch as a library: everything the CLI can do, typed, with no terminal I/O.
 * Start with `openFinch()`.
 */
export { openFinch, Finch, type OpenFinchOptions } from './finch.js';
export { FinchError, type FinchErrorCode, isFinchError } from './errors/index.js';
export * from './money/index.js';
export {
  type CalendarDate,
  type CalendarMonth,
  toCalendarDate,
  toCalendarMonth,
  addDays,
  addMonths,
  today,
} from './calendar/index.js';
export type {
  User,
  Account,
  AccountWithBalance,
  NewAccount,
  AccountChanges,
  Category,
  NewCategory,
  Person,
  Group,
  NewPerson,
  NewGroup,
  SplitSpec,
  SplitParticipant,
  Transaction,
  TransactionDetail,
  TransactionInput,
  TransactionChanges,
  TransactionFilter,
  SearchHit,
} from './ledger/index.js';
export { DEFAULT_CATEGORIES, ACCOUNT_KINDS, parseSplitText } from './ledger/index.js';
export type { DialectName } from './db/index.js';
export type { GroupBalances, MemberBalance, Payment, CurrencyBalances, SettleOptions, SettleResult } from './ledger/index.js';
export type {
  TemplateDefinition,
  TemplateInfo,
  Budget,
  BudgetLine,
  BudgetStatus,
  StatusLine,
  BudgetSuggestion,
  SuggestedLine,
  ApplyOptions,
  ApplyResult,
  Plan,
  PlannedLine,
} from './budgets/index.js';
export { parseTemplateText, BUILTIN_TEMPLATES } from './budgets/index.js';
export type { Goal, GoalStatus, NewGoal } from './budgets/index.js';
export type {
  ReportOptions,
  ReportBy,
  ReportFilter,
  Report,
  BreakdownReport,
  SummaryReport,
  CashflowReport,
  BalanceReport,
  NetworthReport,
  TrendsReport,
  Conversion,
  ExchangeRate,
} from './reports/index.js';
export type { ExportFormat, ExportOptions, ExportResult } from './exports/index.js';
// Hardening (issue 16): key handling and rotation results, for the CLI and library users.
export { keyFromText, keyFingerprint } from './secrets/index.js';
export type { RotateResult } from './finch.js';
export { toCsv, csvLine, csvCell, type CsvOptions } from './exports/csv.js';

// Front ends (src/cli, src/tui) import only this file (checked by .dependency-cruiser.cjs). The
// types they need are re-exported here (erased at run time); the heavier modules are loaded on
// first use through `modules`, so `finch --help` does not load the AI SDKs or pdf.js.
export type { ChatParseResult, Suggestion, EditableField } from './chat/index.js';
export type { Comparison, ComparisonRow, MergeAction, MergeSuggestion, RowDecision, ReadResult, Stage, ProgressListener } from './statements/index.js';
export type { InboxEvent, InboxOptions } from './jobs/index.js';
export type { Amount } from './reports/index.js';
export { monthOf, monthStart, monthEnd } from './calendar/index.js';
export { DEFAULT_USER } from './ledger/index.js';
// Small and free of heavy imports: the TUI uses them at render time.
export { editSuggestion, EDITABLE_FIELDS } from './chat/edit.js';
export { STAGES } from './statements/stages.js';
export const modules = {
  ai: () => import('./ai/index.js'),
  budgets: () => import('./budgets/index.js'),
  chat: () => import('./chat/index.js'),
  exports: () => import('./exports/index.js'),
  jobs: () => import('./jobs/index.js'),
  mail: () => import('./mail/index.js'),
  reports: () => import('./reports/index.js'),
  statements: () => import('./statements/index.js'),
};
export type { MailEvent, MailTransaction, SyncReport } from './mail/index.js';
export type { CsvMapping } from './statements/index.js';
export type { HistoryEntry } from './history/index.js';
