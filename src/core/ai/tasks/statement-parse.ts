import { z } from 'zod';
import { compareDates, tryCalendarDate } from '../../calendar/index.js';
import { type CurrencyCode, currencyCode, decimalToMinor, isCurrencyCode, minorToDecimal } from '../../money/index.js';
import type { ParsedRow, ParsedStatement } from '../../statements/index.js';
import type { AiClient } from '../client.js';

export interface AiParseStatementOptions {
  /** The account's currency, when known; amounts are checked against its decimal places. */
  currencyHint?: CurrencyCode | string;
  /** `format` of the returned statement (the file's format). Default 'pdf', where AI parsing is used most. */
  format?: ParsedStatement['format'];
  /** Longest piece of text sent in one request, in characters (default 12000). Longer text is sent in pieces, split between lines (at page breaks when it can). */
  chunkChars?: number;
  signal?: AbortSignal;
}

export interface AiStatementResult {
  statement: ParsedStatement;
  /** The providers that answered, one per piece of text (in order). */
  providers: string[];
  /** True when every piece came from the cache. */
  cached: boolean;
  notes: string[];
}

const SIGNED = /^[+-]?\d+(?:\.\d+)?$/;
const YMD = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (v: string) => YMD.test(v) && tryCalendarDate(v) !== null;
const signedDecimal = (what: string) => z.string().refine((v) => SIGNED.test(v.trim()), `${what} must be a plain signed decimal such as -12.50`);
const day = (what: string) => z.string().refine(isDay, `${what} must be a real day as YYYY-MM-DD`);

/** What the model answers for one piece of the statement's text. */
export function statementChunkSchema(currency: CurrencyCode | null) {
  return z
    .object({
      institution: z.string().nullable().describe('the bank or card issuer, or null'),
      accountNumber: z.string().nullable().describe('the account or card number as printed (often masked), or null'),
      currency: z
        .string()
        .nullable()
        .describe('ISO 4217 code of the statement, or null if this text does not say')
        .refine((v) => v === null || isCurrencyCode(v), 'currency must be an ISO 4217 code or null'),
      periodStart: day('periodStart').nullable(),
      periodEnd: day('periodEnd').nullable(),
      openingBalance: signedDecimal('openingBalance').nullable().describe('balance at the start of the period, or null if not in this text'),
      closingBalance: signedDecimal('closingBalance').nullable().describe('balance at the end of the period, or null if not in this text'),
      transactions: z.array(
        z.object({
          date: day('date').describe('YYYY-MM-DD: the transaction (or posting) date'),
          description: z.string().refine((v) => v.trim().length > 0, 'description must not be empty'),
          amount: signedDecimal('amount').describe('signed decimal: negative for money out (debits, purchases, fees), positive for money in'),
          balance: signedDecimal('balance').nullable().describe('the running balance printed on the row, or null'),
          lines: z.array(z.number().int()).describe('the numbers of the text lines this row was read from'),
          confidence: z.number().min(0).max(1),
        }),
      ),
    })
    .superRefine((v, ctx) => {
      const code = currency ?? (v.currency && isCurrencyCode(v.currency) ? currencyCode(v.currency) : null);
      if (!code) return;
      const check = (value: string | null, path: (string | number)[]) => {
        if (value === null || !SIGNED.test(value.trim())) return;
        try {
          decimalToMinor(value.trim().replace(/^\+/, ''), code);
        } catch (e) {
          ctx.addIssue({ code: 'custom', path, message: (e as Error).message });
        }
      };
      check(v.openingBalance, ['openingBalance']);
      check(v.closingBalance, ['closingBalance']);
      v.transactions.forEach((t, i) => {
        check(t.amount, ['transactions', i, 'amount']);
        check(t.balance, ['transactions', i, 'balance']);
      });
    });
}

type Chunk = z.infer<ReturnType<typeof statementChunkSchema>>;

interface TextLine {
  index: number;
  page: number;
  text: string;
}

