import { FinchError } from '../../../errors/index.js';
import type { CalendarDate } from '../../../calendar/index.js';
import { type CurrencyCode, minorDigits, minorToDecimal } from '../../../money/index.js';
import { type DateOrder, decimalToUnits, moneyShape, moneyValue, readDateCell } from '../../tables/cells.js';
import type { ParsedRow, ParsedStatement, StatementSection, UnreadRow } from '../../types.js';
import { finish, notRead } from '../shared.js';

/** Sections that hold transactions; lists (!Type:Cat, !Type:Class, !Type:Memorized…) and account lists do not. */
const TRANSACTION_TYPES = new Set(['bank', 'ccard', 'cash', 'oth a', 'oth l']);

/** QIF dates: 1/ 5'24, 2/1'2024, 03/15/2024, 15.03.2024, 2024-03-15 (the apostrophe separates the year). */
function normaliseDate(text: string): string {
  return text.trim().replace(/\s+/g, '').replace(/'/g, '/');
}

function learnOrder(dates: string[]): DateOrder {
  const score = (o: DateOrder) => dates.filter((d) => readDateCell(d, o)).length;
  const mdy = score('mdy');
  const dmy = score('dmy');
  return dmy > mdy ? 'dmy' : 'mdy';
}

interface Rec {
  fields: Record<string, string>;
  from: number;
  to: number;
  account: string | null;
}

function records(lines: string[]): { recs: Rec[]; ignored: number } {
  const recs: Rec[] = [];
  let section = '';
  let account: string | null = null;
  let fields: Record<string, string> = {};
  let from = 0;
  let ignored = 0;
  lines.forEach((line, i) => {
    if (/^!Type:/i.test(line)) section = line.slice(6).trim().toLowerCase();
    else if (/^!Account/i.test(line)) section = 'account';
    if (line.startsWith('!') || !line.trim()) {
      from = i + 1;
      return;
    }
    if (line[0] !== '^') {
      const k = line[0]!;
      if (!(k in fields)) fields[k] = line.slice(1).trim();
      return;
    }
    if (section === 'account') account = fields.N ?? account;
    else if (TRANSACTION_TYPES.has(section) || section === '') recs.push({ fields, from, to: i, account });
    else ignored++;
    fields = {};
    from = i + 1;
  });
  return { recs, ignored };
}

/** QIF (!Type:Bank, CCard, Cash…): D date, T/U amount, P payee, M memo, N number; several accounts become sections. */
export function parseQif(text: string, currency: CurrencyCode | null = null): ParsedStatement {
  const lines = text.split(/\r?\n/);
  const { recs } = records(lines);
  const order = learnOrder(recs.map((r) => normaliseDate(r.fields.D ?? '')));
  const digits = currency ? minorDigits(currency) : 2;
  const decimal = recs.some((r) => /\d,\d{2}$/.test(r.fields.T ?? '')) && !recs.some((r) => /\d\.\d{2}$/.test(r.fields.T ?? '')) ? ',' : '.';
  const fmt = (u: number) => (currency ? minorToDecimal(u, currency) : (u / 10 ** digits).toFixed(digits));
  const warnings: string[] = [];
  const unread: UnreadRow[] = [];
  const rows: ParsedRow[] = [];
  const accounts: Array<{ name: string | null; start: number }> = [];
  for (const rec of recs) {
    const f = rec.fields;
    const date: CalendarDate | null = f.D ? readDateCell(normaliseDate(f.D), order) : null;
    const shape = moneyShape(f.T ?? f.U ?? '');
    const value = shape ? moneyValue(shape.digits, decimal) : null;
    if (!date) {
      notRead(warnings, unread, rec.from, lines.slice(rec.from, rec.to + 1).join('\n'), `invalid date "${f.D ?? ''}"`);
      continue;
    }
    if (!shape || value === null) {
      notRead(warnings, unread, rec.from, lines.slice(rec.from, rec.to + 1).join('\n'), `invalid amount "${f.T ?? f.U ?? ''}"`);
      continue;
    }
    if (accounts.length === 0 || accounts[accounts.length - 1]!.name !== rec.account) accounts.push({ name: rec.account, start: rows.length });
    const units = decimalToUnits(value, digits) * (shape.negative ? -1 : 1);
    const description = [f.P, f.M].filter(Boolean).join(' ').trim() || f.L || 'transaction';
    rows.push({ date, description, amount: fmt(units), confidence: 1, source: { page: 1, lineIndexes: Array.from({ length: rec.to - rec.from + 1 }, (_, k) => rec.from + k), text: lines.slice(rec.from, rec.to + 1).join('\n') }, ...(f.N ? { importKey: `${f.D}:${f.N}:${f.T ?? f.U}` } : {}) });
  }
  if (rows.length === 0) throw new FinchError('INVALID_INPUT', warnings.length ? `no record of the QIF file could be read (${warnings.slice(0, 3).join('; ')})` : 'the QIF file holds no transactions');
  const sections: StatementSection[] | undefined = accounts.length > 1
    ? accounts.map((a, k) => ({ accountNumber: a.name, currency, firstRow: a.start, lastRow: (accounts[k + 1]?.start ?? rows.length) - 1, openingBalance: null, closingBalance: null }))
    : undefined;
  return { ...finish('qif', currency, rows, { warnings }), ...(sections ? { sections } : {}), unread };
}
