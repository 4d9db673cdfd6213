import { existsSync, readFileSync } from 'node:fs';
import { sharedPresent } from '../../../helpers/shared.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText, detectFormat, parseCsv, parseOfx, parseQif, parseCamt } from '../../../../src/core/statements/readers/index.js';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const EXTERNAL = join(ROOT, '../shared/eval/external/ofx');
const fixture = (name: string) => readFileSync(join(ROOT, 'fixtures/statements/formats', name), 'utf8');
const ofx = (name: string) => parseOfx(decodeText(readFileSync(join(EXTERNAL, name))));

describe('format detection and decoding', () => {
  it('tells formats by content, then by name', () => {
    expect(detectFormat(Buffer.from('%PDF-1.7\n...'), 'x.bin')).toBe('pdf');
    expect(detectFormat(Buffer.from('OFXHEADER:100\n<OFX>'), 'x.txt')).toBe('ofx');
    expect(detectFormat(Buffer.from('!Type:Bank\nD1/2/24\n^'), 'x.txt')).toBe('qif');
    expect(detectFormat(Buffer.from(fixture('camt053.xml')), 'x.xml')).toBe('camt');
    expect(detectFormat(Buffer.from('a;b\n1;2\n'), 'x.csv')).toBe('csv');
    expect(() => detectFormat(Buffer.from('just words'), 'notes.txt')).toThrow(/unsupported file format/);
  });
  it('reads UTF-8 with a BOM, UTF-16 and Windows-1252', () => {
    expect(decodeText(Buffer.from('\ufeffDatum;Betrag'))).toBe('Datum;Betrag');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Café', 'utf16le')]))).toBe('Café');
    expect(decodeText(Buffer.from([0x43, 0x61, 0x66, 0xe9]))).toBe('Café');
  });
});

describe('CSV conventions', () => {
  it('reads debit/credit columns and US dates, newest first, with the balance check', () => {
    const { parsed, mapping } = parseCsv(fixture('us-bank.csv'));
    expect(parsed.transactions.map((t) => [t.date, t.amount])).toEqual([['2024-03-28', '2500.00'], ['2024-03-15', '-84.20'], ['2024-03-13', '-45.10'], ['2024-03-02', '-15.49']]);
    expect([parsed.openingBalance, parsed.closingBalance, parsed.reconciled]).toEqual(['1355.20', '3710.41', true]);
    expect(mapping).toMatchObject({ date: 'Posting Date', debit: 'Debit', credit: 'Credit', dateOrder: 'mdy', delimiter: ',' });
  });
  it('reads a German export: preamble, semicolons, 1.234,56, quoted delimiters, its currency column', () => {
    const { parsed } = parseCsv(fixture('de-giro.csv'));
    expect(parsed.currency).toBe('EUR');
    expect(parsed.transactions.map((t) => [t.date, t.amount, t.description])).toEqual([
      ['2024-04-02', '-1262.83', 'EDEKA CENTER'],
      ['2024-04-12', '2186.64', 'GEHALT MUSTERFIRMA GMBH'],
      ['2024-04-15', '-154.54', 'DEUTSCHE BAHN; FAHRKARTE'],
    ]);
  });
  it('reads paid in/out columns, Indian grouping, and card exports whose type column sets the sign', () => {
    expect(parseCsv(fixture('uk-current.csv')).parsed.transactions.map((t) => t.amount)).toEqual(['-177.22', '-35.29', '2890.00']);
    const india = parseCsv(fixture('in-bank.csv')).parsed;
    expect(india.transactions.map((t) => [t.amount, t.importKey])).toEqual([['-4352.40', '9408841556'], ['146551.20', '7476212915'], ['-1234.00', '5663850307']]);
    expect(parseCsv(fixture('card-export.csv')).parsed.transactions.map((t) => t.amount)).toEqual(['-178.61', '500.00', '-23.80']);
  });
  it('follows a saved mapping over detection, and refuses a file it cannot map', () => {
    const { parsed } = parseCsv('when|what|how much\n2024-01-02|rent|900\n', { mapping: { date: 'when', description: ['what'], amount: 'how much', invert: true, delimiter: '|' } });
    expect(parsed.transactions.map((t) => [t.date, t.amount])).toEqual([['2024-01-02', '-900.00']]);
    expect(() => parseCsv('a,b\n1,2\n')).toThrow(/no row holds both a date and an amount/);
    expect(() => parseCsv('Date,Amount\nsoon,lots\n')).toThrow(/no row holds both a date and an amount/);
  });
});

describe('QIF and CAMT.053', () => {
  it('reads QIF dates in several forms, payees and memos', () => {
    const q = parseQif(fixture('bank.qif'));
    expect(q.transactions.map((t) => [t.date, t.amount, t.description])).toEqual([
      ['2024-03-04', '-45.10', 'SHELL OIL Fuel'],
      ['2024-03-15', '2500.00', 'PAYROLL ACME'],
      ['2024-03-20', '-12.00', 'PARKING GARAGE'],
    ]);
  });
  it('reads CAMT entries with debit/credit indicators, parties, references and balances', () => {
    const c = parseCamt(fixture('camt053.xml'));
    expect([c.currency, c.openingBalance, c.closingBalance, c.reconciled, c.accountNumber]).toEqual(['EUR', '1000.00', '2932.45', true, '****3000']);
    expect(c.transactions.map((t) => [t.amount, t.description, t.importKey])).toEqual([
      ['-254.19', 'Stadtwerke Musterstadt Strom April', 'REF-0001'],
      ['2186.64', 'Musterfirma GmbH Gehalt April', 'REF-0002'],
    ]);
    expect(() => parseCamt('<Document><Other/></Document>')).toThrow(/not a CAMT file/);
  });
});

describe.skipIf(!sharedPresent(EXTERNAL))('OFX files from ofxparse (external)', () => {
  it('reads SGML and XML OFX, bank and card, with FITIDs as import keys', () => {
    const checking = ofx('checking.ofx');
    expect([checking.currency, checking.transactions.length, checking.closingBalance]).toEqual(['USD', 3, '100.99']);
    expect(checking.transactions[1]).toMatchObject({ date: '2011-04-05', amount: '-34.51', importKey: '0000487' });
    expect([ofx('bank_medium.ofx').currency, ofx('bank_medium.ofx').transactions.length]).toEqual(['CAD', 3]);
    const card = ofx('anzcc.ofx');
    expect([card.currency, card.transactions[0]!.amount, card.closingBalance, card.accountNumber]).toEqual(['AUD', '-5.50', '-123.45', '****1234']);
    expect(ofx('suncorp.ofx').transactions[0]).toMatchObject({ amount: '-16.85', description: 'EFTPOS WDL HANDYWAY ALDI STORE GEELONG WEST VICAU' });
  });
  it('gives a clear error or a reported partial result for broken files, never a crash', () => {
    expect(() => ofx('date_missing.ofx')).toThrow(/none of the 3 transaction\(s\) in the OFX file could be read/);
    expect(() => ofx('decimal_error.ofx')).toThrow(/invalid date "201120000000"/);
    const partial = ofx('empty_balance.ofx');
    expect(partial.transactions).toHaveLength(1);
    expect(partial.closingBalance).toBeNull();
    expect(partial.warnings).toEqual(['the ledger balance is empty; balances not checked']);
  });
});
