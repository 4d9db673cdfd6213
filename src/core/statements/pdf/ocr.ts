/**
 * OCR for pages without a text layer. Native Tesseract when it is installed (several pages at once,
 * up to the core count, with the statement's language data where installed); tesseract.js (English,
 * one page at a time) when it is not.
 */
import { availableParallelism } from 'node:os';
import type { TextLine } from '../types.js';
import { JsTesseract } from './ocr-js.js';
import { guessLanguage } from './ocr-language.js';
import { nativeTesseract, recogniseNative, wordsToLines } from './ocr-native.js';
/** Enough to tell words apart for guessing the language, at a tenth of a full read's pixels. */
const LANGUAGE_PROBE_DPI = 100;

import { OCR_DPI, type PdfPage, renderGrey, toPgm } from './render.js';

export interface OcrOptions {
  /** Tesseract language codes to use (e.g. ['fra']); by default guessed from the statement's words. */
  languages?: string[];
  /** Pages OCR'd at once (native engine); default: the core count. */
  concurrency?: number;
  dpi?: number;
  /** Words already read from the document's text layer, to guess the language from. */
  knownWords?: string[];
}

export interface OcrResult {
  lines: Map<number, TextLine[]>;
  engine: 'tesseract' | 'tesseract.js';
  languages: string[];
}

/** Runs `task` over `items` with at most `limit` running at once, keeping order in the result. */
export async function pool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const runner = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, runner));
  return out;
}

/** OCRs the given pages (1-based numbers); `getPage` gives pdf.js page objects. */
export async function ocrPages(numbers: readonly number[], getPage: (n: number) => Promise<PdfPage & { cleanup(): void }>, options: OcrOptions = {}): Promise<OcrResult> {
  const dpi = options.dpi ?? OCR_DPI;
  const native = await nativeTesseract();
  const lines = new Map<number, TextLine[]>();
  if (!native) {
    const js = new JsTesseract();
    try {
      for (const n of numbers) {
        const page = await getPage(n);
        lines.set(n, await js.read(await renderGrey(page, dpi), n, dpi));
        page.cleanup();
      }
    } finally {
      await js.close();
    }
    return { lines, engine: 'tesseract.js', languages: ['eng'] };
  }
  const installed = native.languages;
  const usable = (langs: readonly string[]) => langs.filter((l) => installed.includes(l));
  const readPage = async (n: number, langs: readonly string[]) => {
    const page = await getPage(n);
    const image = await renderGrey(page, dpi);
    page.cleanup();
    return wordsToLines(await recogniseNative(toPgm(image), dpi, langs), image.scale, n);
  };
  let languages = usable(options.languages ?? []);
  if (!languages.length) {
    const guessed = options.knownWords?.length ? guessLanguage(options.knownWords, installed) : null;
    languages = guessed ? [guessed] : [];
  }
  if (!languages.length) {
    // Nothing to guess from yet: a quick low-resolution English pass over the first page is enough
    // to tell the statement's language (a fraction of a full read).
    const fallback = installed.includes('eng') ? 'eng' : installed[0]!;
    const page = await getPage(numbers[0]!);
    const image = await renderGrey(page, LANGUAGE_PROBE_DPI);
    page.cleanup();
    const words = await recogniseNative(toPgm(image), LANGUAGE_PROBE_DPI, [fallback]);
    languages = [guessLanguage(words.map((w) => w.text), installed) ?? fallback];
  }
  const rest = [...numbers];
  const limit = options.concurrency ?? availableParallelism();
  const read = await pool(rest, limit, (n) => readPage(n, languages));
  rest.forEach((n, i) => lines.set(n, read[i]!));
  return { lines, engine: 'tesseract', languages };
}
