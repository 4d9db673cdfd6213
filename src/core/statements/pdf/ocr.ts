import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PositionedWord, TextLine } from '../types.js';

/** Rendering resolution for OCR: ~200 dpi reads statement print well at ~2 s a page here. */
const DPI = 200;
const SCALE = DPI / 72;

type PdfPage = {
  getViewport(o: { scale: number }): { width: number; height: number };
  render(o: unknown): { promise: Promise<void> };
};

type Worker = Awaited<ReturnType<typeof import('tesseract.js')['createWorker']>>;

/** The offline English model shipped in @tesseract.js-data/eng: nothing is downloaded. */
function langPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

/** One tesseract worker, started on the first scanned page and reused for the rest. */
export class PageOcr {
  private worker: Promise<Worker> | undefined;

  private start(): Promise<Worker> {
    this.worker ??= import('tesseract.js').then(({ createWorker, OEM }) =>
      createWorker('eng', OEM.LSTM_ONLY, { langPath: langPath(), cacheMethod: 'none', gzip: true, logger: () => undefined, errorHandler: () => undefined }),
    );
    return this.worker;
  }

  /** Renders the page and reads it into the same positioned lines a text layer gives (PDF points). */
  async read(page: PdfPage, pageNumber: number): Promise<TextLine[]> {
    const { createCanvas } = await import('@napi-rs/canvas');
    const viewport = page.getViewport({ scale: SCALE });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvasContext: context, canvas, viewport }).promise;
    const png = await canvas.encode('png');
    const worker = await this.start();
    await worker.setParameters({ preserve_interword_spaces: '1', user_defined_dpi: String(DPI) });
    const { data } = await worker.recognize(png, {}, { blocks: true, text: false });
    const lines: TextLine[] = [];
    for (const block of data.blocks ?? []) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) {
          const words: PositionedWord[] = line.words
            .filter((w) => w.text.trim() !== '' && w.confidence > 20)
            .map((w) => ({ text: w.text, x: w.bbox.x0 / SCALE, y: w.bbox.y1 / SCALE, width: (w.bbox.x1 - w.bbox.x0) / SCALE, height: (w.bbox.y1 - w.bbox.y0) / SCALE }));
          if (words.length === 0) continue;
          lines.push({ page: pageNumber, y: Math.max(...words.map((w) => w.y)), words, text: '' });
        }
      }
    }
    lines.sort((a, b) => a.y - b.y);
    return lines;
  }

  async close(): Promise<void> {
    if (this.worker) await (await this.worker).terminate();
    this.worker = undefined;
  }
}
