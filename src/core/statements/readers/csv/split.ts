import Papa from 'papaparse';

export interface SplitRow {
  cells: string[];
  /** First and last text line of the row (a quoted cell may span lines). */
  firstLine: number;
  lastLine: number;
  text: string;
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The delimiter that gives the most rows of one common width (quotes respected, multi-line cells too). */
export function detectDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  let best = { d: ',', score: -1 };
  for (const d of DELIMITERS) {
    const rows = Papa.parse<string[]>(sample, { delimiter: d, skipEmptyLines: 'greedy', preview: 300 }).data;
    const widths = rows.map((r) => r.length).filter((w) => w >= 2);
    if (widths.length === 0) continue;
    const counts = new Map<number, number>();
    for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1);
    const [width, n] = [...counts.entries()].sort((a, b) => b[1] * Math.log2(b[0]) - a[1] * Math.log2(a[0]))[0]!;
    const score = n * Math.log2(width + 1);
    if (score > best.score) best = { d, score };
  }
  return best.d;
}

/** Splits delimited text into rows with the text lines each came from. */
export function splitRows(text: string, delimiter: string): SplitRow[] {
  const out: SplitRow[] = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  let start = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    step: (res) => {
      const end = res.meta.cursor;
      const cells = res.data.map((c) => c.trim());
      const raw = text.slice(start, end).replace(/^[\r\n]+/, '');
      const from = start + (text.slice(start, end).length - raw.length);
      if (cells.some((c) => c !== '')) out.push({ cells, firstLine: lineAt(from), lastLine: lineAt(Math.max(from, end - 1)), text: raw.replace(/[\r\n]+$/, '') });
      start = end;
    },
  });
  return out;
}
