import type { ExtractedDocument, StatementFormat } from '../types.js';
import { decodeBytes } from './text.js';
import type { Extracted } from './types.js';

/** Text formats: one line per text line, no positions (the comparison shows lines by number). */
export function textToDocument(format: StatementFormat, text: string): ExtractedDocument {
  const lines = text.split(/\r?\n/).map((t) => ({ page: 1, y: 0, words: [], text: t }));
  return { format, pages: 1, ocr: false, ocrPages: [], lines, rawText: lines.map((l) => l.text).join('\n'), usedPassword: 'none' };
}

/** The extract stage every text reader shares: decode (encoding detected) and split into lines. */
export function extractText(format: StatementFormat, bytes: Uint8Array, details: Record<string, unknown>): Extracted {
  const { text, encoding } = decodeBytes(bytes);
  details.characters = text.length;
  details.encoding = encoding;
  return { document: textToDocument(format, text), text };
}
