import { FinchError } from '../../../errors/index.js';
import { makeDate, type CalendarDate } from '../../../calendar/index.js';
import { type CurrencyCode, currencyCode, isCurrencyCode, minorDigits, minorToDecimal } from '../../../money/index.js';
import { decimalToUnits, extraDecimals } from '../../tables/cells.js';
import type { ParsedRow, ParsedStatement, StatementSection, UnreadRow } from '../../types.js';
import { finish, maskAccount, notRead } from '../shared.js';

/** OFX 1.x is SGML (leaf tags never close) and OFX 2 is XML: reading leaf values by tag fits both. */
function field(block: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<\\r\\n]*))`, 'i').exec(block);
  return m ? (m[1] ?? m[2] ?? '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').trim() : undefined;
}

function ofxDate(text: string | undefined): CalendarDate | null {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(text ?? '');
  return m ? makeDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

function lineOf(text: string, index: number): number {
  let n = 0;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** A server that refused the request answers with a STATUS of SEVERITY ERROR and no statement. */
function refusal(text: string): string | null {
  const statuses = [...text.matchAll(/<STATUS>([\s\S]*?)(?:<\/STATUS>|(?=<(?:STMTRS|CCSTMTRS|DTSERVER|TRNUID)>))/gi)].map((m) => m[1]!);
  const error = statuses.find((s) => /^ERROR$/i.test(field(s, 'SEVERITY') ?? ''));
  if (!error || /<(?:STMTRS|CCSTMTRS)>/i.test(text)) return null;
  const message = field(error, 'MESSAGE');
  return `the bank's OFX server answered with an error (code ${field(error, 'CODE') ?? '?'}${message ? `: ${message}` : ''}); the file holds no statement`;
}

/** A signed decimal ("-23.4567", "+1,5") as a plain decimal; null when unreadable. */
function plainAmount(raw: string): string | null {
  const t = raw.replace(',', '.').replace(/^\+/, '').trim();
  if (!/^-?\d*\.?\d+$|^-?\d+\.$/.test(t)) return null;
  const neg = t.startsWith('-');
  const [i = '0', f = ''] = t.replace('-', '').split('.');
  return `${neg ? '-' : ''}${i.replace(/^0+(?=\d)/, '') || '0'}${f ? `.${f}` : ''}`;
}

interface Block {
  body: string;
  offset: number;
}

function statementBlocks(text: string): Block[] {
  const found = [...text.matchAll(/<(STMTRS|CCSTMTRS)>([\s\S]*?)(?:<\/\1>|(?=<(?:STMTRS|CCSTMTRS)>)|$)/gi)];
  return found.length ? found.map((m) => ({ body: m[2]!, offset: m.index! })) : [{ body: text, offset: 0 }];
}

function readTransactions(text: string, block: Block, currency: CurrencyCode | null, warnings: string[], unread: UnreadRow[]): ParsedRow[] {
  const digits = currency ? minorDigits(currency) : 2;
  const fmt = (u: number) => (currency ? minorToDecimal(u, currency) : (u / 10 ** digits).toFixed(digits));
  const rows: ParsedRow[] = [];
  for (const m of block.body.matchAll(/<STMTTRN>([\s\S]*?)(?=<\/STMTTRN>|<STMTTRN>|<\/BANKTRANLIST>)/gi)) {
    const b = m[1]!;
    const line = lineOf(text, block.offset + m.index!);
    const date = ofxDate(field(b, 'DTPOSTED')) ?? ofxDate(field(b, 'DTUSER'));
    const raw = field(b, 'TRNAMT') ?? '';
    const amount = plainAmount(raw);
    if (!date) {
      notRead(warnings, unread, line, squashBlock(b), `missing or invalid date "${field(b, 'DTPOSTED') ?? ''}"`);
      continue;
    }
    if (amount === null) {
      notRead(warnings, unread, line, squashBlock(b), `invalid amount "${raw}"`);
      continue;
    }
    const neg = amount.startsWith('-');
    const units = decimalToUnits(amount.replace('-', ''), digits) * (neg ? -1 : 1);
    const exact = extraDecimals(amount.replace('-', ''), digits);
    if (exact) warnings.push(`line ${line + 1}: amount ${amount} has more decimals than ${currency ?? 'the currency'}; rounded half to even to ${fmt(units)}`);
    const name = field(b, 'NAME') ?? field(b, 'PAYEE') ?? '';
    const memo = field(b, 'MEMO') ?? '';
    const squash = (t: string) => t.replace(/\s+/g, ' ').trim();
    // MEMO often repeats NAME with more detail; keep the longer when one contains the other.
    const description = (squash(memo).startsWith(squash(name)) ? squash(memo) : squash(name).startsWith(squash(memo)) ? squash(name) : squash(`${name} ${memo}`)) || field(b, 'TRNTYPE') || 'transaction';
    const fitid = field(b, 'FITID');
    rows.push({
      date,
      description,
      amount: fmt(units),
      confidence: exact ? 0.9 : 1,
      source: { page: 1, lineIndexes: [line], text: b.trim().split(/\r?\n/).map((l) => l.trim()).join(' ') },
      ...(fitid ? { importKey: fitid } : {}),
      ...(exact ? { exactAmount: amount, reviewReasons: [`the amount ${amount} has more decimals than the currency; rounded half to even`] } : {}),
    });
  }
  return rows;
}

