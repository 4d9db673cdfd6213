import { decimalToUnits, directionWord, moneyShape, moneyValue } from './cells.js';
import { HEADER_WORDS, type ColumnProfile } from './profile.js';

/** One way of reading a row's amount. */
export type AmountModel =
  | { kind: 'single'; amount: number; direction?: number; debitWord?: string; invert: boolean }
  | { kind: 'pair'; debit: number; credit: number; invert: boolean };

export interface CellValue {
  units: number;
  exact: string;
  marker: 'cr' | 'dr' | null;
}

export function readMoney(text: string | undefined, decimal: '.' | ',', digits: number): CellValue | null {
  if (!text) return null;
  const shape = moneyShape(text);
  if (!shape) return null;
  const value = moneyValue(shape.digits, decimal);
  if (value === null) return null;
  const units = decimalToUnits(value, digits);
  const negative = shape.marker === 'dr' || (shape.marker === null && shape.negative);
  return { units: negative ? -units : units, exact: `${negative ? '-' : ''}${value}`, marker: shape.marker };
}

/** The signed amount of one row under a model; null when the row has none. */
export function amountOf(model: AmountModel, row: string[], decimal: '.' | ',', digits: number): CellValue | null {
  const flip = (v: CellValue, negative: boolean): CellValue => {
    const units = negative ? -Math.abs(v.units) : Math.abs(v.units);
    return { ...v, units, exact: `${units < 0 ? '-' : ''}${v.exact.replace(/^-/, '')}` };
  };
  let out: CellValue | null;
  if (model.kind === 'pair') {
    const d = readMoney(row[model.debit], decimal, digits);
    const c = readMoney(row[model.credit], decimal, digits);
    if (!d && !c) return null;
    if (d && d.units !== 0) out = flip(d, true);
    else if (c) out = flip(c, false);
    else out = d;
  } else {
    const v = readMoney(row[model.amount], decimal, digits);
    if (!v) return null;
    out = v;
    if (model.direction !== undefined) {
      const word = (row[model.direction] ?? '').trim();
      const known = directionWord(word);
      if (model.debitWord !== undefined) out = flip(v, word.toLowerCase() === model.debitWord);
      else if (known) out = flip(v, known === 'dr');
    }
  }
  if (out && model.invert) return { ...out, units: -out.units, exact: out.exact.startsWith('-') ? out.exact.slice(1) : `-${out.exact}` };
  return out;
}

export interface ChainResult {
  /** Links that hold, over links that could be checked. */
  share: number;
  checked: number;
  descending: boolean;
  /** Per row: did the link into this row hold (null: not checked). */
  links: Array<boolean | null>;
}

/** Does balance[i] = balance[i-1] + amount[i] (listing oldest first) or the reverse order hold? */
export function chain(amounts: Array<number | null>, balances: Array<number | null>): ChainResult {
  const run = (descending: boolean): ChainResult => {
    const links: Array<boolean | null> = amounts.map(() => null);
    let ok = 0;
    let checked = 0;
    for (let i = 0; i < amounts.length; i++) {
      const prev = descending ? i + 1 : i - 1;
      const a = amounts[i];
      const b = balances[i];
      const p = balances[prev];
      if (a === null || a === undefined || b === null || b === undefined || p === null || p === undefined) continue;
      checked++;
      links[i] = p + a === b;
      if (links[i]) ok++;
    }
    return { share: checked ? ok / checked : 0, checked, descending, links };
  };
  const up = run(false);
  const down = run(true);
  return down.share > up.share ? down : up;
}

/** Two balance columns where end = start + amount on each row (one row, one check). */
export function rowBalance(amounts: Array<number | null>, start: Array<number | null>, end: Array<number | null>): number {
  // balances, not any two columns that add up (gross + fee = net): one row's end is the next one's start
  const follows = (d: number) => amounts.filter((_, i) => i + d >= 0 && i + d < amounts.length && start[i + d] !== null && start[i + d] === end[i]).length;
  if (Math.max(follows(1), follows(-1)) < (amounts.length - 1) / 2) return 0;
  let ok = 0;
  let checked = 0;
  amounts.forEach((a, i) => {
    if (a === null || start[i] === null || end[i] === null) return;
    checked++;
    if (start[i]! + a === end[i]) ok++;
  });
  return checked >= 2 ? ok / checked : 0;
}

