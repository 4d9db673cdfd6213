import { toCalendarDate } from '../../calendar/index.js';
import { currencyCode } from '../../money/index.js';
import { parseMessage } from './parse-message.js';

export const FIELDS = ['amount', 'currency', 'date', 'type', 'category', 'mentions', 'tags'] as const;
export type Field = (typeof FIELDS)[number];

export interface EvalCase {
  line: number;
  text: string;
  expected: Record<Field, string>;
}

export interface EvalReport {
  cases: number;
  accuracy: Record<Field, number>;
  scored: Record<Field, number>;
  failures: Array<{ line: number; text: string; field: Field; expected: string; got: string }>;
}

/**
 * Reads the dev-set format: a TSV whose comment header gives `today = YYYY-MM-DD` and the default
 * currency; columns text, amount, currency, date, type, category, mentions, tags; '-' is not scored.
 */
export function readEvalSet(tsv: string): { today: string; currency: string; cases: EvalCase[] } {
  let today = '2024-03-15';
  let currency = 'USD';
  const cases: EvalCase[] = [];
  tsv.split(/\r?\n/).forEach((line, i) => {
    if (line.startsWith('#')) {
      const t = /today\s*=\s*(\d{4}-\d{2}-\d{2})/.exec(line);
      if (t) today = t[1]!;
      const c = /default currency\s+([A-Z]{3})/i.exec(line);
      if (c) currency = c[1]!.toUpperCase();
      return;
    }
    if (!line.trim()) return;
    const [text, amount, cur, date, type, category, mentions = '', tags = ''] = line.split('\t');
    cases.push({ line: i + 1, text: text!, expected: { amount: amount!, currency: cur!, date: date!, type: type!, category: category!, mentions, tags } });
  });
  return { today, currency, cases };
}

const norm = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean)
    .join(',');

export function evaluate(tsv: string): EvalReport {
  const set = readEvalSet(tsv);
  const correct = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<Field, number>;
  const scored = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<Field, number>;
  const failures: EvalReport['failures'] = [];
  for (const c of set.cases) {
    let got: Record<Field, string>;
    try {
      const s = parseMessage(c.text, { today: toCalendarDate(set.today), currency: currencyCode(set.currency) });
      got = { amount: s.amount, currency: s.currency, date: s.date, type: s.type, category: s.category, mentions: s.mentions.join(','), tags: s.tags.join(',') };
    } catch (e) {
      got = Object.fromEntries(FIELDS.map((f) => [f, `ERROR ${(e as Error).message}`])) as Record<Field, string>;
    }
    for (const f of FIELDS) {
      const want = c.expected[f];
      if (want === '-') continue;
      scored[f]++;
      const ok = f === 'mentions' || f === 'tags' ? norm(want) === norm(got[f]) : want === got[f];
      if (ok) correct[f]++;
      else failures.push({ line: c.line, text: c.text, field: f, expected: want, got: got[f] });
    }
  }
  const accuracy = Object.fromEntries(FIELDS.map((f) => [f, scored[f] ? correct[f] / scored[f] : 1])) as Record<Field, number>;
  return { cases: set.cases.length, accuracy, scored, failures };
}
