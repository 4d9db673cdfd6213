/**
 * Native Tesseract (Debian's tesseract-ocr) through its command line: an image on stdin, TSV on
 * stdout. Each process is held to one thread so that pages OCR'd side by side share the cores
 * instead of fighting over them.
 */
import { spawn } from 'node:child_process';
import type { PositionedWord, TextLine } from '../types.js';

export interface NativeTesseract {
  version: string;
  languages: string[];
}

let probe: Promise<NativeTesseract | null> | undefined;

function run(args: readonly string[], input?: Buffer, env?: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.FINCH_TESSERACT ?? 'tesseract', args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** Whether `tesseract` is installed, its version and its language data; null when it is not there. */
export function nativeTesseract(): Promise<NativeTesseract | null> {
  probe ??= (async () => {
    if (process.env.FINCH_OCR_ENGINE === 'js') return null;
    try {
      const version = await run(['--version']);
      if (version.code !== 0) return null;
      const langs = await run(['--list-langs']);
      const languages = `${langs.stdout}\n${langs.stderr}`
        .split('\n')
        .slice(1)
        .map((l) => l.trim())
        .filter((l) => /^[a-z_]{3,}$/i.test(l) && l !== 'osd');
      return { version: (version.stdout || version.stderr).split('\n')[0]!.trim(), languages };
    } catch {
      return null;
    }
  })();
  return probe;
}

/** Resets the cached probe (tests switch engines). */
export function forgetNativeTesseract(): void {
  probe = undefined;
}

/** Reads an image (PGM/PNG bytes) at `dpi`; words come back in image pixels. */
export async function recogniseNative(image: Buffer, dpi: number, languages: readonly string[]): Promise<TsvWord[]> {
  const args = ['stdin', 'stdout', '--dpi', String(dpi), '-l', languages.join('+'), '--psm', '3', '-c', 'preserve_interword_spaces=1', 'tsv'];
  const { code, stdout, stderr } = await run(args, image, { OMP_THREAD_LIMIT: '1' });
  if (code !== 0) throw new Error(`tesseract exited with ${code}: ${stderr.trim().split('\n').pop() ?? ''}`);
  return parseTsv(stdout);
}

export interface TsvWord {
  /** block, paragraph and line numbers: one key for the printed line the word sits on. */
  line: string;
  left: number;
  top: number;
  width: number;
  height: number;
  confidence: number;
  text: string;
}

/** Tesseract's TSV: level 5 rows are words. */
export function parseTsv(tsv: string): TsvWord[] {
  const words: TsvWord[] = [];
  for (const row of tsv.split('\n').slice(1)) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] !== '5') continue;
    const text = f.slice(11).join('\t').trim();
    if (!text) continue;
    words.push({ line: `${f[1]}.${f[2]}.${f[3]}.${f[4]}`, left: Number(f[6]), top: Number(f[7]), width: Number(f[8]), height: Number(f[9]), confidence: Number(f[10]), text });
  }
  return words;
}

/**
 * Words grouped into the same positioned lines a text layer gives, in PDF points. Tesseract may put
 * the cells of one printed row into different blocks (a table's columns look like text columns to
 * it), so words are regrouped by where they sit vertically, not by Tesseract's line numbers.
 */
export function wordsToLines(words: readonly TsvWord[], scale: number, page: number, minConfidence = 20): TextLine[] {
  const kept = words.filter((w) => w.confidence > minConfidence).sort((a, b) => a.top + a.height / 2 - (b.top + b.height / 2));
  const groups: Array<{ centre: number; height: number; words: TsvWord[] }> = [];
  for (const w of kept) {
    const centre = w.top + w.height / 2;
    const last = groups[groups.length - 1];
    if (last && Math.abs(centre - last.centre) <= Math.min(w.height, last.height) * 0.5) {
      last.words.push(w);
      last.centre = (last.centre * (last.words.length - 1) + centre) / last.words.length;
    } else groups.push({ centre, height: w.height, words: [w] });
  }
  return groups.map((g) => {
    const bottoms = g.words.map((w) => w.top + w.height).sort((a, b) => a - b);
    const y = bottoms[Math.floor(bottoms.length / 2)]! / scale;
    const ws: PositionedWord[] = g.words
      .map((w) => ({ text: w.text, x: w.left / scale, y, width: w.width / scale, height: w.height / scale }))
      .sort((a, b) => a.x - b.x);
    return { page, y, words: ws, text: '' };
  });
}
