/**
 * The tabular inference engine: reads a table of cells (CSV fields today; cells cut from a PDF's
 * positioned words later) into dated, signed rows, and says how each row was verified.
 * Input: `Table` = rows of `TableCell { text, source? }`. Output: `TableReading`.
 */
export { inferTable } from './infer.js';
export { readDateCell, moneyShape, moneyValue, decimalToUnits, directionWord, type DateOrder } from './cells.js';
export type { Table, TableCell, TableRow, TableReading, ReadTableRow, ColumnRoles, InferOptions, Verification } from './types.js';
