import Papa from 'papaparse';
import { z } from 'zod';
import { FinchError } from '../../errors/index.js';
import { type CurrencyCode, currencyCode, decimalToMinor, isCurrencyCode, minorToDecimal } from '../../money/index.js';
import type { ParsedRow, ParsedStatement, UnreadRow } from '../types.js';
import { type DateOrder, learnDateOrder, learnDecimalMark, readAmount, readDate, resolveYear } from '../system-parser/tokens.js';
import { finish } from './shared.js';

const columnRef = z.union([z.number().int().nonnegative(), z.string().min(1)]);

/** Which columns hold what. Header names (not positions) are saved, so a reordered export still maps. */
export const csvMappingSchema = z.object({
  date: columnRef,
  description: z.array(columnRef),
  amount: columnRef.optional(),
  debit: columnRef.optional(),
  credit: columnRef.optional(),
  balance: columnRef.optional(),
  currency: columnRef.optional(),
  reference: columnRef.optional(),
  /** A column saying debit/credit (Dr/Cr, "Debit", "S"/"H") for unsigned amounts. */
  direction: columnRef.optional(),
  dateOrder: z.enum(['dmy', 'mdy']).optional(),
  decimal: z.enum(['.', ',']).optional(),
  /** Flip every sign: card exports that print charges as positive numbers. */
  invert: z.boolean().optional(),
  delimiter: z.string().max(1).optional(),
}).refine((m) => m.amount !== undefined || m.debit !== undefined || m.credit !== undefined, 'a mapping needs an amount column, or debit/credit columns');
export type CsvMapping = z.infer<typeof csvMappingSchema>;

type Role = 'date' | 'description' | 'amount' | 'debit' | 'credit' | 'balance' | 'currency' | 'reference' | 'direction';
const ROLES: Array<[Role, RegExp]> = [
  ['date', /^(date|booking date|transaction date|trans(action)?\.? date|posting date|posted date|value date|buchungstag|buchungsdatum|datum|fecha|data|date op(é|e)ration|txn date)$/i],
  ['balance', /(balance|saldo|kontostand|solde)/i],
  ['debit', /^(debit|debits|withdrawal|withdrawals|withdrawal amt\.?|paid out|money out|out|soll|belastung|ausgang|dr|debit amount|charges?)$/i],
  ['credit', /^(credit|credits|deposit|deposits|deposit amt\.?|paid in|money in|in|haben|gutschrift|eingang|cr|credit amount|payments?)$/i],
  ['amount', /^(amount|betrag|montant|importe|amt|value|transaction amount|amount \(\w{3}\)|betrag \(\w{3}\)|umsatz)$/i],
  ['currency', /^(currency|ccy|währung|devise|moneda)$/i],
  ['reference', /^(reference|ref|ref\.?\s*no\.?|transaction id|id|fitid|chq\.?\/?ref\.?\s*no\.?|cheque|check number)$/i],
  ['direction', /^(type|dr\/cr|debit\/credit|cr\/dr|soll\/haben|transaction type)$/i],
  ['description', /(description|details|payee|memo|narration|particulars|verwendungszweck|buchungstext|beschreibung|name|merchant|concepto|libell(é|e)|transaction|remarks|beguenstigter|empfänger)/i],
];

function detectDelimiter(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim()).slice(0, 50);
  let best = { d: ',', score: -1 };
  for (const d of [',', ';', '\t', '|']) {
    const counts = lines.map((l) => l.replace(/"[^"]*"/g, '').split(d).length - 1);
    const tail = counts.slice(Math.floor(counts.length / 3));
    const common = tail.sort((a, b) => a - b)[Math.floor(tail.length / 2)] ?? 0;
    const agree = tail.filter((c) => c === common).length;
    const score = common > 0 ? agree * 10 + common : -1;
    if (score > best.score) best = { d, score };
  }
  return best.d;
}

function roleOf(header: string): Role | undefined {
  const h = header.trim().replace(/^"|"$/g, '');
  return ROLES.find(([, re]) => re.test(h))?.[0];
}

function findHeader(rows: string[][]): { index: number; roles: Array<Role | undefined> } | null {
  for (let i = 0; i < Math.min(rows.length, 30); i++) {
    const roles = rows[i]!.map(roleOf);
    const has = (r: Role) => roles.includes(r);
    if (has('date') && (has('amount') || has('debit') || has('credit'))) return { index: i, roles };
  }
  return null;
}

