import { extname } from 'node:path';
import { FinchError } from '../../errors/index.js';
import type { StatementFormat } from '../types.js';

/** Decodes statement text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Which reader a file needs, by its content first and its name second. */
export function detectFormat(bytes: Uint8Array, filename: string): StatementFormat {
  const head = decodeText(bytes.subarray(0, 4096));
  if (head.startsWith('%PDF-') || head.includes('%PDF-')) return 'pdf';
  if (/OFXHEADER|<OFX>|<\?OFX/i.test(head)) return 'ofx';
  if (/camt\.053|<BkToCstmrStmt>/i.test(head)) return 'camt';
  if (/^\s*!(Type|Account|Option)/im.test(head)) return 'qif';
  const ext = extname(filename).toLowerCase();
  if (ext === '.pdf') throw new FinchError('UNSUPPORTED', `${filename} is named .pdf but is not a PDF`);
  const printable = head.replace(/[\r\n\t]/g, '').split('').filter((c) => c < ' ' && c !== '\f').length;
  const lines = head.split(/\r?\n/).filter((l) => l.trim());
  if (printable === 0 && lines.length >= 2 && lines.slice(0, 20).some((l) => /[,;\t|]/.test(l))) return 'csv';
  throw new FinchError('UNSUPPORTED', `unsupported file format for ${filename}: finch reads PDF, CSV, OFX/QFX, QIF and CAMT.053`);
}