/**
 * Lines of the raw text with their page: a form feed (`\f`, as PDF text extraction puts between
 * pages) starts a new page. `lineIndexes` in the result are indexes into `rawText.split(/\r?\n/)`.
 */
function linesOf(rawText: string): TextLine[] {
  let page = 1;
  return rawText.split(/\r?\n/).map((raw, index) => {
    const breaks = (raw.match(/\f/g) ?? []).length;
    // A line that starts with the break belongs to the new page; a break after text, to the old one.
    const startsPage = breaks > 0 && raw.slice(0, raw.indexOf('\f')).trim() === '';
    if (startsPage) page += breaks;
    const line = { index, page, text: raw.replace(/\f/g, ' ').trim() === '' ? '' : raw.replace(/^[ \t]*\f+/, '').replace(/\f/g, ' ') };
    if (!startsPage) page += breaks;
    return line;
  });
}

/** Splits the non-blank lines into pieces of at most `max` characters, preferring page breaks. */
function chunksOf(lines: TextLine[], max: number): TextLine[][] {
  const chunks: TextLine[][] = [];
  let cur: TextLine[] = [];
  let size = 0;
  for (const line of lines) {
    if (!line.text.trim()) continue;
    const cost = line.text.length + 8;
    const pageBreak = cur.length > 0 && line.page !== cur[cur.length - 1]!.page && size > max * 0.6;
    if (cur.length > 0 && (size + cost > max || pageBreak)) {
      chunks.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(line);
    size += cost;
  }
  if (cur.length) chunks.push(cur);
  return chunks;
}

function systemPrompt(currency: CurrencyCode | null): string {
  return [
    'You read the text of a bank or credit-card statement and list its transactions exactly as printed.',
    'Each text line starts with its line number and "|". Cite, for every transaction, the numbers of the lines it was read from.',
    'Rules:',
    '- One entry per transaction row; skip headers, totals, opening/closing balance lines and page furniture.',
    '- date: YYYY-MM-DD (use the statement period to supply a missing year).',
    '- amount: plain signed decimal, "." as decimal point, no thousands separators or symbols; negative for money out (debits, purchases, withdrawals, fees), positive for money in (credits, deposits, refunds, payments to a card).',
    '- balance: the running balance printed on the row as a signed decimal, or null.',
    '- description: the row\'s description text, without the date and amounts.',
    currency ? `- The statement's currency is ${currency}.` : '- currency: the ISO 4217 code the statement uses, or null if this text does not show it.',
    '- Header fields (institution, account number, period, opening and closing balance) only when this text shows them, else null.',
    '- confidence: 0–1 per row, lower when the row was hard to read.',
    'Answer with the JSON object only.',
  ].join('\n');
}

/** Normalises a signed decimal: "+0012.50" → "12.50" (with the currency's places when known). */
function normalize(value: string, currency: CurrencyCode | null): string {
  const t = value.trim().replace(/^\+/, '');
  if (currency) return minorToDecimal(decimalToMinor(t, currency), currency);
  const negative = t.startsWith('-');
  const body = t.replace(/^-/, '').replace(/^0+(?=\d)/, '');
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/**
 * Parses a statement's extracted text with AI into the same `ParsedStatement` the system parsers
 * make: rows with signed amounts, the text lines each came from, and whether the balances
 * reconcile (opening + sum of amounts = closing). Long text is sent in pieces; any piece that no
 * provider can parse makes the whole call throw FinchError 'AI_UNAVAILABLE' / 'RATE_LIMITED', so
 * the caller falls back to the system parser rather than importing half a statement.
 *
 * ```ts
 * const statement = await aiParseStatement(ai, document.rawText, { currencyHint: account.currency });
 * ```
 */
export async function aiParseStatement(ai: AiClient, rawText: string, options: AiParseStatementOptions = {}): Promise<ParsedStatement> {
  return (await aiParseStatementDetailed(ai, rawText, options)).statement;
}

/** `aiParseStatement` with which providers answered and what happened on the way. */
export async function aiParseStatementDetailed(ai: AiClient, rawText: string, options: AiParseStatementOptions = {}): Promise<AiStatementResult> {
  const hint = options.currencyHint ? currencyCode(String(options.currencyHint)) : null;
  const lines = linesOf(rawText);
  const chunks = chunksOf(lines, Math.max(500, options.chunkChars ?? 12_000));
  const warnings: string[] = [];
  const notes: string[] = [];
  const providers: string[] = [];
  let cached = chunks.length > 0;
  const answers: Array<{ chunk: TextLine[]; answer: Chunk }> = [];

  let currency = hint;
  for (const [i, chunk] of chunks.entries()) {
    const numbered = chunk.map((l) => `${l.index}| ${l.text}`).join('\n');
    const part = chunks.length > 1 ? `This is part ${i + 1} of ${chunks.length} of the statement.\n` : '';
    const result = await ai.complete({
      purpose: 'statement-parse',
      system: systemPrompt(currency),
      prompt: `${part}Statement text:\n${numbered}`,
      schema: statementChunkSchema(currency),
      schemaName: 'statement_transactions',
      maxOutputTokens: 8192,
      signal: options.signal,
    });
    providers.push(result.provider);
    cached &&= result.cached;
    notes.push(...result.notes.map((n) => (chunks.length > 1 ? `part ${i + 1}: ${n}` : n)));
    answers.push({ chunk, answer: result.value });
    if (!currency && result.value.currency) currency = currencyCode(result.value.currency);
  }

  const first = <K extends keyof Chunk>(key: K): Chunk[K] | null => answers.map((a) => a.answer[key]).find((v) => v !== null && v !== undefined) ?? null;
  const last = <K extends keyof Chunk>(key: K): Chunk[K] | null =>
    [...answers].reverse().map((a) => a.answer[key]).find((v) => v !== null && v !== undefined) ?? null;

  const found = answers.map((a) => a.answer.currency).find((c): c is string => !!c) ?? null;
  if (hint && found && currencyCode(found) !== hint) warnings.push(`the statement looks like ${currencyCode(found)}, not ${hint}`);

  const rows: ParsedRow[] = [];
  const seen = new Set<string>();
  for (const { chunk, answer } of answers) {
    const byIndex = new Map(chunk.map((l) => [l.index, l]));
    for (const t of answer.transactions) {
      const cited = [...new Set(t.lines)].filter((n) => byIndex.has(n)).sort((a, b) => a - b);
      const amount = normalize(t.amount, currency);
      const key = `${t.date}|${amount}|${cited.join(',')}|${t.description.trim()}`;
      if (seen.has(key)) {
        warnings.push(`dropped a repeated row: ${t.date} ${amount} ${t.description.trim()}`);
        continue;
      }
      seen.add(key);
      const reviewReasons: string[] = [];
      if (cited.length === 0) reviewReasons.push('the row does not point at a line of the statement text');
      const sourceLines = cited.map((n) => byIndex.get(n)!);
      const row: ParsedRow = {
        date: tryCalendarDate(t.date)!,
        description: t.description.trim().replace(/\s+/g, ' '),
        amount,
        confidence: Math.min(1, Math.max(0, t.confidence)),
        source: {
          page: sourceLines[0]?.page ?? chunk[0]?.page ?? 1,
          lineIndexes: cited,
          text: sourceLines.map((l) => l.text.trim()).join('\n'),
        },
      };
      if (t.balance !== null) row.balance = normalize(t.balance, currency);
      if (reviewReasons.length) row.reviewReasons = reviewReasons;
      rows.push(row);
    }
  }

  const periodStart = first('periodStart');
  const periodEnd = last('periodEnd');
  const period = periodStart && periodEnd ? { start: tryCalendarDate(periodStart)!, end: tryCalendarDate(periodEnd)! } : null;
  if (period) {
    for (const r of rows) {
      if (compareDates(r.date, period.start) < 0 || compareDates(r.date, period.end) > 0) flag(r, 'date outside the statement period');
    }
  }
  const opening = first('openingBalance');
  const closing = last('closingBalance');
  const openingBalance = opening !== null ? normalize(opening, currency) : null;
  const closingBalance = closing !== null ? normalize(closing, currency) : null;

  let reconciled: boolean | null = null;
  if (openingBalance !== null && closingBalance !== null) {
    const sum = (values: string[]) => values.reduce((acc, v) => acc + toUnits(v, currency), 0);
    reconciled = sum([openingBalance, ...rows.map((r) => r.amount)]) === toUnits(closingBalance, currency);
    if (!reconciled) {
      const diff = toUnits(closingBalance, currency) - sum([openingBalance, ...rows.map((r) => r.amount)]);
      warnings.push(`opening balance plus the rows differs from the closing balance by ${fromUnits(diff, currency)}`);
    }
  }
  checkRunningBalances(rows, openingBalance, currency, warnings);
  if (rows.length === 0) warnings.push('no transactions found');

  const statement: ParsedStatement = {
    format: options.format ?? ('pdf' as ParsedStatement['format']),
    currency: (currency ?? null) as ParsedStatement['currency'],
    period,
    openingBalance,
    closingBalance,
    reconciled,
    accountNumber: first('accountNumber'),
    institution: first('institution'),
    transactions: rows,
    warnings,
  };
  return { statement, providers, cached, notes };
}

function flag(row: ParsedRow, reason: string): void {
  row.reviewReasons = [...(row.reviewReasons ?? []), reason];
  row.confidence = Math.min(row.confidence, 0.5);
}

// Amounts in exact integer units: the currency's minor units, or 10^-6 when the currency is unknown.
function toUnits(value: string, currency: CurrencyCode | null): number {
  if (currency) return decimalToMinor(value, currency);
  const [whole = '0', frac = ''] = value.replace(/^[+-]/, '').split('.');
  const n = Number(whole) * 1_000_000 + Number(frac.padEnd(6, '0').slice(0, 6));
  return value.startsWith('-') ? -n : n;
}

function fromUnits(units: number, currency: CurrencyCode | null): string {
  if (currency) return minorToDecimal(units, currency);
  const abs = String(Math.abs(units)).padStart(7, '0');
  return `${units < 0 ? '-' : ''}${abs.slice(0, -6)}.${abs.slice(-6)}`.replace(/\.?0+$/, '');
}

/**
 * Rows that print a running balance are checked against the one before (previous balance + amount
 * = balance), in printed order or, when the statement lists newest first, in reverse. A misread
 * balance or a misread amount flags only its own row: each row is checked against both the printed
 * and the computed previous balance. When no pair fits in either order, nothing is flagged.
 */
function checkRunningBalances(rows: ParsedRow[], opening: string | null, currency: CurrencyCode | null, warnings: string[]): void {
  const misses = (ordered: ParsedRow[]): { checked: number; bad: ParsedRow[] } => {
    let printed: number | null = opening !== null ? toUnits(opening, currency) : null;
    let computed: number | null = printed;
    let checked = 0;
    const bad: ParsedRow[] = [];
    for (const r of ordered) {
      const amount = toUnits(r.amount, currency);
      if (r.balance === undefined || r.balance === null) {
        printed = printed === null ? null : printed + amount;
        computed = computed === null ? null : computed + amount;
        continue;
      }
      const balance = toUnits(r.balance, currency);
      let ok = true;
      if (printed !== null || computed !== null) {
        checked++;
        ok = (printed !== null && printed + amount === balance) || (computed !== null && computed + amount === balance);
        if (!ok) bad.push(r);
      }
      computed = ok ? balance : computed !== null ? computed + amount : printed !== null ? printed + amount : null;
      printed = balance;
    }
    return { checked, bad };
  };
  const forward = misses(rows);
  const backward = misses([...rows].reverse());
  const best = backward.bad.length < forward.bad.length ? backward : forward;
  if (best.checked === 0 || best.bad.length === 0) return;
  if (best.checked > 1 && best.bad.length === best.checked) {
    warnings.push('the running balances do not follow the rows in either order; not checked row by row');
    return;
  }
  for (const r of best.bad) flag(r, 'running balance does not follow from the previous row');
}
