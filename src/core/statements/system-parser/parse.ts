import { type CalendarDate, makeDate, today } from '../../calendar/index.js';
import { type CurrencyCode, currencyCode, decimalToMinor, isCurrencyCode, minorToDecimal } from '../../money/index.js';
import type { ExtractedDocument, ParsedRow, ParsedStatement, PositionedWord, TextLine } from '../types.js';
import { type DateOrder, DATE_IN_TEXT, learnDateOrder, learnDecimalMark, looksLikeMoney, readAmount, readDate, resolveYear } from './tokens.js';

type Role = 'date' | 'date2' | 'description' | 'debit' | 'credit' | 'amount' | 'balance' | 'ref';

interface Column {
  role: Role;
  x0: number;
  x1: number;
}

interface Cell {
  text: string;
  x0: number;
  x1: number;
}

const HEADER_WORDS: Array<[Role, RegExp]> = [
  ['date2', /^(value\s*(date|dt\.?)|valuta|wertstellung|post(ing)?\s*date|posted|effective\s*date|val\.?\s*date)$/i],
  ['date', /^((trans(action)?\.?|txn|booking|book)\s*date|date|datum|buchungstag|buchung|fecha|data|tran\s*date)$/i],
  ['debit', /(withdrawal|debit|paid\s*out|money\s*out|out\s*\(|^dr\.?$|belastung|^soll$|ausgang|^charges?$|^debits?$|payments?\s*out)/i],
  ['credit', /(deposit|^credit|paid\s*in|money\s*in|in\s*\(|^cr\.?$|gutschrift|^haben$|eingang|^credits?$|receipts?)/i],
  ['balance', /(balance|saldo|kontostand|solde)/i],
  ['amount', /^(amount|betrag|montant|importe|amt\.?|transaction\s*amount|sgd|usd|eur|gbp|inr)\b/i],
  ['ref', /(chq|cheque|ref\.?\s*no|reference|ref\.?$|check\s*no)/i],
  ['description', /(description|narration|particulars|details|verwendungszweck|buchungstext|beschreibung|transaction\s*details|payee|merchant|remarks|libellé|concepto|^transaction$)/i],
];

const SUMMARY_LINE = /^(statement summary|account summary|summary of|total|sub-?total|closing balance|ending balance|new balance|balance carried|carried forward|brought forward|opening balance|previous balance|this is a computer|page \d+|continued|dr count|important|please note|end of statement)/i;

const OPENING = /(opening balance|previous balance|beginning balance|balance brought forward|brought forward|balance b\/f|last month'?s balance|previous statement balance|anfangssaldo|alter kontostand|saldo alt|start balance|starting balance)/i;
const CLOSING = /(closing balance|ending balance|new balance|balance carried forward|carried forward|balance c\/f|endsaldo|neuer kontostand|saldo neu|end balance|statement balance|closing bal|total amount due|total balance due)/i;
const CARD = /(credit card|card statement|credit limit|minimum (payment|amount)|payment due|rewards card|cardmember|card member|card number|platinum card|card account)/i;

function cellsOf(line: TextLine): Cell[] {
  const cells: Cell[] = [];
  let current: { words: PositionedWord[]; x1: number } | null = null;
  for (const w of line.words) {
    const gap = current ? w.x - current.x1 : Infinity;
    if (current && gap < Math.max(5, w.height * 0.9)) {
      current.words.push(w);
      current.x1 = w.x + w.width;
    } else {
      current = { words: [w], x1: w.x + w.width };
      cells.push(current as unknown as Cell);
    }
  }
  return cells.map((c) => {
    const words = (c as unknown as { words: PositionedWord[]; x1: number }).words;
    return { text: words.map((w) => w.text).join(' ').replace(/\s+/g, ' ').trim(), x0: words[0]!.x, x1: (c as unknown as { x1: number }).x1 };
  });
}

function headerColumns(line: TextLine): Column[] | null {
  const cols: Column[] = [];
  for (const cell of cellsOf(line)) {
    const role = HEADER_WORDS.find(([, re]) => re.test(cell.text.trim()))?.[0];
    if (role) cols.push({ role, x0: cell.x0, x1: cell.x1 });
  }
  const roles = new Set(cols.map((c) => c.role));
  const hasDate = roles.has('date') || roles.has('date2');
  const hasMoney = roles.has('amount') || roles.has('debit') || roles.has('credit');
  if (!hasDate || !hasMoney || cols.length < 3) return null;
  // The first date column is the transaction date; a later one (value/posting date) is ignored.
  const dates = cols.filter((c) => c.role === 'date' || c.role === 'date2').sort((a, b) => a.x0 - b.x0);
  if (!cols.some((c) => c.role === 'date')) dates[0]!.role = 'date';
  if (!cols.some((c) => c.role === 'description')) {
    // no description header: the widest gap after the dates holds it
    const after = Math.max(...dates.map((d) => d.x1));
    const nextMoney = Math.min(...cols.filter((c) => c.x0 > after && c.role !== 'ref').map((c) => c.x0));
    cols.push({ role: 'description', x0: after + 1, x1: Number.isFinite(nextMoney) ? nextMoney - 1 : after + 200 });
  }
  return cols.sort((a, b) => a.x0 - b.x0);
}

/** Which column a value cell belongs to: numbers align on the right edge, text on the left. */
function columnFor(cell: Cell, cols: readonly Column[], numeric: boolean): Column | undefined {
  let best: { col: Column; d: number } | undefined;
  for (const col of cols) {
    if (numeric && !['debit', 'credit', 'amount', 'balance'].includes(col.role)) continue;
    if (!numeric && ['debit', 'credit', 'amount', 'balance'].includes(col.role)) continue;
    const overlap = Math.min(cell.x1, col.x1) - Math.max(cell.x0, col.x0);
    const d = overlap > 0 ? -overlap : Math.min(Math.abs(cell.x1 - col.x1), Math.abs(cell.x0 - col.x0), Math.abs((cell.x0 + cell.x1) / 2 - (col.x0 + col.x1) / 2));
    if (!best || d < best.d) best = { col, d };
  }
  return best?.col;
}

interface Draft {
  date: CalendarDate;
  description: string[];
  debit: string | null;
  credit: string | null;
  amount: { value: string; negative: boolean; marker: 'cr' | 'dr' | null } | null;
  balance: string | null;
  page: number;
  lineIndexes: number[];
  texts: string[];
  reasons: string[];
}

function findLabelledAmount(lines: readonly TextLine[], label: RegExp, decimal: '.' | ','): { value: string; negative: boolean; marker: 'cr' | 'dr' | null } | null {
  for (const line of lines) {
    const m = label.exec(line.text);
    if (!m) continue;
    const after = line.text.slice(m.index + m[0].length);
    const num = /[-(]?\s*[$€£₹¥]?\s*\d[\d.,' ]*\d\)?(?:\s?(?:CR|DR|Cr|Dr)\b)?-?/.exec(after.replace(/^[:\s]*(?:(?:on|as of|as at|am|per)\s+)?(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s[A-Za-z]{3,9}\s\d{4})?[:\s]*/i, ''));
    const token = num ? readAmount(num[0], decimal) : null;
    if (token) return token;
  }
  return null;
}

function signed(token: { value: string; negative: boolean; marker: 'cr' | 'dr' | null }): string {
  const neg = token.marker === 'dr' || (token.marker === null && token.negative);
  return neg ? `-${token.value}` : token.value;
}

function findPeriod(lines: readonly TextLine[], order: DateOrder): { start: CalendarDate; end: CalendarDate } | null {
  for (const line of lines.slice(0, 80)) {
    if (!/(period|from|statement date|zeitraum|between|for the period|to)/i.test(line.text)) continue;
    const found = [...line.text.matchAll(DATE_IN_TEXT)].map((m) => readDate(m[1]!, order)).filter((d) => d?.year);
    if (found.length >= 2) {
      const a = makeDate(found[0]!.year!, found[0]!.month, found[0]!.day);
      const b = makeDate(found[1]!.year!, found[1]!.month, found[1]!.day);
      if (a && b && a <= b) return { start: a, end: b };
    }
  }
  return null;
}

function findCurrency(text: string): CurrencyCode | null {
  const labelled = /(?:currency|währung|devise|moneda)\s*[:\-]?\s*([A-Z]{3})\b/i.exec(text);
  if (labelled && isCurrencyCode(labelled[1]!)) return currencyCode(labelled[1]!);
  const codes = new Map<string, number>();
  for (const m of text.matchAll(/\b(USD|EUR|GBP|INR|SGD|AUD|CAD|JPY|CHF|NZD|HKD|SEK|NOK|DKK|PLN|ZAR|AED|MYR)\b/g)) codes.set(m[1]!, (codes.get(m[1]!) ?? 0) + 1);
  const top = [...codes].sort((a, b) => b[1] - a[1])[0];
  if (top) return currencyCode(top[0]);
  const symbols: Array<[RegExp, string]> = [[/€/g, 'EUR'], [/£/g, 'GBP'], [/₹/g, 'INR'], [/\$/g, 'USD']];
  const best = symbols.map(([re, c]) => [c, (text.match(re) ?? []).length] as const).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? currencyCode(best[0]) : null;
}

/**
 * The bank-agnostic parser: from positioned lines it finds the transaction table (header words and
 * column positions), reads dates and numbers in the document's own formats, joins multi-line
 * descriptions, skips repeated headers, footers and summary boxes, decides signs (debit/credit
 * columns, minus, parentheses, CR/DR, card statements), and checks every running balance and
 * opening + rows = closing.
 */
export function parseDocument(doc: ExtractedDocument): ParsedStatement {
  const lines = doc.lines;
  const text = lines.map((l) => l.text).join('\n');
  const warnings: string[] = [];
  const currency = findCurrency(text);
  const decimal = learnDecimalMark(text);
  const order = learnDateOrder(text, currency === 'USD' ? 'mdy' : 'dmy');
  const period = findPeriod(lines, order);
  const isCard = CARD.test(text);
  const digits = (v: string) => (currency ? decimalToMinor(v, currency) : Math.round(Number(v) * 100));
  const fmt = (minor: number) => (currency ? minorToDecimal(minor, currency) : (minor / 100).toFixed(2));

  const drafts: Draft[] = [];
  let columns: Column[] | null = null;
  let inTable = false;
  let current: Draft | null = null;
  // Rows printed without a year take it from the period, else from the first full date printed.
  const anchor = [...text.matchAll(DATE_IN_TEXT)].map((m) => readDate(m[1]!, order)).find((d) => d?.year && d.year > 1990 && d.year < 2200);
  const fallbackYear = period ? Number(period.end.slice(0, 4)) : (anchor?.year ?? Number(today().slice(0, 4)));

  lines.forEach((line, index) => {
    const header = headerColumns(line);
    if (header) {
      columns = header;
      inTable = true;
      current = null;
      return;
    }
    if (!columns || !inTable) return;
    const trimmed = line.text.trim();
    if (SUMMARY_LINE.test(trimmed)) {
      // a summary box or footer ends the table until the next header
      if (!/^(page \d+|continued)/i.test(trimmed)) inTable = !/^(statement summary|account summary|summary of|total)/i.test(trimmed) ? inTable : false;
      current = null;
      return;
    }
    const cells = cellsOf(line).map((c) => ({ ...c, text: c.text.replace(/(\d)\s*([/.-])\s*(?=\d)/g, '$1$2') }));
    const first = cells[0];
    const dateCol = columns.find((c) => c.role === 'date')!;
    const firstDate = first && first.x0 < dateCol.x1 + 30 ? readDate(first.text, order) : null;
    const loose = firstDate ?? (first ? readDate(first.text.split(/\s{2,}|\s(?=\d{1,2}[/. ])/)[0] ?? '', order) : null);
    if (loose && first!.x0 < dateCol.x1 + 30) {
      const date = resolveYear(loose, period, fallbackYear);
      if (!date) return;
      current = { date, description: [], debit: null, credit: null, amount: null, balance: null, page: line.page, lineIndexes: [index], texts: [line.text], reasons: [] };
      drafts.push(current);
      for (const cell of cells.slice(1)) {
        if (readDate(cell.text, order) && columnFor(cell, columns, false)?.role === 'date2') continue;
        const numeric = looksLikeMoney(cell.text, decimal);
        const col = columnFor(cell, columns, numeric);
        if (!col) continue;
        if (numeric) {
          const token = readAmount(cell.text, decimal)!;
          if (col.role === 'debit') current.debit = token.value;
          else if (col.role === 'credit') current.credit = token.value;
          else if (col.role === 'balance') current.balance = signed(token);
          else current.amount = token;
        } else if (col.role === 'description' || col.role === 'date2') {
          if (!readDate(cell.text, order)) current.description.push(cell.text);
        }
      }
      return;
    }
    if (current && cells.every((c) => !looksLikeMoney(c.text, decimal)) && trimmed.length < 120) {
      // a description that runs onto the next line
      current.description.push(trimmed);
      current.lineIndexes.push(index);
      current.texts.push(line.text);
    }
  });

  const openingToken = findLabelledAmount(lines, OPENING, decimal);
  const closingToken = findLabelledAmount(lines, CLOSING, decimal);
  const hasBalanceColumn = drafts.some((d) => d.balance !== null);
  const cardConvention = isCard && !hasBalanceColumn;
  // On a card statement the printed balance is what is owed: negative from the holder's side.
  const balanceOf = (t: typeof openingToken) => (t ? (cardConvention ? (t.marker === 'cr' || t.negative ? t.value : `-${t.value}`) : signed(t)) : null);
  const opening = balanceOf(openingToken);
  const closing = balanceOf(closingToken);

  const rows: ParsedRow[] = [];
  let running: number | null = opening !== null ? digits(opening) : null;
  for (const d of drafts) {
    let minor: number | null = null;
    if (d.debit !== null || d.credit !== null) {
      minor = (d.credit ? digits(d.credit) : 0) - (d.debit ? digits(d.debit) : 0);
    } else if (d.amount) {
      const v = digits(d.amount.value);
      if (cardConvention) minor = d.amount.marker === 'cr' || d.amount.negative ? v : -v;
      else minor = d.amount.marker === 'cr' ? v : d.amount.marker === 'dr' || d.amount.negative ? -v : v;
    }
    if (minor === null) {
      warnings.push(`no amount on the line "${d.texts[0]}"; skipped`);
      continue;
    }
    let confidence = 1;
    if (d.balance !== null) {
      const bal = digits(d.balance);
      if (running === null) running = bal - minor;
      if (running + minor === bal) {
        // consistent
      } else if (running - minor === bal) {
        minor = -minor;
        d.reasons.push('sign taken from the running balance');
        confidence = 0.9;
      } else {
        d.reasons.push('the running balance does not follow from this row');
        confidence = 0.6;
      }
      running = bal;
    } else if (running !== null) {
      running += minor;
    }
    if (d.description.length === 0) {
      d.reasons.push('no description');
      confidence = Math.min(confidence, 0.7);
    }
    rows.push({
      date: d.date,
      description: d.description.join(' ').replace(/\s+/g, ' ').trim(),
      amount: fmt(minor),
      confidence,
      balance: d.balance,
      source: { page: d.page, lineIndexes: d.lineIndexes, text: d.texts.join('\n') },
      ...(d.reasons.length ? { reviewReasons: d.reasons } : {}),
    });
  }
  if (!columns) warnings.push('no transaction table header found (Date … Amount/Debit/Credit)');

  let reconciled: boolean | null = null;
  if (opening !== null && closing !== null) {
    const sum = rows.reduce((a, r) => a + digits(r.amount), 0);
    reconciled = digits(opening) + sum === digits(closing);
    if (!reconciled) warnings.push(`opening ${opening} + rows ${fmt(sum)} = ${fmt(digits(opening) + sum)}, but the statement says closing ${closing}`);
  }
  const dates = rows.map((r) => r.date).sort();
  const account = /(?:account|a\/c|acct|card)\s*(?:no\.?|number|#)?\s*[:\-]?\s*([X*x•\d][X*x•\d\s-]{3,})/i.exec(text);
  return {
    format: 'pdf',
    currency,
    period: period ?? (dates.length ? { start: dates[0]!, end: dates[dates.length - 1]! } : null),
    openingBalance: opening !== null ? fmt(digits(opening)) : null,
    closingBalance: closing !== null ? fmt(digits(closing)) : null,
    reconciled,
    accountNumber: account ? account[1]!.replace(/\s+/g, '').slice(-8) : null,
    institution: lines[0]?.text.trim().slice(0, 60) ?? null,
    transactions: rows,
    warnings,
  };
}
