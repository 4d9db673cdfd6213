import { XMLParser } from 'fast-xml-parser';
import { FinchError } from '../../errors/index.js';
import { toCalendarDate, type CalendarDate } from '../../calendar/index.js';
import { type CurrencyCode, currencyCode, isCurrencyCode } from '../../money/index.js';
import type { ParsedRow, ParsedStatement, UnreadRow } from '../types.js';
import { finish, maskAccount, normalizeAmount } from './shared.js';

type Node = Record<string, unknown>;
const arr = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const text = (v: unknown): string => (v && typeof v === 'object' ? String((v as Node)['#text'] ?? '') : v === undefined || v === null ? '' : String(v));

function dateOf(node: unknown): CalendarDate | null {
  const n = node as Node | undefined;
  const raw = text(n?.Dt ?? n?.DtTm).slice(0, 10);
  try {
    return raw ? toCalendarDate(raw) : null;
  } catch {
    return null;
  }
}

/** CAMT.053 bank-to-customer statements (namespaces dropped); DBIT entries are money out. */
export function parseCamt(xml: string): ParsedStatement {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false }).parse(xml) as Node;
  const root = ((doc.Document as Node | undefined)?.BkToCstmrStmt ?? doc.BkToCstmrStmt) as Node | undefined;
  if (!root) throw new FinchError('INVALID_INPUT', 'not a CAMT.053 statement: no BkToCstmrStmt element');
  const stmts = arr(root.Stmt as Node | Node[]);
  if (stmts.length === 0) throw new FinchError('INVALID_INPUT', 'the CAMT file holds no statement');
  const warnings: string[] = [];
  const unread: UnreadRow[] = [];
  const rows: ParsedRow[] = [];
  let currency: CurrencyCode | null = null;
  let opening: string | null = null;
  let closing: string | null = null;
  let account: string | null = null;
  const lines = xml.split(/\r?\n/);
  for (const stmt of stmts) {
    const acct = stmt.Acct as Node | undefined;
    account ??= maskAccount(text((acct?.Id as Node | undefined)?.IBAN) || text(((acct?.Id as Node | undefined)?.Othr as Node | undefined)?.Id));
    const ccy = text(acct?.Ccy);
    if (ccy && isCurrencyCode(ccy)) currency ??= currencyCode(ccy);
    for (const bal of arr(stmt.Bal as Node | Node[])) {
      const code = text((((bal.Tp as Node | undefined)?.CdOrPrtry as Node | undefined) ?? {}).Cd);
      const amt = bal.Amt as Node | string;
      const value = text(amt);
      const c = typeof amt === 'object' ? String(amt['@Ccy'] ?? '') : '';
      if (c && isCurrencyCode(c)) currency ??= currencyCode(c);
      const signedValue = text(bal.CdtDbtInd) === 'DBIT' ? `-${value}` : value;
      if ((code === 'OPBD' || code === 'PRCD') && opening === null) opening = signedValue;
      if (code === 'CLBD') closing = signedValue;
    }
    arr(stmt.Ntry as Node | Node[]).forEach((entry, i) => {
      const amt = entry.Amt as Node | string;
      const value = text(amt);
      const c = typeof amt === 'object' ? String(amt['@Ccy'] ?? '') : '';
      if (c && isCurrencyCode(c)) currency ??= currencyCode(c);
      const date = dateOf(entry.BookgDt) ?? dateOf(entry.ValDt);
      if (!date || !/^\d+(\.\d+)?$/.test(value)) {
        warnings.push(`entry ${i + 1}: unreadable date or amount; skipped`);
        return void unread.push({ source: { page: 1, lineIndexes: [], text: `entry ${i + 1}: ${text(entry.BookgDt as Node) || ''} ${value}`.trim() }, reason: `unreadable date or amount ("${value}")` });
      }
      const tx = arr(((entry.NtryDtls as Node | undefined)?.TxDtls as Node | Node[] | undefined))[0];
      const parties = tx?.RltdPties as Node | undefined;
      const party = text(((parties?.Cdtr as Node | undefined)?.Nm) ?? '') || text(((parties?.Dbtr as Node | undefined)?.Nm) ?? '') || text((((parties?.Cdtr as Node | undefined)?.Pty as Node | undefined)?.Nm) ?? '') || text((((parties?.Dbtr as Node | undefined)?.Pty as Node | undefined)?.Nm) ?? '');
      const remittance = arr((tx?.RmtInf as Node | undefined)?.Ustrd as string | string[]).map(text).join(' ');
      const info = text(entry.AddtlNtryInf);
      const description = [party, remittance || info].filter(Boolean).join(' ').replace(/\s+/g, ' ').trim() || 'entry';
      const ref = text(entry.AcctSvcrRef) || text((tx?.Refs as Node | undefined)?.AcctSvcrRef) || text((tx?.Refs as Node | undefined)?.EndToEndId);
      const signedValue = text(entry.CdtDbtInd) === 'DBIT' ? `-${value}` : value;
      const at = lines.findIndex((l) => ref && l.includes(ref));
      rows.push({ date, description, amount: normalizeAmount(signedValue, currency), confidence: 1, source: { page: 1, lineIndexes: at >= 0 ? [at] : [], text: `${date} ${signedValue} ${description}` }, ...(ref && ref !== 'NOTPROVIDED' ? { importKey: ref } : {}) });
    });
  }
  return { ...finish('camt', currency, rows, { opening, closing, accountNumber: account, warnings }), unread };
}
