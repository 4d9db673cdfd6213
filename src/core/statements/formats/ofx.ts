import { FinchError } from '../../errors/index.js';
import { makeDate, type CalendarDate } from '../../calendar/index.js';
import { type CurrencyCode, currencyCode, isCurrencyCode } from '../../money/index.js';
import type { ParsedRow, ParsedStatement, UnreadRow } from '../types.js';
import { finish, maskAccount, normalizeAmount } from './shared.js';

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

/**
 * OFX / QFX, bank and card. Amounts are already from the holder's side (negative = money out).
 * Rows that cannot be read are skipped and named in `warnings`; a file with none readable is an error.
 */
export function parseOfx(text: string): ParsedStatement {
  if (!/<OFX>/i.test(text)) throw new FinchError('INVALID_INPUT', 'not an OFX file: no <OFX> element');
  const warnings: string[] = [];
  const cur = field(text, 'CURDEF');
  const currency: CurrencyCode | null = cur && isCurrencyCode(cur) ? currencyCode(cur) : null;
  if (cur && !currency) warnings.push(`unknown currency ${cur}`);
  const rows: ParsedRow[] = [];
  const unread: UnreadRow[] = [];
  const blocks = [...text.matchAll(/<STMTTRN>([\s\S]*?)(?=<\/STMTTRN>|<STMTTRN>|<\/BANKTRANLIST>)/gi)];
  blocks.forEach((m, i) => {
    const block = m[1]!;
    const n = i + 1;
    const skip = (reason: string) => {
      warnings.push(`transaction ${n}: ${reason}; skipped`);
      unread.push({ source: { page: 1, lineIndexes: [lineOf(text, m.index)], text: block.trim().split(/\r?\n/).map((l) => l.trim()).join(' ') }, reason });
    };
    const date = ofxDate(field(block, 'DTPOSTED')) ?? ofxDate(field(block, 'DTUSER'));
    const rawAmount = field(block, 'TRNAMT') ?? '';
    const amount = /^[+-]?\d+(\.\d+)?$/.test(rawAmount.replace(',', '.')) ? rawAmount.replace(',', '.').replace(/^\+/, '') : null;
    if (!date) return skip(`missing or invalid date "${field(block, 'DTPOSTED') ?? ''}"`);
    if (amount === null) return skip(`invalid amount "${rawAmount}"`);
    const name = field(block, 'NAME') ?? field(block, 'PAYEE') ?? '';
    const memo = field(block, 'MEMO') ?? '';
    const squash = (t: string) => t.replace(/\s+/g, ' ').trim();
    // MEMO often repeats NAME with more detail; keep the longer when one contains the other.
    const description = (squash(memo).startsWith(squash(name)) ? squash(memo) : squash(name).startsWith(squash(memo)) ? squash(name) : squash(`${name} ${memo}`)) || field(block, 'TRNTYPE') || 'transaction';
    const fitid = field(block, 'FITID');
    const line = lineOf(text, m.index);
    let value: string;
    try {
      value = normalizeAmount(amount, currency);
    } catch {
      return skip(`amount "${rawAmount}" has more decimals than ${currency}`);
    }
    rows.push({ date, description, amount: value, confidence: 1, source: { page: 1, lineIndexes: [line], text: block.trim().split(/\r?\n/).map((l) => l.trim()).join(' ') }, ...(fitid ? { importKey: fitid } : {}) });
  });
  if (blocks.length > 0 && rows.length === 0) {
    throw new FinchError('INVALID_INPUT', `none of the ${blocks.length} transaction(s) in the OFX file could be read (${warnings.join('; ')})`);
  }
  const ledger = /<LEDGERBAL>([\s\S]*?)(?:<\/LEDGERBAL>|<AVAILBAL>|$)/i.exec(text)?.[1];
  const balance = ledger !== undefined ? field(ledger, 'BALAMT') : undefined;
  let closing: string | null = null;
  if (ledger !== undefined) {
    if (balance && /^[+-]?\d+(\.\d+)?$/.test(balance)) closing = normalizeAmount(balance.replace(/^\+/, ''), currency);
    else warnings.push(`the ledger balance is ${balance ? `unreadable ("${balance}")` : 'empty'}; balances not checked`);
  }
  const start = ofxDate(field(text, 'DTSTART'));
  const end = ofxDate(field(text, 'DTEND'));
  const accountBlock = /<(?:BANKACCTFROM|CCACCTFROM)>([\s\S]*?)<\/(?:BANKACCTFROM|CCACCTFROM)>/i.exec(text)?.[1] ?? text;
  const parsed = finish('ofx', currency, rows, {
    closing: warnings.some((w) => w.includes('skipped')) ? null : closing,
    derivedOpening: true,
    period: start && end && start <= end ? { start, end } : null,
    accountNumber: maskAccount(field(accountBlock, 'ACCTID')),
    institution: field(text, 'ORG') ?? null,
    warnings,
  });
  return { ...parsed, unread };
}
