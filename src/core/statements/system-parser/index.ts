export { parseDocument, type ParseOptions } from './document.js';
export { type LayoutProfile, type ColumnRole, COLUMN_ROLES, layoutFingerprint, lineShape, withCorrection } from './profile.js';
export { readDate, readAmount, learnDateOrder, learnDecimalMark } from './tokens.js';
