import { extname } from 'node:path';
import { FinchError } from '../../errors/index.js';
import type { StatementFormat } from '../types.js';
import { camtReader } from './camt/index.js';
import { csvReader } from './csv/index.js';
import { mt940Reader } from './mt940/index.js';
import { ofxReader } from './ofx/index.js';
import { pdfReader } from './pdf/index.js';
import { qifReader } from './qif/index.js';
import { decodeBytes } from './text.js';
import type { Reader } from './types.js';

export type { Reader, Extracted, ReaderOutput } from './types.js';
export { decodeBytes } from './text.js';
export { textToDocument } from './text-reader.js';
export { parseCsv, csvMappingSchema, layoutOf, type CsvMapping, type SavedCsvMapping, type CsvResult } from './csv/index.js';
export { parseOfx } from './ofx/index.js';
export { parseQif } from './qif/index.js';
export { parseCamt } from './camt/index.js';
export { parseMt940 } from './mt940/index.js';

/** Every reader; detection asks each and the surest wins (CSV, the loosest, only as a fallback). */
export const READERS: readonly Reader[] = [pdfReader, ofxReader, camtReader, mt940Reader, qifReader, csvReader];

export function decodeText(bytes: Uint8Array): string {
  return decodeBytes(bytes).text;
}

export function readerFor(format: StatementFormat): Reader {
  const r = READERS.find((x) => x.format === format);
  if (!r) throw new FinchError('UNSUPPORTED', `no reader for ${format}`);
  return r;
}

/** Which reader a file needs, by its content first and its name second. */
export function detectFormat(bytes: Uint8Array, filename: string): StatementFormat {
  const head = decodeBytes(bytes.subarray(0, 8192)).text;
  const scored = READERS.map((r) => ({ r, s: r.detect(head, filename, bytes) })).filter((x) => x.s > 0).sort((a, b) => b.s - a.s);
  if (extname(filename).toLowerCase() === '.pdf' && scored[0]?.r.format !== 'pdf') throw new FinchError('UNSUPPORTED', `${filename} is named .pdf but is not a PDF`);
  if (!scored[0]) throw new FinchError('UNSUPPORTED', `unsupported file format for ${filename}: finch reads PDF, CSV, OFX/QFX, QIF, CAMT.052/053/054 and MT940`);
  return scored[0].r.format;
}
