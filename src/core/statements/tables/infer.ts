import { FinchError } from '../../errors/index.js';
import { BALANCE_LINE, DATE_ORDERS, type DateOrder, directionWord, extraDecimals, readDateCell } from './cells.js';
import { descriptionColumns, joinDescription } from './describe.js';
import { type AmountModel, amountOf, candidateModels, chain, headerFit, isNetOf, readMoney, rowBalance, signedValues } from './models.js';
import { type ColumnProfile, HEADER_WORDS, dataLike, findHeader, learnDecimal, profileColumn } from './profile.js';
import type { ColumnRoles, InferOptions, ReadTableRow, Table, TableReading, Verification } from './types.js';

interface Body {
  rows: string[][];
  /** table row index of each body row */
  at: number[];
  header: number | null;
  headerCells: string[];
  width: number;
  outside: Array<{ row: number; reason: string }>;
}

/** Rows read to find the table and to choose a reading; the reading then applies to every row. */
const SCAN_ROWS = 4000;
const SAMPLE_ROWS = 2000;

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/^="(.*)"$/, '$1');
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
}

/**
 * Lines between the table's first and last row that are not rows of it (an impossible date, a word
 * where the date goes, another delimiter): they are reported, never dropped in silence. Lines before
 * the first row and after the last are the preamble and the footer.
 */
function linesInside(rows: string[][], trimmed: number[], body: number[], header: number | null, known: Set<number>): Array<{ row: number; reason: string }> {
  const inBody = new Set(body);
  const out: Array<{ row: number; reason: string }> = [];
  for (let i = body[0]! + 1; i < body[body.length - 1]!; i++) {
    if (inBody.has(i) || known.has(i) || i === header || trimmed[i] === 0) continue;
    const text = rows[i]!.join(' ');
    out.push({ row: i, reason: BALANCE_LINE.test(text) ? 'a balance line, not a transaction' : `no readable date or amount in a line inside the table ("${text.trim().slice(0, 60)}")` });
  }
  return out.sort((a, b) => a.row - b.row);
}

