import { XMLParser } from 'fast-xml-parser';
import { FinchError } from '../../../errors/index.js';
import { toCalendarDate, type CalendarDate } from '../../../calendar/index.js';
import { type CurrencyCode, currencyCode, isCurrencyCode, minorDigits, minorToDecimal } from '../../../money/index.js';
import { decimalToUnits } from '../../tables/cells.js';
import type { ParsedRow, ParsedStatement, StatementSection, UnreadRow } from '../../types.js';
import { finish, maskAccount } from '../shared.js';

type Node = Record<string, unknown>;
const arr = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const text = (v: unknown): string => (v && typeof v === 'object' ? String((v as Node)['#text'] ?? '') : v === undefined || v === null ? '' : String(v));
const at = (n: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Node)[k] : undefined), n);

/** The three ISO 20022 cash reports: statement (053), account report (052), notification (054). */
const ROOTS: Array<[string, string]> = [['BkToCstmrStmt', 'Stmt'], ['BkToCstmrAcctRpt', 'Rpt'], ['BkToCstmrDbtCdtNtfctn', 'Ntfctn']];

export interface CamtOptions {
  /** Which date a row carries: the booking date (default) or the value date. */
  date?: 'booking' | 'value';
}

function dateOf(node: unknown): CalendarDate | null {
  const raw = text(at(node, 'Dt') ?? at(node, 'DtTm')).slice(0, 10);
  try {
    return raw ? toCalendarDate(raw) : null;
  } catch {
    return null;
  }
}

function partyOf(tx: unknown, credit: boolean): string {
  const p = at(tx, 'RltdPties');
  const names = (credit ? ['Dbtr', 'Cdtr'] : ['Cdtr', 'Dbtr']).flatMap((k) => [text(at(p, k, 'Nm')), text(at(p, k, 'Pty', 'Nm'))]);
  return names.find(Boolean) ?? '';
}

interface Part {
  units: number;
  credit: boolean;
  description: string;
  ref: string;
}

/** A batch entry (several TxDtls, each with its own amount) splits into its transactions when they add up. */
function partsOf(entry: Node, units: number, credit: boolean, digits: number, warnings: string[]): Part[] {
  const txs = arr(entry.NtryDtls as Node | Node[]).flatMap((d) => arr(d.TxDtls as Node | Node[]));
  const describe = (tx: Node | undefined, c: boolean) => {
    const remittance = arr(at(tx, 'RmtInf', 'Ustrd') as string | string[] | undefined).map(text).join(' ');
    return [partyOf(tx, c), remittance || text(entry.AddtlNtryInf)].filter(Boolean).join(' ').replace(/\s+/g, ' ').trim() || 'entry';
  };
  const refOf = (tx: Node | undefined) => text(entry.AcctSvcrRef) || text(at(tx, 'Refs', 'AcctSvcrRef')) || text(at(tx, 'Refs', 'EndToEndId'));
  if (txs.length > 1) {
    const parts = txs.map((tx) => {
      const amt = text(at(tx, 'AmtDtls', 'TxAmt', 'Amt') ?? at(tx, 'Amt'));
      const c = tx.CdtDbtInd ? text(tx.CdtDbtInd) === 'CRDT' : credit;
      const u = /^\d+(\.\d+)?$/.test(amt) ? decimalToUnits(amt, digits) : NaN;
      return { units: u, credit: c, description: describe(tx, c), ref: [text(at(tx, 'Refs', 'AcctSvcrRef')), text(at(tx, 'Refs', 'EndToEndId')), text(at(tx, 'Refs', 'TxId'))].find((r) => r && r !== 'NOTPROVIDED') ?? '' };
    });
    const sum = parts.reduce((a, p) => a + (p.credit === credit ? p.units : -p.units), 0);
    if (parts.every((p) => Number.isFinite(p.units)) && sum === units) return parts;
    warnings.push(`a batch entry of ${txs.length} transactions does not add up to its amount; kept as one row`);
  }
  return [{ units, credit, description: describe(txs[0], credit), ref: refOf(txs[0]) }];
}