function ledgerBalance(body: string, currency: CurrencyCode | null, warnings: string[]): string | null {
  const ledger = /<LEDGERBAL>([\s\S]*?)(?:<\/LEDGERBAL>|<AVAILBAL>|$)/i.exec(body)?.[1];
  if (ledger === undefined) return null;
  const value = plainAmount(field(ledger, 'BALAMT') ?? '');
  if (value === null) {
    warnings.push(`the ledger balance is ${field(ledger, 'BALAMT') ? `unreadable ("${field(ledger, 'BALAMT')}")` : 'empty'}; balances not checked`);
    return null;
  }
  const digits = currency ? minorDigits(currency) : 2;
  const units = decimalToUnits(value.replace('-', ''), digits) * (value.startsWith('-') ? -1 : 1);
  return currency ? minorToDecimal(units, currency) : (units / 10 ** digits).toFixed(digits);
}

/**
 * OFX / QFX, bank and card, one or several accounts (each a section). Amounts are from the
 * holder's side; more decimals than the currency are rounded half to even, kept exact on the row
 * and warned about. An error response is a FinchError, not an empty statement.
 */
export function parseOfx(text: string): ParsedStatement {
  if (!/<OFX>/i.test(text)) throw new FinchError('INVALID_INPUT', 'not an OFX file: no <OFX> element');
  const refused = refusal(text);
  if (refused) throw new FinchError('INVALID_INPUT', refused);
  const warnings: string[] = [];
  const unread: UnreadRow[] = [];
  const rows: ParsedRow[] = [];
  const sections: StatementSection[] = [];
  for (const block of statementBlocks(text)) {
    const cur = field(block.body, 'CURDEF') ?? field(text, 'CURDEF');
    const currency: CurrencyCode | null = cur && isCurrencyCode(cur) ? currencyCode(cur) : null;
    if (cur && !currency) warnings.push(`unknown currency ${cur}`);
    const first = rows.length;
    rows.push(...readTransactions(text, block, currency, warnings, unread));
    const account = /<(?:BANKACCTFROM|CCACCTFROM)>([\s\S]*?)(?:<\/(?:BANKACCTFROM|CCACCTFROM)>|<BANKTRANLIST>)/i.exec(block.body)?.[1];
    const closing = ledgerBalance(block.body, currency, warnings);
    sections.push({ accountNumber: maskAccount(field(account ?? '', 'ACCTID')), currency, firstRow: first, lastRow: rows.length - 1, openingBalance: null, closingBalance: closing });
  }
  const blocks = (text.match(/<STMTTRN>/gi) ?? []).length;
  if (blocks > 0 && rows.length === 0) throw new FinchError('INVALID_INPUT', `none of the ${blocks} transaction(s) in the OFX file could be read (${warnings.slice(0, 3).join('; ')})`);
  const start = ofxDate(field(text, 'DTSTART'));
  const end = ofxDate(field(text, 'DTEND'));
  const only = sections.length === 1 ? sections[0]! : null;
  const currency = sections.find((s) => s.currency)?.currency ?? null;
  return {
    ...finish('ofx', currency, rows, {
      closing: only && !warnings.some((w) => w.includes('not read')) ? only.closingBalance : null,
      derivedOpening: true,
      period: start && end && start <= end && only ? { start, end } : null,
      accountNumber: sections[0]?.accountNumber ?? null,
      institution: field(text, 'ORG') ?? null,
      warnings,
    }),
    ...(sections.length > 1 ? { sections } : {}),
    unread,
  };
}

const squashBlock = (b: string) => b.trim().split(/\r?\n/).map((l) => l.trim()).join(' ');
