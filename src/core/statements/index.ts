export type { StatementFormat, ParsedStatement, ParsedRow, ExtractedDocument, TextLine, PositionedWord } from './types.js';
export { STAGES, type Stage, type StageRecord, type ProgressListener } from './stages.js';
export { preflight, readStatement, DEFAULT_MAX_BYTES, type ReadOptions, type ReadResult, type ParserChoice } from './read.js';
export { importStatement, REVIEW_BELOW, type ImportRequest, type ImportResult, type PipelineDeps, type Categorize, type UnreadRowReport } from './pipeline.js';
export {
  listStatements,
  showStatement,
  statementLog,
  compareStatement,
  resolveMerge,
  mergesFor,
  deleteStatement,
  type StatementFile,
  type Comparison,
  type ComparisonRow,
  type MergeAction,
  type MergeSuggestion,
  type LogEntry,
} from './files.js';
export { addPassword, listPasswords, removePassword, candidatePasswords, resealPasswords, holdsLockedStatements, type SavedPassword } from './passwords.js';
export { FileStore } from './file-store.js';
export { reviewRow, rowDecisions, type RowDecision, type RowEdit, type RowReviewResult } from './rows.js';
export {
  previewMapping,
  saveMapping,
  listMappings,
  showMapping,
  removeMapping,
  savedMappings,
  mappingFromColumns,
  dateOrderOf,
  type MappingColumns,
  type MappingPreview,
  type SavedMapping,
} from './mappings.js';
export { detectFormat, READERS, type Reader } from './readers/index.js';
export type { CsvMapping } from './readers/csv/index.js';
export type { StatementSection } from './types.js';
export { inferTable, type Table, type TableCell, type TableReading, type InferOptions } from './tables/index.js';
export { matchExisting, similarity, importKeys } from './dedup.js';
export { recoverInterrupted } from './claim.js';
export { type StatementRow } from './statement-rows.js';
export { fixLayout, layoutProfileFor, parseColumnRole, type LayoutCorrection } from './layout-profiles.js';
export { type LayoutProfile, type ColumnRole, COLUMN_ROLES, layoutFingerprint } from './system-parser/index.js';
export { asReadError } from './read-guard.js';
