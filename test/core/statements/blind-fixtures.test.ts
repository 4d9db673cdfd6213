/**
 * The blind fixtures of issue 12 (fixtures/statements/blind, written before the parser was read):
 * every text statement is read fully right — all rows, no extra ones, the balances, reconciled.
 * The scanned ones are checked in pdf/ocr.test.ts (they need native Tesseract and take seconds).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreStatement, type Truth } from '../../../src/core/statements/evaluate.js';
import { extractPdf } from '../../../src/core/statements/pdf/extract.js';
import { parseDocument } from '../../../src/core/statements/system-parser/index.js';

const DIR = join(import.meta.dirname, '../../../fixtures/statements/blind/pdf');
const TEXT = readdirSync(DIR).filter((f) => f.endsWith('.pdf') && !f.includes('scanned'));

describe('blind statements (issue 12)', () => {
  it.each(TEXT)('%s', async (file) => {
    const truth = JSON.parse(readFileSync(join(DIR, file.replace(/\.pdf$/, '.json')), 'utf8')) as Truth & { accounts?: Array<{ number: string; opening_balance: string; closing_balance: string }> };
    const parsed = parseDocument(await extractPdf(new Uint8Array(readFileSync(join(DIR, file))), { filename: file }));
    const s = scoreStatement(parsed, truth);
    expect([s.matched, s.parsedRows, s.signErrors, s.balancesRight]).toEqual([truth.transactions.length, truth.transactions.length, 0, true]);
    // never a wrong currency; none when the statement prints none finch can read (five of these print no code or symbol)
    expect([truth.currency, null]).toContain(parsed.currency);
    if (truth.accounts) expect(parsed.sections?.map((x) => [x.openingBalance, x.closingBalance])).toEqual(truth.accounts.map((a) => [Number(a.opening_balance).toFixed(2), Number(a.closing_balance).toFixed(2)]));
    expect(parsed.transactions.every((t) => t.confidence < 1)).toBe(true);
  });
});