/** Finds the table in the rows: its width, header, and the rows that look like transactions. */
function locateBody(rows: string[][], decimal: '.' | ',', headerRow: number | null | undefined): Body {
  const trimmed = rows.map((r) => {
    let n = r.length;
    while (n > 0 && r[n - 1] === '') n--;
    return n;
  });
  // content is checked on the first rows; past them a row of the table's width belongs to it (big files stay linear)
  const scan = Math.min(rows.length, SCAN_ROWS);
  const data = rows.slice(0, scan).map((r, i) => (dataLike(r, decimal) ? i : -1)).filter((i) => i >= 0);
  if (data.length === 0) throw new FinchError('INVALID_INPUT', 'no row holds both a date and an amount');
  const width = mode(data.map((i) => trimmed[i]!));
  const fits = (i: number) => trimmed[i]! >= Math.ceil(width * 0.6) && trimmed[i]! <= width + 1;
  for (let i = scan; i < rows.length; i++) if (fits(i) || dataLike(rows[i]!, decimal)) data.push(i);
  const body = data.filter(fits);
  const first = body[0]!;
  const header = headerRow !== undefined ? headerRow : findHeader(rows, first, width);
  const outside = data.filter((i) => !fits(i)).map((row) => ({ row, reason: `a line outside the table (${trimmed[row]} of ${width} cells)` }));
  outside.push(...linesInside(rows, trimmed, body, header, new Set(outside.map((o) => o.row))));
  // rows whose last cells are empty are shorter once trimmed: the table is as wide as its widest row
  const full = Math.max(width, ...body.map((i) => trimmed[i]!));
  const pad = (r: string[]) => Array.from({ length: full }, (_, k) => r[k] ?? '');
  return { rows: body.map((i) => pad(rows[i]!)), at: body, header, headerCells: header === null ? [] : pad(rows[header]!).map((c) => c.replace(/^#/, '')), width: full, outside };
}

function chooseDate(profiles: ColumnProfile[], body: string[][], options: InferOptions): { col: number; order: DateOrder; ambiguous: boolean } {
  const n = body.length;
  const scored = profiles
    .map((p) => {
      const best = Math.max(...DATE_ORDERS.map((o) => p.dateShare[o]));
      let s = best * (p.nonEmpty / n);
      if (HEADER_WORDS.date.test(p.header)) s += 0.2;
      if (HEADER_WORDS.valueDate.test(p.header)) s -= 0.15;
      return { p, s: s - p.index * 0.001, best };
    })
    .filter((x) => x.best >= 0.9 && x.p.nonEmpty >= n * 0.8)
    .sort((a, b) => b.s - a.s);
  const col = options.roles?.date ?? scored[0]?.p.index;
  if (col === undefined) throw new FinchError('INVALID_INPUT', 'no column holds a date on every row');
  if (options.dateOrder) return { col, order: options.dateOrder, ambiguous: false };
  return { col, ...chooseOrder(body.map((r) => r[col] ?? ''), options) };
}

/** The numeric order that reads every cell; among several, the one giving dates in sequence. */
function chooseOrder(cells: string[], options: InferOptions): { order: DateOrder; ambiguous: boolean } {
  const filled = cells.filter(Boolean);
  const fits = DATE_ORDERS.map((o) => ({ o, ok: filled.filter((c) => readDateCell(c, o)).length }));
  const max = Math.max(...fits.map((f) => f.ok));
  const orders = fits.filter((f) => f.ok === max).map((f) => f.o);
  if (orders.length === 1) return { order: orders[0]!, ambiguous: false };
  if (orders.includes('ymd') && filled.every((c) => /^\d{4}/.test(c.trim()))) return { order: 'ymd', ambiguous: false };
  const monotonic = (o: DateOrder) => {
    const d = filled.map((c) => readDateCell(c, o)!);
    const up = d.filter((x, i) => i === 0 || x >= d[i - 1]!).length;
    const down = d.filter((x, i) => i === 0 || x <= d[i - 1]!).length;
    return Math.max(up, down) / d.length;
  };
  const ranked = orders.map((o) => ({ o, m: monotonic(o) })).sort((a, b) => b.m - a.m);
  if (ranked.length > 1 && ranked[0]!.m > ranked[1]!.m) return { order: ranked[0]!.o, ambiguous: false };
  const prefer: DateOrder = options.monthFirstHint ? 'mdy' : 'dmy';
  const order = orders.includes(prefer) ? prefer : orders[0]!;
  // the orders read different days and nothing in the file prefers one: only the currency's custom chose
  const differ = filled.some((c) => orders.some((o) => readDateCell(c, o) !== readDateCell(c, order)));
  return { order, ambiguous: differ };
}

interface Scored {
  model: AmountModel;
  score: number;
  amounts: Array<number | null>;
  balance?: number;
  chain?: ReturnType<typeof chain>;
  rowBalance: boolean;
  net: boolean;
  /** Printed totals outside the table (opening + rows = closing, or the sum of the rows) agree. */
  totals?: boolean;
}

function scoreModels(models: AmountModel[], money: ColumnProfile[], body: Body, decimal: '.' | ',', digits: number): Scored[] {
  const cache = new Map<number, Array<number | null>>();
  const units = (c: number) => cache.get(c) ?? (cache.set(c, signedValues(c, body.rows, decimal, digits)), cache.get(c)!);
  const moneyCols = money.map((m) => m.index);
  return models.map((model) => {
    const amounts = body.rows.map((r) => amountOf(model, r, decimal, digits)?.units ?? null);
    const used = model.kind === 'pair' ? [model.debit, model.credit] : [model.amount];
    const coverage = amounts.filter((a) => a !== null).length / body.rows.length;
    let best: { col: number; c: ReturnType<typeof chain> } | undefined;
    for (const b of moneyCols.filter((c) => !used.includes(c))) {
      const c = chain(amounts, units(b));
      if (c.checked >= 2 && (!best || c.share > best.c.share)) best = { col: b, c };
    }
    const chained = best && best.c.share >= 0.5 ? best : undefined;
    let rowBal = 0;
    for (const s of moneyCols) for (const e of moneyCols) if (s !== e && !used.includes(s) && !used.includes(e)) rowBal = Math.max(rowBal, rowBalance(amounts, units(s), units(e)));
    const net = model.kind === 'single' && isNetOf(model.amount, moneyCols, units);
    const profile = money.find((m) => m.index === used[0])!;
    let score = 4 * (chained?.c.share ?? 0) + 4 * (rowBal >= 0.9 ? rowBal : 0) + 2 * coverage + headerFit(model, body.headerCells) + (net ? 1.2 : 0);
    // an unsigned column headed as money out (Debit, Withdrawal, Soll…) with no credit column beside it is money out
    const outHeader = model.kind === 'single' && model.direction === undefined && profile.negatives === 0 && HEADER_WORDS.debit.test(body.headerCells[model.amount] ?? '') && !HEADER_WORDS.credit.test(body.headerCells[model.amount] ?? '');
    if (model.invert) score -= outHeader ? -0.2 : 1;
    if (model.kind === 'single' && model.debitWord !== undefined) score -= 0.2;
    if (model.kind === 'single' && model.direction !== undefined && model.debitWord === undefined) score += 0.5;
    if (model.kind === 'single' && model.direction === undefined && profile.negatives > 0 && profile.negatives < profile.nonEmpty) score += 0.3;
    if (digits > 0 && profile.fractionShare === 0) score -= 0.8;
    // one value on every row (an account balance repeated) is rarely the amount, unless a balance chain says so
    if (profile.distinct === 1 && profile.nonEmpty > 2) score -= 1.5;
    // of a debit/credit pair, the column printed with minus signs is the debit one (header words weigh more)
    if (model.kind === 'pair') {
      const neg = (c: number) => money.find((m) => m.index === c)!.negatives > 0;
      if (neg(model.debit) && !neg(model.credit)) score += 0.4;
      if (neg(model.credit) && !neg(model.debit)) score -= 0.4;
    }
    return { model, score, amounts, balance: chained?.col, chain: chained?.c, rowBalance: rowBal >= 0.9, net };
  });
}

function verificationOf(best: Scored, i: number): { v: Verification; confidence: number } {
  if (best.rowBalance) return { v: 'row-balance', confidence: 1 };
  if (best.chain) {
    const link = best.chain.links[i];
    if (link === true) return { v: 'balance-chain', confidence: 1 };
    if (link === false) return { v: 'chain-broken', confidence: 0.5 };
    return best.chain.share >= 0.9 ? { v: 'balance-chain', confidence: 0.95 } : { v: 'unverified', confidence: 0.85 };
  }
  if (best.net) return { v: 'net-of-fee', confidence: 0.95 };
  if (best.totals) return { v: 'totals', confidence: 0.95 };
  return { v: 'unverified', confidence: 0.85 };
}

/** Body rows that only name a balance (opening, closing, day's balance) are not movements. */
function balanceLines(body: Body, textCols: number[]): Set<number> {
  const out = new Set<number>();
  body.rows.forEach((r, i) => {
    const text = textCols.map((c) => r[c] ?? '').filter((t) => t && !/^[A-Z]{3}$/.test(t)).join(' ');
    if (text && BALANCE_LINE.test(text)) out.add(i);
  });
  return out;
}

/**
 * Reads a table of bank-export cells: finds the header (if any) and the body, the date column and
 * order, the decimal mark, and every candidate way of reading amounts (one signed column, a
 * direction column, a debit/credit pair, either sign), scores each by what verifies — a running
 * balance that chains, a balance pair on the row, net = gross ± fee, coverage — with header words
 * as light evidence, and returns the reading that verifies best.
 */
export function inferTable(table: Table, options: InferOptions): TableReading {
  const digits = options.minorDigits;
  const raw = table.rows.map((r) => r.map((c) => clean(c.text)));
  const decimal = options.decimal ?? learnDecimal(raw.slice(0, SCAN_ROWS), digits);
  const full = locateBody(raw, decimal, options.headerRow);
  const body: Body = { ...full, rows: full.rows.slice(0, SAMPLE_ROWS), at: full.at.slice(0, SAMPLE_ROWS) };
  const column = (i: number) => body.rows.map((r) => r[i] ?? '');
  const profiles = Array.from({ length: body.width }, (_, i) => profileColumn(i, body.headerCells[i] ?? '', column(i), decimal));
  const date = chooseDate(profiles, body.rows, options);
  const money = profiles.filter((p) => p.index !== date.col && p.nonEmpty > 0 && p.moneyShare >= 0.9 && !p.idLike && p.zeros < p.nonEmpty);
  // a direction column says both directions somewhere (a constant flag such as "Cleared: C" says nothing), unless its header names it
  const named = (p: ColumnProfile) => /^(dr|cr|d\/c|c\/d|s\/h|soll\/haben|af ?bij|debit\/credit|credit\/debit|dr ?\/ ?cr|cr ?\/ ?dr|sign|vorzeichen)$/i.test(p.header.trim());
  const directions = profiles.filter((p) => p.index !== date.col && !money.includes(p) && p.nonEmpty > 0 && (p.distinct >= 2 || named(p)) && (p.directionShare >= 0.9 || (p.distinct === 2 && p.letterShare === 1 && p.meanLength <= 5)));
  const fixed = options.roles;
  const models = fixed && (fixed.amount !== undefined || fixed.debit !== undefined || fixed.credit !== undefined) ? fixedModels(fixed, options.invert ?? false) : candidateModels(money, directions, body.rows);
  if (models.length === 0) throw new FinchError('INVALID_INPUT', 'no column holds amounts on the rows that have dates');
  const textCols = profiles.filter((p) => p.index !== date.col && !money.includes(p) && !directions.includes(p)).map((p) => p.index);
  const scored = scoreModels(models, money.length ? money : profiles.filter((p) => models.some((m) => usedBy(m).includes(p.index))), body, decimal, digits);
  const best = byTotals(scored, full, raw, decimal, digits) ?? scored.reduce((a, b) => (b.score > a.score + 1e-9 ? b : a));
  const taken = new Set([date.col, ...usedBy(best.model), ...(best.balance !== undefined ? [best.balance] : []), ...money.map((m) => m.index), ...directions.map((d) => d.index)]);
  const description = fixed?.description ?? descriptionColumns(profiles, column, taken);
  const reference = fixed ? fixed.reference : referenceColumn(profiles, body.rows.length, taken);
  const roles: ColumnRoles = { date: date.col, ...rolesOf(best.model), ...(best.balance !== undefined ? { balance: best.balance } : {}), description, ...(reference !== undefined ? { reference } : {}) };
  const reading = assemble(full, overAll(best, full, decimal, digits), roles, date.order, decimal, digits, balanceLines(full, textCols));
  if (date.ambiguous) doubt(reading, `the date order is a guess (${date.order === 'mdy' ? 'month/day' : 'day/month'}): no date in the file tells day from month; check, or map the columns with --date-format`);
  return reading;
}

/** Marks every row of a reading as needing a look, for a reason nothing in the file settles. */
function doubt(reading: TableReading, reason: string): void {
  for (const r of reading.rows) {
    r.confidence = Math.min(r.confidence, 0.6);
    r.doubts = [...(r.doubts ?? []), reason];
  }
}

interface Printed {
  units: number;
  /** Order of appearance, and what the words on its line call it. */
  at: number;
  label: 'opening' | 'closing' | null;
}

const OPENING = /open|begin|start|previous|old|alter|anfang|vortrag|anterior|initial|inicial|précédent|precedent|vorher|ingående|początkowe|beginsaldo/i;
const CLOSING = /clos|end|neu|new|final|schluss|current|aktuell|actual|utgående|końcowe|eindsaldo|kontostand vom/i;

/** Money printed outside the table: preamble and footer lines (summaries, opening and closing balances). */
function printedTotals(raw: string[][], full: Body, decimal: '.' | ',', digits: number): Printed[] {
  const inside = new Set(full.at);
  const first = full.at[0] ?? 0;
  const last = full.at[full.at.length - 1] ?? raw.length;
  const around = [...raw.slice(0, first).keys(), ...Array.from({ length: Math.max(0, Math.min(60, raw.length - last - 1)) }, (_, k) => last + 1 + k)];
  const out: Printed[] = [];
  for (const i of around) {
    if (inside.has(i)) continue;
    const words = raw[i]!.filter((c) => /\p{L}{3}/u.test(c)).join(' ');
    const label = OPENING.test(words) && !CLOSING.test(words) ? 'opening' : CLOSING.test(words) && !OPENING.test(words) ? 'closing' : null;
    for (const c of raw[i]!) {
      const v = readMoney(c, decimal, digits);
      if (v && /\d[.,]\d/.test(c)) out.push({ units: v.units, at: out.length, label });
    }
  }
  return out;
}

/** A printed total the rows add up to, or a printed opening the rows take to a printed closing. */
function agrees(sum: number, printed: Printed[]): boolean {
  if (sum === 0) return false;
  if (printed.some((p) => p.units === sum && p.label === null)) return true;
  return printed.some((o) => o.label !== 'closing' && printed.some((c) => c !== o && c.label !== 'opening' && o.units + sum === c.units && (o.label === 'opening' || c.label === 'closing' || o.at < c.at)));
}

/**
 * When no balance column verifies, totals printed around the table can: of the close readings,
 * the ones whose rows add up to a printed total (or take a printed opening to a printed closing
 * balance) win, if they agree on the sum.
 */
function byTotals(scored: Scored[], full: Body, raw: string[][], decimal: '.' | ',', digits: number): Scored | null {
  if (scored.some((x) => x.chain || x.rowBalance)) return null;
  const printed = printedTotals(raw, full, decimal, digits);
  if (printed.length === 0) return null;
  const top = Math.max(...scored.map((x) => x.score));
  const sumOf = (x: Scored) => full.rows.reduce((a, r) => a + (amountOf(x.model, r, decimal, digits)?.units ?? 0), 0);
  const fits = scored.filter((x) => x.score >= top - 2 && agrees(sumOf(x), printed));
  if (fits.length === 0 || new Set(fits.map(sumOf)).size !== 1) return null;
  return { ...fits.reduce((a, b) => (b.score > a.score + 1e-9 ? b : a)), totals: true };
}

/** The chosen reading over every row of the table (it was chosen on the first rows). */
function overAll(best: Scored, full: Body, decimal: '.' | ',', digits: number): Scored {
  const amounts = full.rows.map((r) => amountOf(best.model, r, decimal, digits)?.units ?? null);
  const c = best.balance !== undefined ? chain(amounts, signedValues(best.balance, full.rows, decimal, digits)) : undefined;
  return { ...best, amounts, ...(c ? { chain: c } : {}) };
}

/** A column headed as a reference or id whose value differs on every row. */
function referenceColumn(profiles: ColumnProfile[], n: number, taken: Set<number>): number | undefined {
  return profiles.find((p) => !taken.has(p.index) && n >= 2 && p.nonEmpty === n && p.distinct === n && /ref|transaction id|transaktions|^id$|fitid|chq|cheque|check n/i.test(p.header) && !/customer|kunden|mandat|end-to-end/i.test(p.header))?.index;
}

function usedBy(m: AmountModel): number[] {
  return m.kind === 'pair' ? [m.debit, m.credit] : [m.amount, ...(m.direction !== undefined ? [m.direction] : [])];
}

function rolesOf(m: AmountModel): Partial<ColumnRoles> {
  return m.kind === 'pair' ? { debit: m.debit, credit: m.credit } : { amount: m.amount, ...(m.direction !== undefined ? { direction: m.direction } : {}) };
}

function fixedModels(r: Partial<ColumnRoles>, invert: boolean): AmountModel[] {
  if (r.amount !== undefined) return [{ kind: 'single', amount: r.amount, ...(r.direction !== undefined ? { direction: r.direction } : {}), invert }];
  if (r.debit !== undefined && r.credit !== undefined) return [{ kind: 'pair', debit: r.debit, credit: r.credit, invert }];
  const only = (r.debit ?? r.credit)!;
  return [{ kind: 'single', amount: only, invert: r.debit !== undefined ? !invert : invert }];
}

function assemble(body: Body, best: Scored, roles: ColumnRoles, order: DateOrder, decimal: '.' | ',', digits: number, lines: Set<number>): TableReading {
  const rows: ReadTableRow[] = [];
  const skipped = [...body.outside];
  body.rows.forEach((r, i) => {
    const at = body.at[i]!;
    if (lines.has(i)) return void skipped.push({ row: at, reason: 'a balance line, not a transaction' });
    const date = readDateCell(r[roles.date] ?? '', order);
    if (!date) return void skipped.push({ row: at, reason: `no date in "${r[roles.date] ?? ''}"` });
    const amount = amountOf(best.model, r, decimal, digits);
    if (!amount) return void skipped.push({ row: at, reason: 'no amount' });
    const bal = roles.balance !== undefined ? (readMoney(r[roles.balance], decimal, digits)?.units ?? null) : null;
    const { v, confidence } = verificationOf(best, i);
    rows.push({
      row: at,
      date,
      units: amount.units,
      ...(extraDecimals(amount.exact.replace('-', ''), digits) ? { exact: amount.exact } : {}),
      balanceUnits: bal,
      description: joinDescription(roles.description.map((c) => r[c] ?? '')),
      ...(roles.reference !== undefined && r[roles.reference] ? { reference: r[roles.reference] } : {}),
      confidence,
      verification: v,
    });
  });
  const { opening, closing } = endpoints(best, rows);
  const evidence = best.rowBalance ? 'start and end balances agree on each row' : best.chain ? `the running balance chains on ${Math.round(best.chain.share * best.chain.checked)} of ${best.chain.checked} rows` : best.net ? 'net equals gross and fee on every row' : best.totals ? 'the rows add up to the totals printed around the table' : 'nothing in the file verifies the amounts';
  return { header: body.header, headerCells: body.headerCells, roles, dateOrder: order, decimal, invert: best.model.invert, rows, skipped, openingUnits: opening, closingUnits: closing, evidence };
}

function endpoints(best: Scored, rows: ReadTableRow[]): { opening: number | null; closing: number | null } {
  if (!best.chain || best.chain.share < 0.9 || rows.length === 0 || rows.some((r) => r.balanceUnits === null)) return { opening: null, closing: null };
  const ordered = best.chain.descending ? [...rows].reverse() : rows;
  const first = ordered[0]!;
  return { opening: first.balanceUnits! - first.units, closing: ordered[ordered.length - 1]!.balanceUnits };
}

