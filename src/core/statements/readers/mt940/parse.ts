import { FinchError } from '../../../errors/index.js';
import { type CalendarDate, makeDate } from '../../../calendar/index.js';
import { type CurrencyCode, currencyCode, isCurrencyCode, minorDigits, minorToDecimal } from '../../../money/index.js';
import { decimalToUnits } from '../../tables/cells.js';
import type { ParsedRow, ParsedStatement, StatementSection, UnreadRow } from '../../types.js';
import { finish, maskAccount, notRead } from '../shared.js';

interface Field {
  tag: string;
  value: string;
  line: number;
}

/** Drops the SWIFT envelope ({1:…}{2:…}{4: … -}) and splits the text into :tag: fields with continuation lines. */
function fields(text: string): Field[] {
  const out: Field[] = [];
  text.split(/\r?\n/).forEach((raw, line) => {
    const l = raw.replace(/^(?:\{\d:[^{}]*\})*\{4:/, '').replace(/^-\}.*$|\{5:.*$/, '');
    const m = /^:(\d{2}[A-Z]?):(.*)$/.exec(l);
    if (m) out.push({ tag: m[1]!, value: m[2]!, line });
    else if (out.length && l.trim() !== '-' && l.trim() !== '') out[out.length - 1]!.value += `\n${l}`;
  });
  return out;
}

/** A balance field (:60F:, :62F:): C/D mark, YYMMDD, currency, amount with a decimal comma. */
function balance(value: string): { units: number; currency: string; digits: number } | null {
  const m = /^([CD])(\d{6})([A-Z]{3})(\d+,\d*)/.exec(value.trim());
  if (!m) return null;
  const digits = isCurrencyCode(m[3]!) ? minorDigits(currencyCode(m[3]!)) : 2;
  return { units: decimalToUnits(m[4]!.replace(',', '.').replace(/\.$/, ''), digits) * (m[1] === 'D' ? -1 : 1), currency: m[3]!, digits };
}

interface Entry {
  date: CalendarDate;
  units: number;
  reference: string;
  line: number;
}

/** :61: value date YYMMDD, optional booking MMDD, mark C/D/RC/RD, optional funds code, amount, type, references. */
function entry(f: Field, digits: number): Entry | null {
  const m = /^(\d{2})(\d{2})(\d{2})(\d{4})?(RC|RD|C|D)([A-Z])?(\d+,\d*)([NSF][A-Z0-9]{3})?([^\n]*)/.exec(f.value.trim());
  if (!m) return null;
  const year = 2000 + Number(m[1]);
  const vMonth = Number(m[2]);
  let date = makeDate(year, vMonth, Number(m[3]));
  if (m[4]) {
    const bMonth = Number(m[4].slice(0, 2));
    // a booking date in January for a December value date is next year's, and the reverse
    const y = bMonth === 1 && vMonth === 12 ? year + 1 : bMonth === 12 && vMonth === 1 ? year - 1 : year;
    date = makeDate(y, bMonth, Number(m[4].slice(2))) ?? date;
  }
  if (!date) return null;
  const sign = m[5] === 'C' || m[5] === 'RD' ? 1 : -1;
  const units = decimalToUnits(m[7]!.replace(',', '.').replace(/\.$/, ''), digits) * sign;
  return { date, units, reference: (m[9] ?? '').split('//')[0]!.trim(), line: f.line };
}

/**
 * :86: as German banks structure it (?00 posting text, ?20–?29 and ?60–?63 purpose, ?32/?33
 * name), as Dutch and others do (/NAME/, /CNTP/, /REMI/), or free text.
 */
export function narrative(value: string): string {
  const joined = value.replace(/\r?\n/g, '');
  if (/^\d{3}\?\d{2}|\?2\d/.test(joined)) {
    const sub: Record<string, string> = {};
    for (const m of joined.matchAll(/\?(\d{2})([^?]*)/g)) sub[m[1]!] = (sub[m[1]!] ?? '') + m[2]!;
    const purpose = ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '60', '61', '62', '63'].map((k) => sub[k] ?? '').join('');
    const svwz = /SVWZ\+(.*?)(?=(?:EREF|KREF|MREF|CRED|DEBT|ABWA|ABWE|IBAN|BIC)\+|$)/.exec(purpose)?.[1];
    const name = `${sub['32'] ?? ''}${sub['33'] ?? ''}`.trim();
    return [name, (svwz ?? purpose).trim() || (sub['00'] ?? '')].filter(Boolean).join(' | ');
  }
  if (/^\/[A-Z]{3,4}\//.test(joined)) {
    const codes: Record<string, string> = {};
    for (const m of joined.matchAll(/\/(NAME|CNTP|REMI|EREF|ORDP|BENM|ADDR|IREF|PURP|USTD|CSID|MARF|RTRN|SVWZ)\/(.*?)(?=\/(?:NAME|CNTP|REMI|EREF|ORDP|BENM|ADDR|IREF|PURP|CSID|MARF|RTRN)\/|$)/g)) codes[m[1]!] = m[2]!;
    const name = codes.NAME ?? codes.CNTP?.split('/')[2] ?? '';
    const remi = (codes.REMI ?? '').replace(/^USTD\/\//, '').replace(/\/+$/, '');
    return [name.replace(/\/+$/, ''), remi].filter(Boolean).join(' | ') || joined;
  }
  return value.replace(/\s*\r?\n\s*/g, ' ').trim();
}

interface Statement {
  account: string;
  currency: string | null;
  opening: number | null;
  closing: number | null;
  rows: ParsedRow[];
}

function statements(fs: Field[], text: string[], warnings: string[], unread: UnreadRow[]): Statement[] {
  const out: Statement[] = [];
  let cur: Statement | null = null;
  let digits = 2;
  let fmt = (u: number) => (u / 100).toFixed(2);
  for (const f of fs) {
    if (f.tag === '20' || !cur) out.push((cur = { account: '', currency: null, opening: null, closing: null, rows: [] }));
    if (f.tag === '25') cur.account = f.value.trim();
    if (f.tag.startsWith('60')) {
      const b = balance(f.value);
      if (b) {
        cur.opening = b.units;
        cur.currency = b.currency;
        digits = b.digits;
        fmt = isCurrencyCode(b.currency) ? (u) => minorToDecimal(u, currencyCode(b.currency)) : (u) => (u / 10 ** digits).toFixed(digits);
      }
    }
    if (f.tag.startsWith('62')) cur.closing = balance(f.value)?.units ?? null;
    if (f.tag === '61') {
      const e = entry(f, digits);
      if (!e) notRead(warnings, unread, f.line, text[f.line] ?? '', 'unreadable :61: entry');
      else cur.rows.push({ date: e.date, description: e.reference || 'entry', amount: fmt(e.units), confidence: 1, source: { page: 1, lineIndexes: [f.line], text: text[f.line] ?? '' } });
    }
    if (f.tag === '86' && cur.rows.length) {
      const last = cur.rows[cur.rows.length - 1]!;
      if (last.source.lineIndexes.length === 1 && last.source.lineIndexes[0]! < f.line) {
        last.description = narrative(f.value) || last.description;
        last.source = { ...last.source, lineIndexes: [last.source.lineIndexes[0]!, f.line], text: `${last.source.text}\n:86:${f.value}` };
      }
    }
  }
  return out.filter((s) => s.rows.length || s.opening !== null);
}

/** SWIFT MT940 customer statements; several statements in a file become sections, each reconciled. */
export function parseMt940(text: string): ParsedStatement {
  const warnings: string[] = [];
  const unread: UnreadRow[] = [];
  const stmts = statements(fields(text), text.split(/\r?\n/), warnings, unread);
  const rows = stmts.flatMap((s) => s.rows);
  if (rows.length === 0) throw new FinchError('INVALID_INPUT', `the MT940 file holds no readable :61: entry${warnings.length ? ` (${warnings[0]})` : ''}`);
  const code = stmts.find((s) => s.currency)?.currency;
  const currency: CurrencyCode | null = code && isCurrencyCode(code) ? currencyCode(code) : null;
  const fmt = (u: number | null) => (u === null ? null : currency ? minorToDecimal(u, currency) : (u / 100).toFixed(2));
  const sections: StatementSection[] = [];
  let first = 0;
  for (const s of stmts) {
    const sum = s.rows.reduce((a, r) => a + decimalToUnits(r.amount.replace('-', ''), currency ? minorDigits(currency) : 2) * (r.amount.startsWith('-') ? -1 : 1), 0);
    if (s.opening !== null && s.closing !== null && s.opening + sum !== s.closing) warnings.push(`statement ${sections.length + 1}: opening ${fmt(s.opening)} + rows does not equal closing ${fmt(s.closing)}`);
    sections.push({ accountNumber: maskAccount(s.account), currency, firstRow: first, lastRow: first + s.rows.length - 1, openingBalance: fmt(s.opening), closingBalance: fmt(s.closing) });
    first += s.rows.length;
  }
  const oneAccount = new Set(stmts.map((s) => s.account)).size === 1;
  return {
    ...finish('mt940', currency, rows, { opening: oneAccount ? fmt(stmts[0]!.opening) : null, closing: oneAccount ? fmt(stmts[stmts.length - 1]!.closing) : null, accountNumber: maskAccount(stmts[0]!.account), warnings }),
    ...(sections.length > 1 ? { sections } : {}),
    unread,
  };
}
