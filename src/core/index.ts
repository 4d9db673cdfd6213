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
