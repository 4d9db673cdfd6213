import { type CalendarDate, addDays, makeDate, today } from '../../calendar/index.js';
import { type CurrencyCode, currencyCode, decimalToMinor, isCurrencyCode, minorDigits, minorToDecimal } from '../../money/index.js';
import type { ExtractedDocument, ParsedRow, ParsedStatement, PositionedWord, TextLine } from '../types.js';
import { type DateOrder, DATE_IN_TEXT, type LooseDate, learnDateOrder, learnDecimalMark, looksLikeMoney, readAmount, readDate, resolveYear } from './tokens.js';

type Role = 'date' | 'date2' | 'description' | 'debit' | 'credit' | 'amount' | 'balance' | 'ref' | 'sign' | 'other';

interface Column {
  role: Role;
  x0: number;
  x1: number;
  /** The title as printed. */
  title?: string;
}

interface Cell {
  text: string;
  x0: number;
  x1: number;
  /** The text items the cell was joined from, when there were several. */
  parts?: Cell[];
  height?: number;
}

const HEADER_WORDS: Array<[Role, RegExp]> = [
  // a column of DR / CR beside one unsigned Amount column
  ['sign', /^(dr\.?\s*\/\s*cr\.?|cr\.?\s*\/\s*dr\.?|d\s*\/\s*c|c\s*\/\s*d|debit\s*\/\s*credit|credit\s*\/\s*debit)$/i],
  ['date2', /^(value\s*(date|dt\.?)|valuta|wertstellung|post(ing)?\s*date|posted|effective\s*date|settle(ment)?\s*date|val\.?\s*date|valeur|wert|date\s*(de\s*)?valeur|data\s*(di\s*)?valuta|f\.?\s*valor|fecha\s*valor|data\s*waluty|valor\s*tarihi)$/i],
  ['date', /^((trans(action)?\.?|txn|booking|book|operation|trade)\s*date|date(\s*paid)?|datum|buchungs?(tag|datum)|buchung|fecha|data|tran\s*date|date\s*(d'?\s*)?operation|f\.?\s*operacion|data\s*(contabile|operazione|registrazione)|data\s*(operacji|ksiegowania|transakcji)|(islem\s*)?tarihi?)$/i],
  ['debit', /(withdrawal|debit|paid\s*out|money\s*out|out\s*\(|^dr\.?$|belastung|\bsoll\b|ausgang|^charges?$|^debits?$|payments?\s*out|^cargos?$|^af$|\bdare\b|addebiti|uscite|^purchases?(\s*(&|and)\s*(debits?|charges?|advances?))?$|^obciazenia$|^wyplywy$|^borc$)/i],
  ['credit', /(deposit|^credit|paid\s*in|money\s*in|in\s*\(|^cr\.?$|gutschrift|\bhaben\b|eingang|^credits?$|receipts?|^abonos?$|^bij$|\bavere\b|accrediti|entrate|^payments?\s*(&|and)\s*(other\s*)?credits?$|^uznania$|^wplywy$|^alacak$)/i],
  ['balance', /(balance|saldo|kontostand|solde|bakiye)/i],
  // numbers beside the amount that are not money in or out (a brokerage ledger's quantity and price)
  ['other', /^(quantity|qty\.?|price|unit\s*price|units|shares|rate|exchange\s*rate|fx\s*rate|cantidad|precio|quantite|prix|anzahl|kurs|branch|channel|currency|ccy|curr\.?|counter\s*party(\s*(account|a\/c|name))?)$/i],
  ['amount', /^(amount|betrag|montant|importe|valor|monto|valore|bedrag|belopp|amt\.?|transaction\s*amount|sgd|usd|eur|gbp|inr|kwota|tutar|islem\s*tutari)\b/i],
  ['ref', /(chq|cheque|ref\.?\s*no|reference|ref\.?$|check\s*no)/i],
  ['description', /(description|narration|particulars|details|verwendungszweck|buchungstext|beschreibung|transaction\s*details|payee|merchant|remarks|libelle|erlauterung|descrizione|descripcion|descricao|omschrijving|concepto|lancamentos?|historico|^transaction$|^text$|^vorgang$|^operations?$|^nature\s*des\s*operations$|^opis(\s*operacji)?$|^tytul$|^aciklama$|^summary$|^memo$)/i],
];

/** Lower-case-insensitive matching without accents: Débit → Debit, Libellé → Libelle. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

/** Summary and footer lines; a word must end where the label does ("TOTALENERGIES" is a merchant). */
const SUMMARY_LINE = /^(statement summary|account summary|summary of|totals?|sub-?totals?|closing balance|ending balance|new balance|balance carried|balance brought|carried forward|brought forward|opening balance|previous balance|this is a computer|page \d+|continued|dr count|important|please note|end of statement)(?![a-z])/i;
/** A summary box: the transaction table ends here until its header is printed again. */
const ENDS_TABLE = /^(statement summary|account summary|summary of)/i;

// Balance labels, strongest first. Matched on accent-folded text.
const OPENING = /((?:opening|beginning|starting) (?:cash|ledger|book|account|available) balance|opening balance|opening bal\b|previous balance|beginning balance|start(?:ing)? balance|last month'?s balance|previous statement balance|anfangssaldo|alter kontostand|saldo alt|saldovortrag|ancien solde|solde precedent|solde initial|saldo anterior|saldo inicial|saldo iniziale|beginsaldo|vorig saldo|saldo poczatkowe|saldo otwarcia|devreden bakiye|acilis bakiyesi|onceki bakiye)/i;
const OPENING_CARRIED = /(balance brought forward|brought forward|balance b\/f)/i;
const CLOSING = /((?:closing|ending) (?:cash|ledger|book|account|available) balance|closing balance|closing bal\b|ending balance|new balance|end balance|endsaldo|neuer kontostand|saldo neu|schlusssaldo|nouveau solde|solde final|saldo final|eindsaldo|nieuw saldo|(?<!previous |last |prior )statement balance|total amount due|total balance due|saldo koncowe|saldo zamkniecia|donem sonu bakiye|kapanis bakiyesi)/i;
/** A weaker closing label, used only when no other is printed. */
const CLOSING_WEAK = /(current balance|balance at end of period)/i;
const CLOSING_CARRIED = /(balance carried forward|carried forward|balance c\/f)/i;
/** "Balance on 1 June 2024": the earliest is the opening balance, the latest the closing one. */
const DATED_BALANCE = /\b(?:balance|solde|saldo|kontostand)\s+(?:on|at|as at|as of|au|am|per|al)\s+/i;
/** Headings of entries not yet posted. */
const PENDING = /^(pending|unposted|uncleared|not yet posted|authori[sz]ations?|outstanding authori[sz]ations?)\b/i;
/** Such a heading on a line of its own, inside a table. */
const PENDING_HEADING = /^(pending|unposted|uncleared|not yet posted)\s+(transactions?|items?|entries|activity|debits?|credits?|authori[sz]ations?)\W*$/i;
/** A table row that only prints a balance (opening, carried forward …) is not a transaction. */
const BALANCE_ROW = new RegExp(`^(?:${[OPENING, OPENING_CARRIED, CLOSING, CLOSING_CARRIED].map((r) => r.source).join('|')}|balance forward|ubertrag|saldo)`, 'i');
const WHOLE_MONEY = /^[-+(−]?\s*[¥￥₩]?\s*\d{1,3}(?:,\d{3})*\)?\s*-?$/;

/** A row whose whole text is a balance label, even with the balance in the amount column. */
const BALANCE_LABEL = new RegExp(`^(?:${[OPENING, OPENING_CARRIED, CLOSING, CLOSING_CARRIED].map((r) => r.source).join('|')})\\W*$`, 'i');
/** Table headings that give the direction of unsigned amounts. */
const SECTION_IN = /\b(deposits?|additions?|credits?|payments? received|money in|paid in|receipts?|refunds?|incoming|abonos?|gutschriften|depots?|entrees|creditos)\b/;
const SECTION_OUT = /\b(withdrawals?|debits?|checks?|cheques?|purchases?|charges?|charged|fees?|money out|paid out|outgoing|cargos?|retiros?|lastschriften|belastungen|debitos)\b/;
const CARD = /(credit card|card statement|credit limit|minimum (payment|amount)|payment due|rewards card|cardmember|card member|card number|platinum card|card account)/i;
/** Dates that carry a year: stripped before reading the amount after a balance label. */
const FULL_DATE = /\(?\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?[\s-][A-Za-z]{3,9}\.?(?:[\s-,]+\d{4}|-\d{2})|[A-Za-z]{3,9}\.?\s\d{1,2}(?:st|nd|rd|th)?,?\s\d{4})\b\)?/g;
const MONEY_TOKEN = /[-+(−]?\s*(?:[$€£₹¥]|[A-Z]{1,2}\$\s?|rs\.?\s?|[A-Z]{3}\s)?\s*(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?|\d[\d.,']*\d|\d)\)?(?:\s?(?:CR|DR|Cr|Dr|cr|dr|S|H)\b)?-?/g;

function cellsOf(line: TextLine): Cell[] {
  const groups: Array<{ words: PositionedWord[]; x1: number }> = [];
  for (const w of line.words) {
    const current = groups[groups.length - 1];
    const gap = current ? w.x - current.x1 : Infinity;
    if (current && gap < Math.max(5, w.height * 0.9)) {
      current.words.push(w);
      current.x1 = w.x + w.width;
    } else groups.push({ words: [w], x1: w.x + w.width });
  }
  return groups.map((g) => ({
    text: g.words.map((w) => w.text).join(' ').replace(/\s+/g, ' ').trim(),
    x0: g.words[0]!.x,
    x1: g.x1,
    height: Math.max(...g.words.map((w) => w.height)),
    ...(g.words.length > 1 ? { parts: g.words.map((w) => ({ text: w.text, x0: w.x, x1: w.x + w.width })) } : {}),
  }));
}

function roleOf(text: string): Role | undefined {
  const t = fold(text.trim());
  return HEADER_WORDS.find(([, re]) => re.test(t))?.[0];
}

const MONEY_ROLES: readonly Role[] = ['debit', 'credit', 'amount', 'balance'];

function headerColumns(line: TextLine): Column[] | null {
  return headerFromCells(cellsOf(line));
}

/**
 * Column titles printed over two lines ("Data" over "valuta", "Withdrawal" over "Amt."): the cells
 * of the second line join the cells above them. Neither line may hold a number.
 */
function twoLineHeader(a: TextLine, b: TextLine | undefined): Column[] | null {
  if (!b || b.page !== a.page || b.y <= a.y || b.y - a.y > Math.max(...a.words.map((w) => w.height), 4) * 2.2) return null;
  const top = cellsOf(a);
  const bottom = cellsOf(b);
  // a heading over a complete header line ("CHECKS PAID" over "CHECK NO. | DATE PAID | AMOUNT") is not part of it
  const over = (c: Cell) => bottom.some((d) => Math.min(c.x1, d.x1) - Math.max(c.x0, d.x0) > 0);
  if ((top.length < 2 || !top.every(over)) && headerColumns(b)) return null;
  if ([...top, ...bottom].some((c) => /\d/.test(c.text))) return null;
  const merged = top.map((c) => ({ ...c }));
  for (const c of bottom) {
    const above = merged.find((m) => Math.min(m.x1, c.x1) - Math.max(m.x0, c.x0) > 0);
    if (above) {
      above.text = `${above.text} ${c.text}`;
      above.x0 = Math.min(above.x0, c.x0);
      above.x1 = Math.max(above.x1, c.x1);
    } else merged.push({ ...c });
  }
  return headerFromCells(merged.sort((x, y) => x.x0 - y.x0));
}

/** A cell's words, placed in proportion to their characters (pdf.js may join close items into one). */
function wordsOf(cell: Cell): Cell[] {
  const perChar = (cell.x1 - cell.x0) / Math.max(cell.text.length, 1);
  return [...cell.text.matchAll(/\S+/g)].map((m) => ({ text: m[0], x0: cell.x0 + m.index * perChar, x1: cell.x0 + (m.index + m[0].length) * perChar }));
}

/** Joins cells (or text items) into one. */
function span(cells: readonly Cell[]): Cell {
  return { text: cells.map((c) => c.text).join(' '), x0: cells[0]!.x0, x1: cells[cells.length - 1]!.x1 };
}

/**
 * The columns one header text stands for: its role, or two titles run together ("Date Description",
 * "TRANSACTION DATE POSTING DATE"). "Transaction Date", "Withdrawal Amt." and "Transaction Details"
 * stay whole.
 */
function titleColumns(cell: Cell): Column[] {
  const role = roleOf(cell.text);
  const whole: Column[] = role ? [{ role, x0: cell.x0, x1: cell.x1, title: cell.text }] : [];
  if (role === 'date' || role === 'date2') return whole;
  const words = wordsOf(cell);
  for (let k = 1; k < words.length; k++) {
    const [left, right] = [span(words.slice(0, k)), span(words.slice(k))];
    const [a, b] = [roleOf(left.text), roleOf(right.text)];
    if (!a || !b || a === b) continue;
    // "Transaction Amount", "Txn Remarks": a title qualified by the word before it
    if (/^(trans(action)?\.?|txn|tran)$/i.test(left.text)) continue;
    if (!separateTitles([a, b])) continue;
    return [{ role: a, x0: left.x0, x1: left.x1, title: left.text }, { role: b, x0: right.x0, x1: right.x1, title: right.text }];
  }
  return whole;
}

/**
 * Whether titles side by side name separate columns: not twice the same, and not an amount word
 * qualifying a debit or credit one ("Withdrawal Amt.", "Deposit Amount", "Betrag Soll EUR").
 */
function separateTitles(roles: readonly Role[]): boolean {
  if (new Set(roles).size !== roles.length) return false;
  return !(roles.includes('amount') && (roles.includes('debit') || roles.includes('credit')));
}

function headerFromCells(cells: readonly Cell[]): Column[] | null {
  const cols: Column[] = [];
  for (const cell of cells) {
    // titles printed close together join into one cell: split it where its items are further apart
    // than a word space, when every piece is a title of its own
    const parts = cell.parts ?? [];
    const groups: Cell[][] = [];
    parts.forEach((p, i) => {
      if (i > 0 && p.x0 - parts[i - 1]!.x1 < (cell.height ?? 8) * 0.6) groups[groups.length - 1]!.push(p);
      else groups.push([p]);
    });
    const pieces = groups.length > 1 ? groups.map((g) => titleColumns(span(g))) : [];
    if (pieces.length > 1 && pieces.every((p) => p.length > 0) && separateTitles(pieces.flat().map((c) => c.role))) cols.push(...pieces.flat());
    else cols.push(...titleColumns(cell));
  }
  // "Date | Amount | Date | Amount": a daily-balance list printed in two halves, not transactions
  if (repeatedColumns(cols.map((c) => c.role))) return null;
  const roles = new Set(cols.map((c) => c.role));
  const hasDate = roles.has('date') || roles.has('date2');
  const hasMoney = roles.has('amount') || roles.has('debit') || roles.has('credit');
  if (!hasDate || !hasMoney || cols.length < 3) return null;
  // The first date column is the transaction date; a later one (value/posting date) is ignored.
  const dates = cols.filter((c) => c.role === 'date' || c.role === 'date2').sort((a, b) => a.x0 - b.x0);
  if (!cols.some((c) => c.role === 'date')) dates[0]!.role = 'date';
  if (!cols.some((c) => c.role === 'description')) {
    // no description header: it is the widest gap between the columns left of the money
    const sorted = [...cols].sort((a, b) => a.x0 - b.x0);
    const firstMoney = sorted.findIndex((c) => MONEY_ROLES.includes(c.role));
    let best: { x0: number; x1: number } | null = null;
    for (let i = 0; i < firstMoney; i++) {
      const a = sorted[i]!;
      const b = sorted[i + 1]!;
      if (!best || b.x0 - a.x1 > best.x1 - best.x0) best = { x0: a.x1 + 1, x1: b.x0 - 1 };
    }
    cols.push({ role: 'description', ...(best ?? { x0: dates[0]!.x1 + 1, x1: dates[0]!.x1 + 200 }) });
  }
  return cols.sort((a, b) => a.x0 - b.x0);
}

/** The same date column twice, or the same money column twice: a list printed side by side. */
function repeatedColumns(roles: readonly Role[]): boolean {
  const count = (r: Role) => roles.filter((x) => x === r).length;
  return count('date') > 1 && MONEY_ROLES.some((r) => count(r) > 1);
}

/** A header line of some other table (daily balances, a summary box): no date column with money. */
function otherTableHeader(line: TextLine): boolean {
  const cells = cellsOf(line);
  if (cells.length < 3 || cells.some((c) => /\d/.test(c.text))) return false;
  const roles = cells.map((c) => roleOf(c.text)).filter((r): r is Role => r !== undefined);
  return (roles.length >= 2 && new Set(roles).size >= 2 && roles.includes('balance')) || repeatedColumns(roles);
}

/** Which column a value cell belongs to: numbers align on the right edge, text on the left. */
function columnFor(cell: Cell, cols: readonly Column[], numeric: boolean): Column | undefined {
  let best: { col: Column; d: number } | undefined;
  for (const col of cols) {
    if (numeric && !MONEY_ROLES.includes(col.role) && col.role !== 'other') continue;
    // the date cell is read apart: other text goes to the description, value date or reference
    if (!numeric && (MONEY_ROLES.includes(col.role) || col.role === 'date')) continue;
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
  amount: AmountToken | null;
  balance: string | null;
  /** A DR / CR printed in a column of its own. */
  sign: 'cr' | 'dr' | null;
  /** Money in or out, as the heading over this row's table says ("Deposits and Additions", "Checks Paid"). */
  section: 'in' | 'out' | null;
  /** The reference (check number) cell, the description when there is no other. */
  ref: string | null;
  page: number;
  /** Where the row's last line is, for telling continuation lines from the next block. */
  lastY: number;
  lineIndexes: number[];
  texts: string[];
  reasons: string[];
}

type AmountToken = { value: string; negative: boolean; marker: 'cr' | 'dr' | null };

/** The first amount printed after a label on its line (dates in between are skipped). */
function amountAfter(text: string, decimal: '.' | ','): AmountToken | null {
  const rest = text.replace(FULL_DATE, ' ');
  const tokens = [...rest.matchAll(MONEY_TOKEN)].map((m) => m[0].trim()).filter((t) => /\d/.test(t));
  const read = tokens.map((t) => ({ t, a: readAmount(t, decimal) })).filter((x) => x.a !== null);
  // an amount with cents beats a bare count or day number
  const withCents = read.find((x) => new RegExp(`\\d[${decimal === '.' ? '.' : ','}]\\d{2}\\b`).test(x.t));
  return (withCents ?? read[0])?.a ?? null;
}

interface BalanceFound {
  token: AmountToken;
  index: number;
}

/**
 * A balance printed beside its label ("Opening Balance: 59,226.48", "Nouveau solde au 31/03/2024
 * 1 234,56") or under it, in a row of labels over a row of values.
 */
function findLabelledAmounts(lines: readonly TextLine[], label: RegExp, decimal: '.' | ',', isMoney: (text: string) => boolean): BalanceFound[] {
  const found: BalanceFound[] = [];
  lines.forEach((line, index) => {
    const text = fold(line.text);
    const m = label.exec(text);
    if (!m) return;
    if (headerColumns(line)) return; // a "Closing Balance" column header is not a balance
    const token = amountAfter(text.slice(m.index + m[0].length), decimal);
    if (token) {
      found.push({ token, index });
      return;
    }
    // label over value: the value cell right under the label cell
    const labelCell = cellsOf(line).find((c) => label.test(fold(c.text)));
    if (!labelCell) return;
    for (const next of lines.slice(index + 1, index + 3)) {
      if (next.page !== line.page || next.y - line.y > 40) break;
      const under = cellsOf(next).find((c) => Math.min(c.x1, labelCell.x1) - Math.max(c.x0, labelCell.x0) > 0 && readAmount(c.text, decimal) && isMoney(c.text));
      if (under) {
        found.push({ token: readAmount(under.text, decimal)!, index });
        return;
      }
    }
  });
  return found;
}

/**
 * The date at the start of a cell ("03/02", "05 Jan 24", "2024-06-01") and what follows it in the
 * same cell (a value date, the description), placed in proportion to its characters.
 */
function leadingDate(cell: Cell, order: DateOrder): { date: LooseDate; rest: Cell | null } | null {
  const words = cell.text.split(' ');
  for (let n = Math.min(words.length, 4); n >= 1; n--) {
    const date = readDate(words.slice(0, n).join(' '), order);
    if (!date) continue;
    let k = n;
    // a value date printed right after the booking date belongs to neither the date nor the text
    while (k < words.length && readDate(words[k]!, order)) k++;
    // and so does a time of day ("05.04.2024 14:32")
    while (k < words.length && /^\d{1,2}:\d{2}(?::\d{2})?$/.test(words[k]!)) k++;
    const restText = words.slice(k).join(' ');
    if (!restText) return { date, rest: null };
    const perChar = (cell.x1 - cell.x0) / Math.max(cell.text.length, 1);
    const x0 = cell.x0 + (cell.text.length - restText.length) * perChar;
    return { date, rest: { text: restText, x0, x1: cell.x1 } };
  }
  return null;
}

function signed(token: AmountToken): string {
  const neg = token.marker === 'dr' || (token.marker === null && token.negative);
  return neg ? `-${token.value}` : token.value;
}

const PERIOD_WORDS = /(period|from|statement date|zeitraum|between|for the period|\bto\b|\bdu\b|\bau\b|\bvom\b|\bbis\b|\bdel\b|\bal\b|statement for|–)/i;

const RANGE = new RegExp(`${DATE_IN_TEXT.source}\\s*(?:-|–|—|to|bis|au|al|till|until|through|thru)\\s*${DATE_IN_TEXT.source.replace('(', '(?:')}`, 'i');

/** "April 1-30, 2024", "Mar 3 - Apr 2, 2024": one year (and maybe one month) for both ends. */
const SHORT_RANGE = /\b([A-Za-z]{3,9})\.?\s(\d{1,2})\s*(?:-|–|—|to|through|thru)\s*(?:([A-Za-z]{3,9})\.?\s)?(\d{1,2}),?\s(\d{4})\b/;

function findPeriod(lines: readonly TextLine[], order: DateOrder): { start: CalendarDate; end: CalendarDate } | null {
  for (const line of lines.slice(0, 80)) {
    const text = fold(line.text);
    const short = SHORT_RANGE.exec(text);
    if (short) {
      const from = readDate(`${short[2]} ${short[1]}`, 'dmy');
      const to = readDate(`${short[4]} ${short[3] ?? short[1]}`, 'dmy');
      if (from && to) {
        const year = Number(short[5]);
        const a = makeDate(from.month > to.month ? year - 1 : year, from.month, from.day);
        const b = makeDate(year, to.month, to.day);
        if (a && b && a <= b) return { start: a, end: b };
      }
    }
    // "3 May - 2 Jun 2024" needs no keyword: two dates joined by a dash or "to"
    if (!PERIOD_WORDS.test(text) && !RANGE.test(text)) continue;
    const matches = [...text.matchAll(DATE_IN_TEXT)];
    const found = matches.map((m) => readDate(m[1]!, order));
    for (let i = 0; i + 1 < found.length; i++) {
      const [x, y] = [found[i], found[i + 1]];
      if (!x || !y) continue;
      if (!y.year) continue;
      // "1 June to 30 June 2024": the start takes the end's year (or the one before, over a year end)
      let startYear = x.year ?? y.year;
      if (!x.year && (x.month > y.month || (x.month === y.month && x.day > y.day))) startYear--;
      const a = makeDate(startYear, x.month, x.day);
      const b = makeDate(y.year, y.month, y.day);
      if (a && b && a <= b) return { start: a, end: b };
    }
  }
  return null;
}

/** Local abbreviations that stand for an ISO code. */
const LOCAL_CODES: Record<string, string> = { TL: 'TRY', 'ZŁ': 'PLN', RMB: 'CNY' };

function findCurrency(text: string): CurrencyCode | null {
  const labelled = /(?:currency|währung|devise|moneda|waluta|para birimi|valuta)\s*[:\-]?\s*([A-Z]{2,3})\b/i.exec(text);
  if (labelled && LOCAL_CODES[labelled[1]!.toUpperCase()]) return currencyCode(LOCAL_CODES[labelled[1]!.toUpperCase()]!);
  if (labelled && isCurrencyCode(labelled[1]!)) return currencyCode(labelled[1]!);
  const codes = new Map<string, number>();
  for (const m of text.matchAll(/\b(USD|EUR|GBP|INR|SGD|AUD|CAD|JPY|CHF|NZD|HKD|SEK|NOK|DKK|PLN|ZAR|AED|MYR|BRL|MXN|TRY|CNY|KRW|CZK|HUF|RON|THB)\b/g)) codes.set(m[1]!, (codes.get(m[1]!) ?? 0) + 1);
  // a local abbreviation after amounts: "1.234,56 TL"
  for (const m of text.matchAll(/\d[.,]\d{2}\s?(TL|zł)(?![\p{L}])/gu)) {
    const code = LOCAL_CODES[m[1]!.toUpperCase()]!;
    codes.set(code, (codes.get(code) ?? 0) + 1);
  }
  const top = [...codes].sort((a, b) => b[1] - a[1])[0];
  // one "USD" in a foreign-spend line does not outvote the symbols printed on every amount
  const symbolCount = (text.match(/[€£₹$]/g) ?? []).length;
  if (top && (top[1] >= 2 || symbolCount < 3)) return currencyCode(top[0]);
  const symbols: Array<[RegExp, string]> = [[/€/g, 'EUR'], [/£/g, 'GBP'], [/₹/g, 'INR'], [/\$/g, 'USD']];
  const best = symbols.map(([re, c]) => [c, (text.match(re) ?? []).length] as const).sort((a, b) => b[1] - a[1])[0]!;
  if (best[1] === 0) {
    // no code and no symbol: account details only one country prints
    const hints: Array<[RegExp, string]> = [[/\bsort[\s-]?code\b/i, 'GBP'], [/\bBSB\b/, 'AUD'], [/\bIFSC\b/, 'INR'], [/\bCLABE\b/, 'MXN'], [/\b(?:NCUA|Member FDIC)\b/, 'USD']];
    const hint = hints.find(([re]) => re.test(text))?.[1];
    return hint ? currencyCode(hint) : null;
  }
  return currencyCode(best[0] === 'USD' ? dollarOf(text) : best[0]);
}

/** Which dollar: a prefixed sign (S$, A$, NZ$ …), else what the address and account details say. */
function dollarOf(text: string): string {
  const prefixed = /\b(S|A|AU|C|CA|NZ|HK|R|MX|US)\$/.exec(text)?.[1];
  const byPrefix: Record<string, string> = { S: 'SGD', A: 'AUD', AU: 'AUD', C: 'CAD', CA: 'CAD', NZ: 'NZD', HK: 'HKD', R: 'BRL', MX: 'MXN', US: 'USD' };
  if (prefixed) return byPrefix[prefixed]!;
  // a New Zealand account number: bank-branch-account-suffix, 12-3140-0456789-00
  if (/\b\d{2}-\d{4}-\d{7}-\d{2,3}\b/.test(text)) return 'NZD';
  if (/\bBSB\b|\bABN\b|\b(?:NSW|VIC|QLD|TAS|ACT)\s+\d{4}\b/.test(text)) return 'AUD';
  // a Mexican interbank account number: the peso sign is $ too
  if (/\bCLABE\b/.test(text)) return 'MXN';
  if (/\b(?:[Tt]ransit|[Ii]nstitution)\s+(?:[Nn]o|[Nn]umber)\b|\b(?:ON|QC|BC|AB|MB|SK|NS|NB)\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d\b/.test(text)) return 'CAD';
  return 'USD';
}

/**
 * The bank-agnostic parser: from positioned lines it finds the transaction table (header words and
 * column positions, titles over two lines or run together), reads dates and numbers in the
 * document's own formats, joins multi-line descriptions, takes rows printed without a date as the
 * same day's, reads amounts printed on an entry's last line, skips repeated headers, footers,
 * balance rows and other tables (summaries, daily balances), decides signs (debit/credit columns,
 * minus, parentheses, CR/DR or S/H suffixes, a Dr/Cr column, card statements), finds the opening and
 * closing balances beside, under or as rows of the table, and checks every running balance (oldest
 * first, also when printed newest first) and opening + rows = closing.
 */
export function parseByHeaders(doc: ExtractedDocument): ParsedStatement {
  const lines = doc.lines;
  const text = lines.map((l) => l.text).join('\n');
  const warnings: string[] = [];
  const currency = findCurrency(text);
  const decimal = learnDecimalMark(text);
  let order = learnDateOrder(text, currency === 'USD' ? 'mdy' : 'dmy');
  let period = findPeriod(lines, order);
  if (learnDateOrder(text, 'dmy') !== learnDateOrder(text, 'mdy')) {
    // no date says dd/mm or mm/dd outright (04/02 only): the order that puts the rows inside the
    // statement period wins
    const other: DateOrder = order === 'dmy' ? 'mdy' : 'dmy';
    const otherPeriod = findPeriod(lines, other);
    const leading = lines.map((l) => l.text.trim().split(/\s+/)[0]!).filter((w) => /^\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?$/.test(w));
    const fits = (o: DateOrder, p: typeof period) => {
      if (!p) return 0;
      const [from, to] = [addDays(p.start, -7), addDays(p.end, 7)];
      return leading.filter((w) => {
        const d = readDate(w, o);
        const c = d ? resolveYear(d, p, Number(p.end.slice(0, 4))) : null;
        return c !== null && c >= from && c <= to;
      }).length;
    };
    if (fits(other, otherPeriod) > fits(order, period)) {
      order = other;
      period = otherPeriod;
    }
  }
  const isCard = CARD.test(text);
  const digits = (v: string) => (currency ? decimalToMinor(v, currency) : Math.round(Number(v) * 100));
  const fmt = (minor: number) => (currency ? minorToDecimal(minor, currency) : (minor / 100).toFixed(2));
  // A currency without a minor unit (JPY, KRW …) prints 12,345 with no decimals: grouped or short
  // whole numbers count as money there (long ungrouped ones are references).
  const wholeUnits = currency !== null && minorDigits(currency) === 0;
  let inferredWhole = false;
  const isMoney = (t: string) =>
    looksLikeMoney(t, decimal) || (wholeUnits && WHOLE_MONEY.test(t.trim()) && readAmount(t, decimal) !== null) || (inferredWhole && GROUPED_WHOLE.test(t.trim()) && readAmount(t, decimal) !== null);

  // Rows printed without a year take it from the period, else from the first full date printed.
  const anchor = [...text.matchAll(DATE_IN_TEXT)].map((m) => readDate(m[1]!, order)).find((d) => d?.year && d.year > 1990 && d.year < 2200);
  // else from a year printed on its own ("April 2024"), the one printed most often
  const years = new Map<number, number>();
  for (const m of text.matchAll(/(?<![\d.,/-])(19[9]\d|20\d{2})(?![\d.,/-]\d)/g)) years.set(Number(m[1]), (years.get(Number(m[1])) ?? 0) + 1);
  const commonYear = [...years].sort((a, b) => b[1] - a[1])[0]?.[0];
  const fallbackYear = period ? Number(period.end.slice(0, 4)) : (anchor?.year ?? commonYear ?? Number(today().slice(0, 4)));

  const lineHeight = (line: TextLine) => Math.max(...line.words.map((w) => w.height), 4);
  /** The line follows the current row closely on the same page (no gap, no page break between). */
  // `pitch`: the least distance between two dated rows of the table, for widely spaced layouts
  const adjacent = (line: TextLine, d: Draft | null, pitch: number): d is Draft =>
    d !== null && d.page === line.page && line.y > d.lastY && line.y - d.lastY <= Math.max(lineHeight(line) * 2.6, Number.isFinite(pitch) ? pitch * 1.3 : 0);
  const attach = (d: Draft, line: TextLine, index: number) => {
    d.lineIndexes.push(index);
    d.texts.push(line.text);
    d.lastY = line.y;
  };

  // Table headers, on one line or over two.
  const headers = new Map<number, Column[]>();
  const headerSecondLines = new Set<number>();
  lines.forEach((line, index) => {
    if (headerSecondLines.has(index)) return;
    const single = headerColumns(line);
    const double = single ? null : twoLineHeader(line, lines[index + 1]);
    if (single) headers.set(index, single);
    else if (double) {
      headers.set(index, double);
      headerSecondLines.add(index + 1);
    }
  });

  // No header anywhere: the columns may still be read off the rows themselves (see inferTable).
  const inferred = headers.size === 0 ? inferTable(lines, order, decimal, isMoney, digits) : null;
  if (inferred) inferredWhole = inferred.whole;

  /**
   * Money in or out for a table, from the heading printed just above its header: "Deposits and
   * Additions", "Electronic Withdrawals", "Checks Paid", "Fees Charged". A heading naming both, or
   * neither, says nothing.
   */
  const sectionAbove = (index: number): 'in' | 'out' | null => {
    const header = lines[index]!;
    for (let k = index - 1; k >= 0 && k >= index - 3; k--) {
      const l = lines[k]!;
      if (l.page !== header.page || header.y - l.y > lineHeight(header) * 6) break;
      // "Credit Card", "Cheque Account", "Debit Card" name the account, not a direction
      const t = fold(l.text).toLowerCase().trim().replace(/\b(credit|debit|check|cheque|checking)\s+(cards?|accounts?|union|limit|line|interest)\b/g, ' ');
      if (/\d/.test(t) || t.split(/\s+/).length > 8) continue;
      const into = SECTION_IN.test(t) || (isCard && /\bpayments?\b/.test(t));
      const out = SECTION_OUT.test(t);
      if (into !== out) return into ? 'in' : 'out';
      if (into && out) return null;
    }
    return null;
  };

  /**
   * A table headed "Pending transactions" (or "Uncleared items", "Authorisations"): its rows are not
   * posted yet, are not in the closing balance and will be on the next statement.
   */
  const pendingAbove = (index: number): boolean => {
    const header = lines[index]!;
    for (let k = index - 1; k >= 0 && k >= index - 3; k--) {
      const l = lines[k]!;
      if (l.page !== header.page || header.y - l.y > lineHeight(header) * 6) break;
      const t = fold(l.text).trim();
      if (/\d/.test(t) || t.split(/\s+/).length > 8) continue;
      if (PENDING.test(t)) return true;
    }
    return false;
  };

  /**
   * One pass over the lines. `amountLast`: this document prints each entry's amounts on its last
   * line, so a text line after a complete entry starts the next entry (of the same day).
   * `knownPitch`: the row spacing learned by an earlier pass.
   */
  const scan = (amountLast: boolean, knownPitch: number) => {
    const drafts: Draft[] = [];
    let columns: Column[] | null = null;
    let inTable = false;
    let current: Draft | null = null;
    const late = new Set<Draft>();
    // where descriptions start in this table (a centred title starts further right than its text)
    let descLeft = Infinity;
    let pitch = knownPitch;
    let lastDated: { page: number; y: number } | null = null;
    let section: 'in' | 'out' | null = null;
    lines.forEach((line, index) => {
      if (inferred && index === inferred.from) {
        columns = inferred.columns;
        inTable = true;
      }
      if (headerSecondLines.has(index)) return;
      const header = headers.get(index) ?? null;
      if (header) {
        columns = header;
        section = sectionAbove(index);
        inTable = !pendingAbove(index);
        current = null;
        descLeft = Infinity;
        lastDated = { page: line.page, y: line.y };
        return;
      }
      if (!columns || !inTable) return;
      const trimmed = line.text.trim();
      if (SUMMARY_LINE.test(trimmed)) {
        // a summary box or footer: no row continues past it
        if (ENDS_TABLE.test(trimmed)) inTable = false;
        current = null;
        return;
      }
      if (PENDING_HEADING.test(fold(trimmed))) {
        // pending (not yet posted) entries follow: they are not part of this statement
        inTable = false;
        current = null;
        return;
      }
      if (otherTableHeader(line)) {
        // another table (daily balances, a summary of totals) starts: the transactions are over
        inTable = false;
        current = null;
        return;
      }
      const cols: Column[] = columns;
      const cells = cellsOf(line).map((c) => ({ ...c, text: c.text.replace(/(\d)\s*([/.-])\s*(?=\d)/g, '$1$2') })).map((c) => (inferred ? { ...c, text: groupWhole(c.text, decimal) } : c));
      const first = cells[0];
      const dateCol = cols.find((c) => c.role === 'date')!;
      const descCol = cols.find((c) => c.role === 'description')!;
      const firstMoneyX = Math.min(...cols.filter((c) => MONEY_ROLES.includes(c.role)).map((c) => c.x0));
      // the date sits in the date column: left of the description when the description comes after it
      const inDateColumn = (c: Cell) => c.x0 < dateCol.x1 + 30 && (descCol.x0 <= dateCol.x0 || c.x0 < descCol.x0 - 2);
      // the date may share its cell with the text after it, when the two are printed close together
      let lead = first && inDateColumn(first) ? leadingDate(first, order) : null;
      let others = cells.slice(1);
      if (!lead && cols.some((c) => c.x1 < dateCol.x0)) {
        // the date column is not the first one ("Check No. | Date Paid | Amount"): the date is the
        // cell under the date title
        const k = cells.findIndex((c) => Math.min(c.x1, dateCol.x1) - Math.max(c.x0, dateCol.x0) > 0 && readDate(c.text, order));
        if (k > 0) {
          lead = { date: readDate(cells[k]!.text, order)!, rest: null };
          others = cells.filter((_, i) => i !== k);
        }
      }
      const loose = lead?.date ?? null;
      const valueCells = lead?.rest ? [lead.rest, ...others] : others;

      /** Reads the value cells of a row line into a draft. */
      const fill = (d: Draft, valueCells: readonly Cell[]) => {
        for (const cell of valueCells) {
          const numeric = isMoney(cell.text);
          const col = columnFor(cell, cols, numeric);
          if (!col) continue;
          if (readDate(cell.text, order) && (col.role === 'date2' || col.role === 'date')) continue;
          if (numeric) {
            const token = readAmount(cell.text, decimal)!;
            if (col.role === 'debit') d.debit = token.value;
            else if (col.role === 'credit') d.credit = token.value;
            else if (col.role === 'balance') d.balance = signed(token);
            else d.amount = token;
          } else if (col.role === 'sign') {
            if (/^(dr|d|debit)\.?$/i.test(cell.text)) d.sign = 'dr';
            else if (/^(cr|c|credit)\.?$/i.test(cell.text)) d.sign = 'cr';
          } else if (col.role === 'ref') {
            // a check listed by its number only: "Check 1043" (the title says check or cheque)
            const word = /cheque|chq/i.test(col.title ?? '') ? 'Cheque' : /check/i.test(col.title ?? '') ? 'Check' : '';
            d.ref = d.ref ?? `${word} ${cell.text.replace(/\s*[*^]+$/, '')}`.trim();
          } else if (col.role === 'description' || col.role === 'date2') {
            if (!readDate(cell.text, order)) d.description.push(cell.text);
            if (col.role === 'description') descLeft = Math.min(descLeft, cell.x0);
          }
        }
      };
      const hasAmount = (d: Draft) => d.debit !== null || d.credit !== null || d.amount !== null;
      const money = cells.filter((c) => isMoney(c.text));
      const rowMoney = money.filter((c) => ['debit', 'credit', 'amount'].includes(columnFor(c, cols, true)?.role ?? ''));

      if (loose && first) {
        const date = resolveYear(loose, period, fallbackYear);
        if (!date) return;
        const draft: Draft = { date, description: [], debit: null, credit: null, amount: null, balance: null, sign: null, section, ref: null, page: line.page, lastY: line.y, lineIndexes: [index], texts: [line.text], reasons: [] };
        if (lastDated?.page === line.page && line.y > lastDated.y) pitch = Math.min(pitch, line.y - lastDated.y);
        lastDated = { page: line.page, y: line.y };
        fill(draft, valueCells);
        const said = fold(draft.description.join(' '));
        if ((!hasAmount(draft) && BALANCE_ROW.test(said)) || BALANCE_LABEL.test(said)) {
          // "01 Jan  OPENING BALANCE  4,123.77", "FEB 15  NEW BALANCE  $5,226.25": a balance, not a transaction
          current = null;
          return;
        }
        current = draft;
        drafts.push(current);
        return;
      }
      const textCells = cells.filter((c) => !isMoney(c.text));
      const inDescription = textCells.length > 0 && textCells.every((c) => c.x0 >= Math.min(descCol.x0, descLeft) - 4 && c.x0 < firstMoneyX);
      const label = BALANCE_ROW.test(fold(trimmed));
      if (rowMoney.length > 0) {
        if (!label && adjacent(line, current, pitch) && inDescription) {
          if (!hasAmount(current)) {
            // the amount printed on the last line of a multi-line row
            fill(current, cells);
            attach(current, line, index);
            late.add(current);
            return;
          }
          // a row without its own date: same day as the row above (dates printed once per day)
          const draft: Draft = { date: current.date, description: [], debit: null, credit: null, amount: null, balance: null, sign: null, section, ref: null, page: line.page, lastY: line.y, lineIndexes: [index], texts: [line.text], reasons: [] };
          fill(draft, cells);
          current = draft;
          drafts.push(draft);
          return;
        }
        current = null;
        return;
      }
      if (money.length > 0 || label) {
        // a balance-only line (carried forward, Übertrag …) ends the row above
        current = null;
        return;
      }
      if (adjacent(line, current, pitch) && inDescription && trimmed.length < 120) {
        if (amountLast && hasAmount(current)) {
          // the next entry of the same day; its amounts follow on a later line
          const draft: Draft = { date: current.date, description: [textCells.map((c) => c.text).join(' ')], debit: null, credit: null, amount: null, balance: null, sign: null, section, ref: null, page: line.page, lastY: line.y, lineIndexes: [index], texts: [line.text], reasons: [] };
          current = draft;
          drafts.push(draft);
          return;
        }
        // a description that runs onto the next line
        current.description.push(textCells.map((c) => c.text).join(' '));
        attach(current, line, index);
      }
    });
    return { drafts, columns: columns as Column[] | null, late: late.size, pitch };
  };
  // Most entries carrying their amounts on a later line than their date means amounts-last layout.
  // The second pass knows the row spacing of the whole table from the start.
  const firstPass = scan(false, Infinity);
  const { drafts, columns } = scan(firstPass.late * 2 > firstPass.drafts.length, firstPass.pitch);

  const first = (xs: BalanceFound[]) => xs[0] ?? null;
  const last = (xs: BalanceFound[]) => xs[xs.length - 1] ?? null;
  const dated = datedBalances(lines, order, decimal);
  const openingToken = (first(findLabelledAmounts(lines, OPENING, decimal, isMoney)) ?? dated.opening ?? first(findLabelledAmounts(lines, OPENING_CARRIED, decimal, isMoney)))?.token ?? null;
  const closingToken = (first(findLabelledAmounts(lines, CLOSING, decimal, isMoney)) ?? dated.closing ?? last(findLabelledAmounts(lines, CLOSING_CARRIED, decimal, isMoney)) ?? first(findLabelledAmounts(lines, CLOSING_WEAK, decimal, isMoney)))?.token ?? null;
  const hasBalanceColumn = drafts.some((d) => d.balance !== null);
  const cardConvention = isCard && !hasBalanceColumn;
  // On a card statement the printed balance is what is owed: negative from the holder's side.
  const balanceOf = (t: AmountToken | null) => (t ? (cardConvention ? (t.marker === 'cr' || t.negative ? t.value : `-${t.value}`) : signed(t)) : null);
  let opening = balanceOf(openingToken);
  let closing = balanceOf(closingToken);

  const rows: ParsedRow[] = [];
  let running: number | null = opening !== null ? digits(opening) : null;
  // Newest-first statements are walked oldest first, so each printed balance follows from the one before.
  const newestFirst = drafts.length > 1 && drafts[0]!.date > drafts[drafts.length - 1]!.date;
  for (const d of newestFirst ? [...drafts].reverse() : drafts) {
    let minor: number | null = null;
    if (d.amount && d.section && d.amount.marker === null && d.sign === null && !d.amount.negative) {
      // an unsigned amount in a table headed "Deposits", "Withdrawals", "Checks Paid", "Fees Charged" …
      const v = digits(d.amount.value);
      minor = d.section === 'in' ? v : -v;
    } else if (d.debit !== null || d.credit !== null) {
      minor = (d.credit ? digits(d.credit) : 0) - (d.debit ? digits(d.debit) : 0);
    } else if (d.amount) {
      const v = digits(d.amount.value);
      const marker = d.amount.marker ?? d.sign;
      if (cardConvention) minor = marker === 'cr' || d.amount.negative ? v : -v;
      else minor = marker === 'cr' ? v : marker === 'dr' || d.amount.negative ? -v : v;
    }
    if (minor === null) {
      warnings.push(`no amount on the line "${d.texts[0]}"; skipped`);
      continue;
    }
    // columns inferred from the data, not read from a header: the user should look the rows over
    let confidence = inferred ? 0.8 : 1;
    if (d.balance !== null) {
      const bal = digits(d.balance);
      if (running === null) running = bal - minor;
      if (running + minor === bal) {
        // consistent
      } else if (running - minor === bal) {
        minor = -minor;
        d.reasons.push('sign taken from the running balance');
        confidence = Math.min(confidence, 0.9);
      } else {
        d.reasons.push('the running balance does not follow from this row');
        confidence = Math.min(confidence, 0.6);
      }
      running = bal;
    } else if (running !== null) {
      running += minor;
    }
    // a row with nothing in the description column but a reference (a check paid) is known by it
    if (d.description.length === 0 && d.ref) d.description.push(d.ref);
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
  if (newestFirst) rows.reverse();
  if (!columns) warnings.push('no transaction table header found (Date … Amount/Debit/Credit)');
  if (inferred && rows.length) {
    warnings.push('no table header recognised: columns inferred from the data');
    // balances under labels we cannot read: the first row's balance before it, the last row's after
    const [oldest, newest] = newestFirst ? [rows[rows.length - 1]!, rows[0]!] : [rows[0]!, rows[rows.length - 1]!];
    if (opening === null && oldest.balance != null) opening = fmt(digits(oldest.balance) - digits(oldest.amount));
    if (closing === null && newest.balance != null) closing = newest.balance;
  }

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

/** "Balance on 1 June 2024 … £1,874.12" lines: the earliest date opens, the latest closes. */
function datedBalances(lines: readonly TextLine[], order: DateOrder, decimal: '.' | ','): { opening: BalanceFound | null; closing: BalanceFound | null } {
  const found: Array<BalanceFound & { date: CalendarDate }> = [];
  lines.forEach((line, index) => {
    const text = fold(line.text);
    const m = DATED_BALANCE.exec(text);
    if (!m) return;
    const after = text.slice(m.index + m[0].length);
    const d = new RegExp(DATE_IN_TEXT.source, 'i').exec(after);
    if (!d || d.index > 2) return;
    const loose = readDate(d[1]!, order);
    const date = loose?.year ? makeDate(loose.year, loose.month, loose.day) : null;
    const token = date ? amountAfter(after.slice(d.index + d[0].length), decimal) : null;
    if (date && token) found.push({ token, index, date });
  });
  if (found.length < 2) return { opening: null, closing: null };
  const sorted = [...found].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (sorted[0]!.date === sorted[sorted.length - 1]!.date) return { opening: null, closing: null };
  return { opening: sorted[0]!, closing: sorted[sorted.length - 1]! };
}

/** A whole amount grouped by the document's own mark after groupWhole: "-12,345", "890". */
const GROUPED_WHOLE = /^[-+−]?\d{1,3}(?:[.,]\d{3})*-?$/;
/** A whole amount grouped by spaces, as forint or koruna are printed: "-12 345", "1 234 567". */
const SPACE_WHOLE = /^([-+−]?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+)$/;

/** "-12 345" → "-12,345" (or "-12.345" where the decimal mark is a comma), so readAmount takes it whole. */
function groupWhole(text: string, decimal: '.' | ','): string {
  const m = SPACE_WHOLE.exec(text.trim());
  return m ? `${m[1]}${m[2]!.replace(/[ \u00a0\u202f]/g, decimal === '.' ? ',' : '.')}` : text;
}

interface InferredTable {
  columns: Column[];
  /** The index of the first row line: the table starts there. */
  from: number;
  /** The money is printed in whole units ("12 345"), with no decimals. */
  whole: boolean;
}

interface DataRow {
  index: number;
  dateX0: number;
  dateX1: number;
  descX0: number;
  money: Array<{ x0: number; x1: number; minor: number; negative: boolean }>;
}

/** A line that starts with a date, then text, then only money cells to the right. */
function dataRow(line: TextLine, index: number, order: DateOrder, decimal: '.' | ',', isMoney: (t: string) => boolean, toMinor: (v: string) => number): { row: DataRow; whole: boolean } | null {
  const cells = cellsOf(line).map((c) => ({ ...c, text: groupWhole(c.text.replace(/(\d)\s*([/.-])\s*(?=\d)/g, '$1$2'), decimal) }));
  const first = cells[0];
  const lead = first ? leadingDate(first, order) : null;
  if (!first || !lead) return null;
  const rest = lead.rest ? [lead.rest, ...cells.slice(1)] : cells.slice(1);
  const moneyLike = (t: string) => isMoney(t) || (GROUPED_WHOLE.test(t.trim()) && readAmount(t, decimal) !== null);
  let k = rest.length;
  while (k > 0 && moneyLike(rest[k - 1]!.text)) k--;
  const text = rest.slice(0, k);
  const money = rest.slice(k);
  // text between the date and the money, and nothing that looks like money inside it
  if (!text.length || !money.length || money.length > 3 || !/\p{L}{2}/u.test(text.map((c) => c.text).join(' '))) return null;
  const tokens = money.map((c) => ({ c, a: readAmount(c.text, decimal)! }));
  return {
    row: {
      index,
      dateX0: first.x0,
      dateX1: lead.rest ? lead.rest.x0 - 1 : first.x1,
      descX0: text[0]!.x0,
      money: tokens.map(({ c, a }) => ({ x0: c.x0, x1: c.x1, minor: toMinor(a.value) * (a.negative || a.marker === 'dr' ? -1 : 1), negative: a.negative || a.marker === 'dr' })),
    },
    whole: money.some((c) => !isMoney(c.text)),
  };
}

/** Money cells grouped into columns by their right edges (numbers are right-aligned). */
function moneyColumns(rows: readonly DataRow[]): Array<{ x0: number; x1: number; rows: Map<number, number> }> {
  const cells = rows.flatMap((r, i) => r.money.map((m) => ({ ...m, row: i }))).sort((a, b) => a.x1 - b.x1);
  const cols: Array<{ x0: number; x1: number; rows: Map<number, number> }> = [];
  for (const c of cells) {
    const col = cols[cols.length - 1];
    if (col && c.x1 - col.x1 <= 6 && !col.rows.has(c.row)) {
      col.x0 = Math.min(col.x0, c.x0);
      col.x1 = Math.max(col.x1, c.x1);
      col.rows.set(c.row, c.minor);
    } else cols.push({ x0: c.x0, x1: c.x1, rows: new Map([[c.row, c.minor]]) });
  }
  return cols;
}

/** Share of consecutive rows where the balance before plus this row's amount is this row's balance. */
function chainScore(n: number, amount: (i: number) => number | null, balance: (i: number) => number | null): number {
  let pass = 0;
  let pairs = 0;
  for (let i = 1; i < n; i++) {
    const [prev, bal, amt] = [balance(i - 1), balance(i), amount(i)];
    if (prev === null || bal === null || amt === null) continue;
    pairs++;
    if (prev + amt === bal) pass++;
  }
  return pairs >= 2 ? pass / pairs : 0;
}

/**
 * The transaction table of a statement whose header we cannot read (a language we do not know, a
 * header printed as an image, none at all), inferred from the rows: lines that start with a date,
 * then text, then right-aligned money in the same columns. Which column is the amount and which the
 * running balance is settled by balance before + amount = balance, row after row; that check is
 * what keeps a letter or an invoice with dates and numbers from being read as a statement. One
 * money column counts only when it prints signs. Null when the evidence is not strong enough.
 */
function inferTable(lines: readonly TextLine[], order: DateOrder, decimal: '.' | ',', isMoney: (t: string) => boolean, toMinor: (v: string) => number): InferredTable | null {
  const found = lines.map((l, i) => dataRow(l, i, order, decimal, isMoney, toMinor)).filter((x) => x !== null);
  if (found.length < 3) return null;
  const rows = found.map((f) => f.row);
  const n = rows.length;
  const cols = moneyColumns(rows).filter((c) => c.rows.size >= Math.max(2, n * 0.2));
  // every row's money must fall in the columns found
  const explained = rows.filter((r, i) => r.money.length === cols.filter((c) => c.rows.has(i)).length).length;
  if (explained < n * 0.9) return null;
  const at = (col: (typeof cols)[number] | undefined) => (i: number) => col?.rows.get(i) ?? null;
  let roles: Role[] | null = null;
  if (cols.length === 1) {
    const signs = [...cols[0]!.rows.values()];
    if (cols[0]!.rows.size >= n * 0.9 && signs.some((v) => v < 0) && signs.some((v) => v > 0)) roles = ['amount'];
  } else if (cols.length === 2) {
    const [a, b] = cols;
    if (b!.rows.size >= n * 0.9 && chainScore(n, at(a), at(b)) >= 0.9) roles = ['amount', 'balance'];
    else if (a!.rows.size >= n * 0.9 && chainScore(n, at(b), at(a)) >= 0.9) roles = ['balance', 'amount'];
  } else if (cols.length === 3) {
    const [a, b, c] = cols;
    const one = (i: number) => (a!.rows.has(i) !== b!.rows.has(i) ? (a!.rows.get(i) ?? 0) - (b!.rows.get(i) ?? 0) : null);
    if (c!.rows.size >= n * 0.9 && chainScore(n, (i) => (one(i) === null ? null : -one(i)!), at(c)) >= 0.9) roles = ['debit', 'credit', 'balance'];
    else if (c!.rows.size >= n * 0.9 && chainScore(n, one, at(c)) >= 0.9) roles = ['credit', 'debit', 'balance'];
  }
  if (!roles) return null;
  const dateX0 = Math.min(...rows.map((r) => r.dateX0));
  const dateX1 = Math.max(...rows.map((r) => r.dateX1));
  const descX0 = Math.min(...rows.map((r) => r.descX0));
  const columns: Column[] = [
    { role: 'date', x0: dateX0, x1: dateX1 },
    { role: 'description', x0: descX0, x1: cols[0]!.x0 - 1 },
    ...cols.map((c, i) => ({ role: roles[i]!, x0: c.x0, x1: c.x1 })),
  ];
  return { columns, from: rows[0]!.index, whole: found.some((f) => f.whole) };
}
