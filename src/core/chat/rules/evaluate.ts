import { toCalendarDate } from '../../calendar/index.js';
import { currencyCode } from '../../money/index.js';
import { parseMessage, type Suggestion, type SplitHint } from './parse-message.js';

export const FIELDS = ['amount', 'currency', 'date', 'type', 'category', 'mentions', 'tags'] as const;
/** Scored only on rows that give them (the optional 9th and 10th columns). */
export const EXTRA_FIELDS = ['payer', 'split'] as const;
export type Field = (typeof FIELDS)[number] | (typeof EXTRA_FIELDS)[number];
const ALL_FIELDS: readonly Field[] = [...FIELDS, ...EXTRA_FIELDS];

export interface EvalCase {
  line: number;
  /** 1-based position among the data rows; every fourth row is the held-out part. */
  row: number;
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
 * currency; columns text, amount, currency, date, type, category, mentions, tags and optionally payer
 * and split; '-' (or, for payer and split, an empty cell) is not scored.
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
    const [text, amount, cur, date, type, category, mentions = '', tags = '', payer = '', split = ''] = line.split('\t');
    cases.push({
      line: i + 1,
      row: cases.length + 1,
      text: text!,
      expected: { amount: amount!, currency: cur!, date: date!, type: type!, category: category!, mentions, tags, payer: payer || '-', split: split || '-' },
    });
  });
  return { today, currency, cases };
}

const norm = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean)
    .sort()
    .join(',');

/** The split in the eval notation: `equal:a,b`, `equal:ways=3`, `exact:a=30,b=20;rest=me`. */
export function splitNotation(split: SplitHint | null): string {
  if (!split) return 'none';
  let body: string;
  if (split.method === 'equal') body = split.with.length ? [...split.with].sort().join(',') : `ways=${split.ways ?? ''}`;
  else body = (split.parts ?? []).map((p) => `${p.who}=${Number(p.value)}`).sort().join(',');
  return `${split.method}:${body}${split.rest ? `;rest=${split.rest}` : ''}`;
}

function normSplit(s: string): string {
  if (s === 'none') return s;
  const [head, rest] = s.split(';');
  const [method, body = ''] = head!.split(':');
  const parts = body
    .split(',')
    .filter(Boolean)
    .map((p) => (p.includes('=') && !p.startsWith('ways=') ? `${p.split('=')[0]}=${Number(p.split('=')[1])}` : p))
    .sort()
    .join(',');
  return `${method}:${parts}${rest ? `;${rest}` : ''}`;
}

/** The row's fields as the evaluator compares them. Type 'repayment' is a transfer settling a debt. */
function fieldsOf(s: Suggestion): Record<Field, string> {
  const payer = s.repayment ? (s.repayment.direction === 'to_me' ? s.repayment.person : 'me') : (s.payer ?? 'me');
  return {
    amount: s.amount,
    currency: s.currency,
    date: s.date,
    type: s.repayment ? 'repayment' : s.type,
    category: s.category,
    mentions: s.mentions.join(','),
    tags: s.tags.join(','),
    payer,
    split: splitNotation(s.split),
  };
}

export interface EvalOptions {
  /** Which rows to score: all, the tuning part, or the held-out part (every fourth row). */
  part?: 'all' | 'tune' | 'holdout';
}

export function evaluate(tsv: string, options: EvalOptions = {}): EvalReport {
  const set = readEvalSet(tsv);
  const part = options.part ?? 'all';
  const cases = set.cases.filter((c) => part === 'all' || (part === 'holdout') === (c.row % 4 === 0));
  const correct = Object.fromEntries(ALL_FIELDS.map((f) => [f, 0])) as Record<Field, number>;
  const scored = Object.fromEntries(ALL_FIELDS.map((f) => [f, 0])) as Record<Field, number>;
  const failures: EvalReport['failures'] = [];
  for (const c of cases) {
    let got: Record<Field, string>;
    try {
      got = fieldsOf(parseMessage(c.text, { today: toCalendarDate(set.today), currency: currencyCode(set.currency) }));
    } catch (e) {
      got = Object.fromEntries(ALL_FIELDS.map((f) => [f, `ERROR ${(e as Error).message}`])) as Record<Field, string>;
    }
    for (const f of ALL_FIELDS) {
      const want = c.expected[f];
      if (want === '-') continue;
      scored[f]++;
      const ok = f === 'mentions' || f === 'tags' ? norm(want) === norm(got[f]) : f === 'split' ? normSplit(want) === normSplit(got[f]) : want === got[f];
      if (ok) correct[f]++;
      else failures.push({ line: c.line, text: c.text, field: f, expected: want, got: got[f] });
    }
  }
  const accuracy = Object.fromEntries(ALL_FIELDS.map((f) => [f, scored[f] ? correct[f] / scored[f] : 1])) as Record<Field, number>;
  return { cases: cases.length, accuracy, scored, failures };
}
