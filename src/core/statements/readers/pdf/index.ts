import type { ReadOptions } from '../../read.js';
import type { ExtractedDocument } from '../../types.js';
import type { Extracted, Reader } from '../types.js';

type Opened = ExtractedDocument & { usedPassword: string; savedPasswordIndex?: number; pages: number; ocrPages: number[] };

/** Adapter over the PDF code (pdf.js extraction, OCR, the layout parser), which lives in statements/pdf and system-parser. */
export const pdfReader: Reader = {
  format: 'pdf',
  detect: (head) => (head.startsWith('%PDF-') ? 1 : head.includes('%PDF-') ? 0.9 : 0),
  // pdf.js decrypts while it loads: decrypt and extract share one pass, and the decrypt stage
  // records which password opened the file.
  async decrypt(bytes: Uint8Array, options: ReadOptions, d: Record<string, unknown>) {
    const pdf = await import('../../pdf-statement.js');
    const doc = await pdf.extractPdf(bytes, { filename: options.filename, password: options.password, candidatePasswords: options.candidatePasswords?.map((c) => c.password) });
    d.password = doc.usedPassword;
    if (doc.usedPassword === 'saved' && doc.savedPasswordIndex !== undefined) d.savedPassword = options.candidatePasswords?.[doc.savedPasswordIndex]?.label;
    return doc;
  },
  extract(_bytes, _options, d, opened): Extracted {
    const doc = opened as Opened;
    Object.assign(d, { pages: doc.pages, ocr: doc.ocr, ocrPages: doc.ocrPages, lines: doc.lines.length, characters: doc.rawText.length });
    return { document: doc, text: doc.rawText };
  },
  async parse(extracted, options) {
    const pdf = await import('../../pdf-statement.js');
    const profile = options.layoutProfile ? await options.layoutProfile(extracted.document) : null;
    return { statement: await pdf.parseDocument(extracted.document, { profile }) };
  },
};