/** Models worth trying for the money columns and the direction columns found. */
export function candidateModels(money: ColumnProfile[], directions: ColumnProfile[], rows: string[][]): AmountModel[] {
  const models: AmountModel[] = [];
  for (const m of money) {
    const dir = directions.filter((d) => Math.abs(d.index - m.index) <= 2).sort((a, b) => Math.abs(a.index - m.index) - Math.abs(b.index - m.index) || b.index - a.index)[0];
    for (const invert of [false, true]) {
      models.push({ kind: 'single', amount: m.index, invert });
      if (dir) {
        const words = [...new Set(rows.map((r) => (r[dir.index] ?? '').trim().toLowerCase()).filter(Boolean))];
        const known = words.every((w) => directionWord(w));
        if (known) models.push({ kind: 'single', amount: m.index, direction: dir.index, invert });
        else for (const w of words.slice(0, 2)) models.push({ kind: 'single', amount: m.index, direction: dir.index, debitWord: w, invert });
      }
    }
  }
  for (const d of money) for (const c of money) if (d.index !== c.index && exclusive(d.index, c.index, rows)) models.push({ kind: 'pair', debit: d.index, credit: c.index, invert: false });
  return models;
}

/** In nearly every row exactly one of two columns holds a non-zero amount. */
function exclusive(a: number, b: number, rows: string[][]): boolean {
  const filled = (c: string | undefined) => Boolean(c && /[1-9]/.test(c));
  const one = rows.filter((r) => filled(r[a]) !== filled(r[b])).length;
  const any = rows.filter((r) => filled(r[a]) || filled(r[b])).length;
  return any > 0 && one / any >= 0.9 && rows.some((r) => filled(r[a])) && rows.some((r) => filled(r[b]));
}

/** Header evidence for a model, small next to what the content verifies. */
export function headerFit(model: AmountModel, headers: string[]): number {
  const h = (i: number) => (headers[i] ?? '').replace(/^#/, '');
  if (model.kind === 'pair') {
    const d = h(model.debit);
    const c = h(model.credit);
    let s = 0;
    if (HEADER_WORDS.debit.test(d) && !HEADER_WORDS.credit.test(d)) s += 0.5;
    if (HEADER_WORDS.credit.test(c) && !HEADER_WORDS.debit.test(c)) s += 0.5;
    if (HEADER_WORDS.credit.test(d) && !HEADER_WORDS.debit.test(d)) s -= 0.6;
    if (HEADER_WORDS.debit.test(c) && !HEADER_WORDS.credit.test(c)) s -= 0.6;
    if (HEADER_WORDS.balance.test(d) || HEADER_WORDS.balance.test(c)) s -= 1;
    return s;
  }
  const a = h(model.amount);
  let s = HEADER_WORDS.amount.test(a) ? 0.6 : 0;
  if (HEADER_WORDS.balance.test(a)) s -= 1;
  if (HEADER_WORDS.gross.test(a) || HEADER_WORDS.fee.test(a)) s -= 0.3;
  if (HEADER_WORDS.debit.test(a) || HEADER_WORDS.credit.test(a)) s -= 0.2;
  return s;
}

/** Column a is the sum of two others on every row (gross + fee = net, or gross − fee). */
export function isNetOf(a: number, money: number[], units: (col: number) => Array<number | null>): boolean {
  const target = units(a);
  for (const x of money) {
    for (const y of money) {
      if (x === a || y === a || x === y) continue;
      const ux = units(x);
      const uy = units(y);
      if (!uy.some((v) => v !== null && v !== 0)) continue;
      const plus = target.every((t, i) => t === null || (ux[i] ?? 0) + (uy[i] ?? 0) === t);
      const minus = target.every((t, i) => t === null || (ux[i] ?? 0) - Math.abs(uy[i] ?? 0) === t);
      if ((plus || minus) && target.some((t) => t !== null)) return true;
    }
  }
  return false;
}

export function signedValues(col: number, rows: string[][], decimal: '.' | ',', digits: number): Array<number | null> {
  return rows.map((r) => readMoney(r[col], decimal, digits)?.units ?? null);
}
