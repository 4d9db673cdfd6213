export { openDatabase, isPostgresUrl, type FinchDatabase, type DialectName, type OpenDatabaseOptions } from './open.js';
export { bulkInsert } from './bulk-insert.js';
export { newId } from './ids.js';
export { migrations, USER_TABLES } from './migrations.js';
export type * from './schema.js';
export { type Ctx, inTransaction } from './context.js';
export { fromBool, toBool, parseJson } from './convert.js';
export { sessionAccess, grantRole, type SessionAccess } from './roles.js';
export { type JournaledTable, journaledTables, refreshJournalTriggers } from './journal-tables.js';
