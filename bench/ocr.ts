/**
 * OCR and text-PDF speed (issue #12): native Tesseract at 300 dpi, pages in parallel up to the core
 * count (and one at a time, for comparison), tesseract.js as the fallback, and text PDFs per page.
 * Inputs: the scanned and text fixtures in fixtures/statements/blind/pdf (make-blind*-fixtures.ts).
 * Run: npx tsx bench/ocr.ts   (FINCH_OCR_ENGINE=js forces the fallback)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { extractPdf } from '../src/core/statements/pdf/extract.js';
import { forgetNativeTesseract } from '../src/core/statements/pdf/ocr-native.js';
import { parseDocument } from '../src/core/statements/system-parser/index.js';
import { machine } from './lib.js';

const dir = join(import.meta.dirname, '../fixtures/statements/blind/pdf');
const pdfs = readdirSync(dir).filter((f) => f.endsWith('.pdf'));
const scanned = pdfs.filter((f) => f.includes('scanned'));
const text = pdfs.filter((f) => !f.includes('scanned'));

async function perPage(files: readonly string[], options: { concurrency?: number } = {}): Promise<{ pages: number; seconds: number; perPage: number }> {
  let pages = 0;
  const t0 = performance.now();
  for (const f of files) {
    const doc = await extractPdf(new Uint8Array(readFileSync(join(dir, f))), { filename: f, ocrConcurrency: options.concurrency });
    parseDocument(doc);
    pages += doc.pages;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { pages, seconds: Number(seconds.toFixed(2)), perPage: Number((seconds / pages).toFixed(3)) };
}

const results: Record<string, unknown> = { machine: machine(), date: new Date().toISOString().slice(0, 10), cores: availableParallelism(), loadBefore: loadavg().map((x) => x.toFixed(1)) };
await perPage(text.slice(0, 2)); // warm pdf.js
results.textPdf = await perPage(text);
results.nativeParallel = await perPage(scanned);
results.nativeOneAtATime = await perPage(scanned, { concurrency: 1 });
if (process.env.BENCH_JS !== '0') {
  process.env.FINCH_OCR_ENGINE = 'js';
  forgetNativeTesseract();
  results.tesseractJs = await perPage(scanned);
}
results.loadAfter = loadavg().map((x) => x.toFixed(1));
console.log(JSON.stringify(results));
