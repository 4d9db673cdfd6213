import { FinchError } from '../../errors/index.js';
import { type CurrencyCode } from '../../money/index.js';
import { readNumber } from '../../money/index.js';
import type { ParsedRow, ParsedStatement, UnreadRow } from '../types.js';
import { type DateOrder, learnDateOrder, readDate, resolveYear } from '../system-parser/tokens.js';
import { finish, normalizeAmount } from './shared.js';

/** QIF dates: 3/15'24, 03/15/2024, 15.03.2024, 2024-03-15. */
function qifDate(text: string, order: DateOrder) {
  const t = text.trim().replace(/'\s*(\d{1,2})$/, '/$1').replace(/\s+/g, '');
  const d = readDate(t, order);
  return d ? resolveYear(d, null, new Date().getFullYear()) : null;
}

/** QIF (!Type:Bank, CCard, Cash…): D date, T/U amount, P payee, M memo, N number, L category, ^ ends a record. */
export function parseQif(text: string, currency: CurrencyCode | null = null): ParsedStatement {
  const lines = text.split(/\r?\n/);
  const order = learnDateOrder(lines.filter((l) => l.startsWith('D')).map((l) => l.slice(1)).join('\n'), 'mdy');
  const warnings: string[] = [];
  const rows: ParsedRow[] = [];
  const unread: UnreadRow[] = [];
  let rec: Record<string, string> = {};
  let start = 0;
  let type = '';
  lines.forEach((line, i) => {
    if (line.startsWith('!Type:')) type = line.slice(6).trim().toLowerCase();
    if (!line || line.startsWith('!')) return;
    if (line[0] === '^') {
      const n = rows.length + warnings.length + 1;
      const date = rec.D ? qifDate(rec.D, order) : null;
      const raw = (rec.T ?? rec.U ?? '').replace(/[$€£,\s](?=.*\.)/g, '').replace(/[$€£\s]/g, '');
      const value = readNumber(raw.replace(/^[-+]/, '')) ;
      const skip = (reason: string) => {
        warnings.push(`record ${n}: ${reason}; skipped`);
        unread.push({ source: { page: 1, lineIndexes: Array.from({ length: i - start + 1 }, (_, k) => start + k), text: lines.slice(start, i + 1).join('\n') }, reason });
      };
      if (!date) skip(`missing or invalid date "${rec.D ?? ''}"`);
      else if (value === null) skip(`invalid amount "${rec.T ?? rec.U ?? ''}"`);
      else {
        const signed = raw.startsWith('-') ? `-${value}` : value;
        const description = [rec.P, rec.M].filter(Boolean).join(' ').trim() || rec.L || 'transaction';
        rows.push({ date, description, amount: normalizeAmount(signed, currency), confidence: 1, source: { page: 1, lineIndexes: Array.from({ length: i - start + 1 }, (_, k) => start + k), text: lines.slice(start, i + 1).join('\n') }, ...(rec.N ? { importKey: `${rec.D}:${rec.N}:${raw}` } : {}) });
      }
      rec = {};
      start = i + 1;
      return;
    }
    rec[line[0]!] = line.slice(1).trim();
  });
  if (rows.length === 0 && warnings.length > 0) throw new FinchError('INVALID_INPUT', `no record of the QIF file could be read (${warnings.join('; ')})`);
  if (type && !['bank', 'ccard', 'cash', 'oth a', 'oth l'].includes(type)) warnings.push(`QIF type ${type} read as a bank account`);
  return { ...finish('qif', currency, rows, { warnings }), unread };
}
