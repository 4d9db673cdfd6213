/** Text documents for system-parser tests, without a PDF in between. */
import type { ExtractedDocument } from '../../../src/core/statements/types.js';

/** Every word as its own text item (as many PDF writers place them), the page scaled by `k`. */
export function perWordAndScaled(doc: ExtractedDocument, k: number): ExtractedDocument {
  const lines = doc.lines.map((l) => ({
    ...l,
    y: l.y * k,
    words: l.words.flatMap((w) => {
      const perChar = w.width / Math.max(w.text.length, 1);
      return [...w.text.matchAll(/\S+/g)].map((m) => ({ text: m[0], x: (w.x + m.index * perChar) * k, y: w.y * k, width: m[0].length * perChar * k, height: w.height * k }));
    }),
  }));
  return { ...doc, lines };
}

/** A one-page document from rows of [x, text] items, `pitch` points apart, 8-point type. */
export function synthetic(rows: Array<Array<[number, string]>>, pitch = 12): ExtractedDocument {
  const lines = rows.map((row, i) => {
    const words = row.map(([x, text]) => ({ text, x, y: 50 + i * pitch, width: text.length * 4.4, height: 8 }));
    return { page: 1, y: 50 + i * pitch, words, text: words.map((w) => w.text).join('   ') };
  });
  return { format: 'pdf', pages: 1, ocr: false, ocrPages: [], lines, rawText: lines.map((l) => l.text).join('\n'), usedPassword: 'none' };
}
