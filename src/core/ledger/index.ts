export { type User, DEFAULT_USER, ensureUser, findUser, listUsers, setHomeCurrency, validUserName } from './users.js';
export {
  type Account,
  type AccountWithBalance,
  type NewAccount,
  type AccountChanges,
  ACCOUNT_KINDS,
  addAccount,
  findAccount,
  getAccount,
  listAccounts,
  accountWithBalance,
  editAccount,
  setAccountArchived,
} from './accounts.js';
export {
  type Category,
  type NewCategory,
  DEFAULT_CATEGORIES,
  DEFAULT_CATEGORY_SLUGS,
  seedDefaultCategories,
  listCategories,
  findCategory,
  getCategory,
  addCategory,
  categoryFamilyIds,
  toSlug,
} from './categories.js';
export { ensureTags, listTags, normalizeTag } from './tags.js';
export {
  type Person,
  type Group,
  type NewPerson,
  type NewGroup,
  toHandle,
  listPeople,
  findPerson,
  getPerson,
  addPerson,
  listGroups,
  findGroup,
  getGroup,
  addGroup,
  addGroupMembers,
} from './people.js';
export { type SplitSpec, type SplitParticipant, type ComputedShare, computeShares, parseSplitText } from './splits.js';
export {
  type Transaction,
  type TransactionDetail,
  type TransactionInput,
  type TransactionChanges,
  type TransactionFilter,
  type SplitShare,
  type BulkPreview,
  type SortKey,
  SORT_KEYS,
  TRANSACTION_TYPES,
  transactionInputSchema,
  transactionFilterSchema,
  filterExpression,
  addTransaction,
  addTransactions,
  addImportedTransactions,
  listTransactions,
  countTransactions,
  getTransaction,
  resolveTransactionId,
  editTransaction,
  deleteTransaction,
  previewBulk,
  bulkRecategorize,
  bulkTag,
  bulkDelete,
} from './transactions.js';
export { type SearchHit, type SearchHitKind, search } from './search.js';
export { type MemberBalance, type Payment, type CurrencyBalances, type GroupBalances, simplifyDebts, groupBalances } from './balances.js';
export { type SettleOptions, type SettleResult, settleGroup } from './settle.js';
export { deleteTransactionsFromSource, linkMentionsToMessage } from './owned-writes.js';
