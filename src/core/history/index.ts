export { type ChangeSummary, type HistoryEntry, withHistory, listHistory } from './journal.js';
export { undoLast } from './undo.js';
