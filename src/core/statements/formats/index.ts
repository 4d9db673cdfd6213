import { FinchError } from '../../errors/index.js';
import type { CurrencyCode } from '../../money/index.js';
import type { ExtractedDocument, ParsedStatement, StatementFormat } from '../types.js';
import { parseCamt } from './camt.js';
import { parseCsv } from './csv.js';
import { parseOfx } from './ofx.js';
import { parseQif } from './qif.js';

export { detectFormat, decodeText } from './detect.js';
export { parseCsv, csvMappingSchema, type CsvMapping } from './csv.js';
export { parseOfx } from './ofx.js';
export { parseQif } from './qif.js';
export { parseCamt } from './camt.js';

/** Text formats: one line per text line, no positions (the comparison shows lines by number). */
export function textToDocument(format: StatementFormat, text: string): ExtractedDocument {
  const lines = text.split(/\r?\n/).map((t) => ({ page: 1, y: 0, words: [], text: t }));
  return { format, pages: 1, ocr: false, ocrPages: [], lines, rawText: lines.map((l) => l.text).join('\n'), usedPassword: 'none' };
}

export function parseTextStatement(format: StatementFormat, text: string, options: { currency?: CurrencyCode } = {}): ParsedStatement {
  switch (format) {
    case 'csv':
      return parseCsv(text, options).parsed;
    case 'ofx':
      return parseOfx(text);
    case 'qif':
      return parseQif(text, options.currency ?? null);
    case 'camt':
      return parseCamt(text);
    case 'pdf':
      throw new FinchError('INVALID_INPUT', 'a PDF is not a text statement');
  }
}
