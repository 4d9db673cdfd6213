import { FinchError } from '../../errors/index.js';
import type { ExtractedDocument, PositionedWord, TextLine } from '../types.js';
import { withRebuiltTrailer } from './repair.js';

export interface ExtractPdfOptions {
  filename: string;
  password?: string;
  /** Saved passwords, tried in turn when none was given. */
  candidatePasswords?: string[];
  /** OCR pages without a text layer (default true). */
  ocr?: boolean;
  /** Tesseract language codes for OCR (default: guessed from the statement). */
  ocrLanguages?: string[];
  /** Pages OCR'd at once (default: the core count). */
  ocrConcurrency?: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

let pdfjs: Promise<PdfJs> | undefined;
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

function isPasswordError(e: unknown): e is { name: string; code: number } {
  return typeof e === 'object' && e !== null && (e as { name?: string }).name === 'PasswordException';
}

async function open(bytes: Uint8Array, password: string | undefined): Promise<PdfDocument> {
  const lib = await loadPdfJs();
  // getDocument takes ownership of (detaches) the buffer: each try gets a fresh copy.
  const load = (data: Uint8Array) => lib.getDocument({ data: new Uint8Array(data), password, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    return await load(bytes);
  } catch (e) {
    if (isPasswordError(e)) throw e;
    const repaired = withRebuiltTrailer(bytes);
    if (!repaired) throw e;
    try {
      return await load(repaired);
    } catch (again) {
      throw isPasswordError(again) ? again : e;
    }
  }
}

/** Opens a PDF with the given password, else with each saved one in turn. */
async function openWithPasswords(bytes: Uint8Array, options: ExtractPdfOptions): Promise<{ doc: PdfDocument; used: ExtractedDocument['usedPassword']; index?: number }> {
  try {
    return { doc: await open(bytes, options.password), used: options.password ? 'given' : 'none' };
  } catch (e) {
    if (!isPasswordError(e)) throw unreadable(options.filename, e);
    if (options.password) throw new FinchError('PASSWORD', `wrong password for ${options.filename}`);
    for (const [index, candidate] of (options.candidatePasswords ?? []).entries()) {
      try {
        return { doc: await open(bytes, candidate), used: 'saved', index };
      } catch (again) {
        if (!isPasswordError(again)) throw unreadable(options.filename, again);
      }
    }
    throw new FinchError(
      'PASSWORD',
      options.candidatePasswords?.length
        ? `${options.filename} is password-protected and none of the ${options.candidatePasswords.length} saved passwords opens it: give --password`
        : `${options.filename} is password-protected: give --password, or save one with finch password add and use --try-saved-passwords`,
    );
  }
}

function unreadable(filename: string, e: unknown): FinchError {
  const why = e instanceof Error ? e.message : String(e);
  return new FinchError('UNSUPPORTED', `${filename} is not a readable PDF (${why.split('\n')[0]})`, { cause: e });
}

interface RawItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/**
 * Groups a page's text items into lines (items whose baselines are within half a glyph height)
 * and each line's items into words ordered left to right, in top-down reading order.
 */
export function itemsToLines(items: readonly RawItem[], page: number, pageHeight: number): TextLine[] {
  const words: PositionedWord[] = items
    .filter((i) => i.str.trim() !== '')
    .map((i) => {
      const height = Math.abs(i.transform[3] ?? i.height) || i.height || 10;
      return { text: i.str.replace(/\s+/g, ' ').trim(), x: i.transform[4] ?? 0, y: pageHeight - (i.transform[5] ?? 0), width: i.width, height };
    });
  words.sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: TextLine[] = [];
  for (const w of words) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - w.y) <= Math.max(2, Math.min(w.height, last.words[0]!.height) * 0.5)) last.words.push(w);
    else lines.push({ page, y: w.y, words: [w], text: '' });
  }
  for (const line of lines) {
    line.words.sort((a, b) => a.x - b.x);
    line.text = joinWords(line.words);
  }
  return lines;
}

/** Joins words with a space where there is a gap, and with several where there is a column gap. */
function joinWords(words: readonly PositionedWord[]): string {
  let out = '';
  let end = -Infinity;
  for (const w of words) {
    if (out) {
      const gap = w.x - end;
      out += gap > Math.max(8, w.height * 1.2) ? '   ' : gap > 0.5 || !/^[.,)%]/.test(w.text) ? ' ' : '';
    }
    out += w.text;
    end = w.x + w.width;
  }
  return out;
}

/** decrypt + extract: text with positions for every page; pages with no text go to OCR. */
export async function extractPdf(bytes: Uint8Array, options: ExtractPdfOptions): Promise<ExtractedDocument> {
  const { doc, used, index } = await openWithPasswords(bytes, options);
  try {
    const byPage = new Map<number, TextLine[]>();
    const scanned: number[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items = content.items.filter((i): i is RawItem & typeof i => 'str' in i) as unknown as RawItem[];
      const pageLines = itemsToLines(items, n, viewport.height);
      // No text layer: a scanned page. Its words come from OCR, in the same line structure.
      if (pageLines.length === 0 && options.ocr !== false) scanned.push(n);
      byPage.set(n, pageLines);
      page.cleanup();
    }
    let ocrInfo: { engine: string; languages: string[] } | undefined;
    if (scanned.length) {
      const { ocrPages } = await import('./ocr.js');
      const knownWords = [...byPage.values()].flat().flatMap((l) => l.words.map((w) => w.text));
      const result = await ocrPages(scanned, (n) => doc.getPage(n) as never, { languages: options.ocrLanguages, concurrency: options.ocrConcurrency, knownWords });
      for (const [n, pageLines] of result.lines) {
        for (const l of pageLines) l.text = joinWords(l.words);
        byPage.set(n, pageLines);
      }
      ocrInfo = { engine: result.engine, languages: result.languages };
    }
    const lines = [...byPage.keys()].sort((a, b) => a - b).flatMap((n) => byPage.get(n)!);
    const rawText = Array.from({ length: doc.numPages }, (_, i) => (byPage.get(i + 1) ?? []).map((l) => l.text).join('\n')).join('\n\f');
    return {
      format: 'pdf',
      pages: doc.numPages,
      ocr: scanned.length > 0,
      ocrPages: scanned,
      ...(ocrInfo ? { ocrEngine: ocrInfo.engine, ocrLanguages: ocrInfo.languages } : {}),
      lines,
      rawText,
      usedPassword: used,
      ...(index !== undefined ? { savedPasswordIndex: index } : {}),
    };
  } finally {
    await doc.destroy();
  }
}