function balances(report: Node, digits: number): { opening: number | null; closing: number | null } {
  let opening: number | null = null;
  let closing: number | null = null;
  for (const bal of arr(report.Bal as Node | Node[])) {
    const code = text(at(bal, 'Tp', 'CdOrPrtry', 'Cd'));
    const value = text(bal.Amt);
    if (!/^\d+(\.\d+)?$/.test(value)) continue;
    const u = decimalToUnits(value, digits) * (text(bal.CdtDbtInd) === 'DBIT' ? -1 : 1);
    if ((code === 'OPBD' || code === 'PRCD' || code === 'OPAV') && opening === null) opening = u;
    if (code === 'CLBD') closing = u;
  }
  return { opening, closing };
}

function reportCurrency(report: Node): CurrencyCode | null {
  const named = [text(at(report, 'Acct', 'Ccy')), ...arr(report.Ntry as Node | Node[]).map((e) => String((e.Amt as Node | undefined)?.['@Ccy'] ?? ''))].find((c) => c && isCurrencyCode(c));
  return named ? currencyCode(named) : null;
}

/** CAMT.052/053/054 (namespaces dropped); DBIT entries are money out; batch entries are split. */
export function parseCamt(xml: string, options: CamtOptions = {}): ParsedStatement {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false }).parse(xml) as Node;
  const top = (doc.Document as Node | undefined) ?? doc;
  const kind = ROOTS.find(([root]) => top[root]);
  if (!kind) throw new FinchError('INVALID_INPUT', 'not a CAMT file: no BkToCstmrStmt, BkToCstmrAcctRpt or BkToCstmrDbtCdtNtfctn element');
  const reports = arr((top[kind[0]] as Node)[kind[1]] as Node | Node[]);
  if (reports.length === 0) throw new FinchError('INVALID_INPUT', 'the CAMT file holds no statement or report');
  const warnings: string[] = [];
  const rows: ParsedRow[] = [];
  const sections: StatementSection[] = [];
  const unread: UnreadRow[] = [];
  const lines = xml.split(/\r?\n/);
  for (const report of reports) {
    const currency = reportCurrency(report);
    const digits = currency ? minorDigits(currency) : 2;
    const fmt = (u: number) => (currency ? minorToDecimal(u, currency) : (u / 10 ** digits).toFixed(digits));
    const first = rows.length;
    arr(report.Ntry as Node | Node[]).forEach((entry, i) => {
      const value = text(entry.Amt);
      const booking = dateOf(entry.BookgDt);
      const valueDate = dateOf(entry.ValDt);
      const date = options.date === 'value' ? (valueDate ?? booking) : (booking ?? valueDate);
      if (!date || !/^\d+(\.\d+)?$/.test(value)) {
        warnings.push(`entry ${i + 1}: unreadable date or amount; not read`);
        return void unread.push({ source: { page: 1, lineIndexes: [], text: `entry ${i + 1}: ${text(entry.BookgDt as Node) || ''} ${value}`.trim() }, reason: `unreadable date or amount ("${value}")` });
      }
      const credit = text(entry.CdtDbtInd) === 'CRDT';
      for (const p of partsOf(entry, decimalToUnits(value, digits), credit, digits, warnings)) {
        const signed = p.credit ? p.units : -p.units;
        const found = lines.findIndex((l) => p.ref && l.includes(p.ref));
        rows.push({ date, description: p.description, amount: fmt(signed), confidence: 1, source: { page: 1, lineIndexes: found >= 0 ? [found] : [], text: `${date} ${fmt(signed)} ${p.description}` }, ...(p.ref && p.ref !== 'NOTPROVIDED' ? { importKey: p.ref } : {}) });
      }
    });
    const b = balances(report, digits);
    const id = text(at(report, 'Acct', 'Id', 'IBAN')) || text(at(report, 'Acct', 'Id', 'Othr', 'Id'));
    sections.push({ accountNumber: maskAccount(id), currency, firstRow: first, lastRow: rows.length - 1, openingBalance: b.opening === null ? null : fmt(b.opening), closingBalance: b.closing === null ? null : fmt(b.closing) });
  }
  const only = sections.length === 1 ? sections[0]! : null;
  return {
    ...finish('camt', sections.find((s) => s.currency)?.currency ?? null, rows, { opening: only?.openingBalance ?? null, closing: only?.closingBalance ?? null, accountNumber: sections[0]?.accountNumber ?? null, warnings }),
    ...(sections.length > 1 ? { sections } : {}),
    unread,
  };
}
