/** The fallback engine: tesseract.js with the offline English model from @tesseract.js-data/eng. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PositionedWord, TextLine } from '../types.js';
import { type GreyImage, toPng } from './render.js';

type Worker = Awaited<ReturnType<typeof import('tesseract.js')['createWorker']>>;

function langPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

/** One worker, started on the first page and reused: pages go through it one at a time. */
export class JsTesseract {
  private worker: Promise<Worker> | undefined;

  private start(dpi: number): Promise<Worker> {
    this.worker ??= import('tesseract.js').then(async ({ createWorker, OEM }) => {
      const w = await createWorker('eng', OEM.LSTM_ONLY, { langPath: langPath(), cacheMethod: 'none', gzip: true, logger: () => undefined, errorHandler: () => undefined });
      await w.setParameters({ preserve_interword_spaces: '1', user_defined_dpi: String(dpi) });
      return w;
    });
    return this.worker;
  }

  async read(image: GreyImage, pageNumber: number, dpi: number): Promise<TextLine[]> {
    const worker = await this.start(dpi);
    const { data } = await worker.recognize(await toPng(image), {}, { blocks: true, text: false });
    const lines: TextLine[] = [];
    for (const block of data.blocks ?? []) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) {
          const words: PositionedWord[] = line.words
            .filter((w) => w.text.trim() !== '' && w.confidence > 20)
            .map((w) => ({ text: w.text, x: w.bbox.x0 / image.scale, y: w.bbox.y1 / image.scale, width: (w.bbox.x1 - w.bbox.x0) / image.scale, height: (w.bbox.y1 - w.bbox.y0) / image.scale }));
          if (words.length) lines.push({ page: pageNumber, y: Math.max(...words.map((w) => w.y)), words, text: '' });
        }
      }
    }
    return lines.sort((a, b) => a.y - b.y);
  }

  async close(): Promise<void> {
    if (this.worker) await (await this.worker).terminate();
    this.worker = undefined;
  }
}