function detectMapping(header: string[], roles: Array<Role | undefined>): CsvMapping {
  const first = (r: Role) => {
    const i = roles.indexOf(r);
    return i >= 0 ? header[i]! : undefined;
  };
  const descriptions = header.filter((_, i) => roles[i] === 'description');
  const mapping = {
    date: first('date')!,
    description: descriptions.length ? descriptions : header.filter((_, i) => roles[i] === undefined).slice(0, 1),
    amount: first('amount'),
    debit: first('debit'),
    credit: first('credit'),
    balance: first('balance'),
    currency: first('currency'),
    reference: first('reference'),
    direction: first('direction'),
  };
  return Object.fromEntries(Object.entries(mapping).filter(([, v]) => v !== undefined)) as unknown as CsvMapping;
}

/**
 * Delimited bank exports: delimiter, preamble, header row, date and number formats and sign
 * conventions detected; `mapping` (saved per account) overrides detection.
 */
export function parseCsv(text: string, options: { mapping?: CsvMapping; currency?: CurrencyCode } = {}): { parsed: ParsedStatement; mapping: CsvMapping } {
  const given = options.mapping ? csvMappingSchema.safeParse(options.mapping) : null;
  if (given && !given.success) throw new FinchError('INVALID_INPUT', `invalid CSV mapping: ${given.error.issues[0]!.message}`);
  const delimiter = given?.data.delimiter ?? detectDelimiter(text);
  const parsedCsv = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy' });
  const rows = parsedCsv.data.map((r) => r.map((c) => c.trim()));
  const header = findHeader(rows);
  let mapping: CsvMapping;
  let start: number;
  if (given?.data) {
    mapping = given.data;
    const names = [mapping.date, ...(mapping.description ?? [])].filter((x): x is string => typeof x === 'string');
    const at = rows.findIndex((r) => names.every((n) => r.includes(n)));
    start = names.length ? at + 1 : 0;
    if (names.length && at < 0) throw new FinchError('INVALID_INPUT', `the saved CSV mapping names columns (${names.join(', ')}) this file does not have`);
  } else {
    if (!header) throw new FinchError('INVALID_INPUT', 'no header row found in the CSV (a Date column and an Amount or Debit/Credit column): add a header, or save a column mapping for the account');
    mapping = detectMapping(rows[header.index]!, header.roles);
    start = header.index + 1;
  }
  const headerRow = start > 0 ? rows[start - 1]! : [];
  const col = (ref: string | number | undefined) => (ref === undefined ? -1 : typeof ref === 'number' ? ref : headerRow.indexOf(ref));
  const at = {
    date: col(mapping.date),
    description: (mapping.description ?? []).map(col).filter((i) => i >= 0),
    amount: col(mapping.amount),
    debit: col(mapping.debit),
    credit: col(mapping.credit),
    balance: col(mapping.balance),
    currency: col(mapping.currency),
    reference: col(mapping.reference),
    direction: col(mapping.direction),
  };
  const unread: UnreadRow[] = [];
  const joinCells = (r: string[]) => r.join(delimiter === '\t' ? '\t' : `${delimiter} `);
  // A one-cell line that splits into a whole row with another delimiter is a row written
  // differently (mixed delimiters), not a note: it is reported, never dropped in silence.
  const width = headerRow.length || Math.max(...rows.slice(start, start + 20).map((r) => r.length));
  const body = rows.slice(start).filter((r, k) => {
    if (r.length > 1 && r.some((c) => c !== '')) return true;
    const text = r.join('').trim();
    if (width > 1 && [',', ';', '\t', '|'].some((d) => d !== delimiter && text.split(d).length >= width)) {
      unread.push({ source: { page: 1, lineIndexes: [start + k], text }, reason: `the row is written with a different delimiter than the file's "${delimiter === '\t' ? 'tab' : delimiter}"` });
    }
    return false;
  });
  const valuesOf = (i: number) => (i >= 0 ? body.map((r) => r[i] ?? '').join('\n') : '');
  const order: DateOrder = mapping.dateOrder ?? learnDateOrder(valuesOf(at.date), 'dmy');
  const decimal = mapping.decimal ?? learnDecimalMark([valuesOf(at.amount), valuesOf(at.debit), valuesOf(at.credit), valuesOf(at.balance)].join('\n'));
  const fromColumn = at.currency >= 0 ? body.map((r) => r[at.currency] ?? '').find((c) => isCurrencyCode(c)) : undefined;
  const currency = fromColumn ? currencyCode(fromColumn) : (options.currency ?? null);
  const toMinor = (v: string) => (currency ? decimalToMinor(v, currency) : Math.round(Number(v) * 100));
  const fmt = (m: number) => (currency ? minorToDecimal(m, currency) : (m / 100).toFixed(2));
  const warnings: string[] = [];
  const out: ParsedRow[] = [];
  const balances: Array<number | null> = [];
  body.forEach((r, k) => {
    const line = start + k;
    const loose = readDate(r[at.date] ?? '', order);
    const date = loose ? resolveYear(loose, null, new Date().getFullYear()) : null;
    if (!date) {
      if (k < body.length - 3 || (r[at.date] ?? '').trim()) {
        warnings.push(`line ${line + 1}: no date in "${r[at.date] ?? ''}"; skipped`);
        unread.push({ source: { page: 1, lineIndexes: [line], text: joinCells(r) }, reason: `no date could be read from "${r[at.date] ?? ''}"` });
      }
      return;
    }
    let minor: number | null = null;
    const read = (i: number) => (i >= 0 && r[i] ? readAmount(r[i]!, decimal) : null);
    const debit = read(at.debit);
    const credit = read(at.credit);
    const amount = read(at.amount);
    if (debit || credit) minor = (credit ? toMinor(credit.value) : 0) - (debit ? toMinor(debit.value) : 0);
    else if (amount) {
      minor = toMinor(amount.value) * (amount.marker === 'dr' || (amount.marker === null && amount.negative) ? -1 : 1);
      // A Type column that names the direction settles the sign whatever the number's own sign
      // (card exports print sales positive and payments negative).
      const dir = at.direction >= 0 ? (r[at.direction] ?? '').toLowerCase().trim() : '';
      if (/^(dr|debit|d|s|soll|withdrawal|sale|purchase|fee|charge|out)\b/.test(dir)) minor = -Math.abs(minor);
      else if (/^(cr|credit|c|h|haben|deposit|payment|refund|return|reversal|in)\b/.test(dir)) minor = Math.abs(minor);
    }
    if (minor === null) {
      warnings.push(`line ${line + 1}: no amount; skipped`);
      unread.push({ source: { page: 1, lineIndexes: [line], text: joinCells(r) }, reason: `no amount could be read from "${[at.amount, at.debit, at.credit].filter((i) => i >= 0).map((i) => r[i] ?? '').join(' ').trim()}"` });
      return;
    }
    if (mapping.invert) minor = -minor;
    const bal = read(at.balance);
    balances.push(bal ? toMinor(bal.value) * (bal.negative || bal.marker === 'dr' ? -1 : 1) : null);
    const description = at.description.map((i) => r[i] ?? '').filter(Boolean).join(' ').replace(/\s+/g, ' ').trim() || 'transaction';
    const ref = at.reference >= 0 ? r[at.reference] : undefined;
    out.push({ date, description, amount: fmt(minor), confidence: 1, balance: bal ? fmt(balances[balances.length - 1]!) : null, source: { page: 1, lineIndexes: [line], text: r.join(delimiter === '\t' ? '\t' : `${delimiter} `) }, ...(ref ? { importKey: ref } : {}) });
  });
  if (out.length === 0) throw new FinchError('INVALID_INPUT', `no transactions could be read from the CSV${warnings.length ? ` (${warnings.slice(0, 3).join('; ')})` : ''}`);
  // With a balance column, the first and last rows give opening and closing in either listing order.
  let opening: string | null = null;
  let closing: string | null = null;
  if (balances.every((b) => b !== null) && balances.length) {
    const ascending = out[0]!.date <= out[out.length - 1]!.date;
    const seq = ascending ? out.map((r, i) => [toMinor(r.amount), balances[i]!] as const) : out.map((r, i) => [toMinor(r.amount), balances[i]!] as const).reverse();
    opening = fmt(seq[0]![1] - seq[0]![0]);
    closing = fmt(seq[seq.length - 1]![1]);
    const ok = seq.every(([amt, bal], i) => i === 0 || seq[i - 1]![1] + amt === bal);
    if (!ok) warnings.push('the balance column does not follow row by row');
    if (!ok) opening = null;
  }
  return { parsed: { ...finish('csv', currency, out, { opening, closing, warnings }), unread }, mapping: { ...mapping, dateOrder: order, decimal, delimiter } };
}
