/**
 * The system parser on statement layouts it was not written against (fixtures/statements/pdf, made by
 * fixtures/statements/make-layout-fixtures.ts): every row — date, signed amount, description — and
 * the balance check must match the truth JSON beside each PDF.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStatement } from '../../../src/core/statements/index.js';
import { learnDateOrder, learnDecimalMark, parseDocument, readAmount, readDate } from '../../../src/core/statements/system-parser/index.js';
import { synthetic } from './documents.js';
import { expectMatchesTruth } from './truth.js';

const DIR = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'statements', 'pdf');

const LAYOUTS: Array<[name: string, what: string]> = [
  ['in-savings-apr2024', 'Indian grouping, withdrawal/deposit columns, wrapped narrations, two pages, label-over-value summary'],
  ['us-card-jan2025', 'card: MM/DD across the year end, charges positive, payments negative, section subtotals'],
  ['fr-compte-mar2024', 'French: Débit/Crédit, 1 234,56, Ancien/Nouveau solde, two-line libellés'],
  ['uk-current-jun2024', 'UK: date once per day, parentheses for money out, "Balance on <date>"'],
  ['au-everyday-q1-2025', 'three pages: repeated headers, page footers, carried/brought forward, summary tables after the rows'],
  ['ch-privatkonto-mar2024', "Swiss: 1'234.50, descriptions over three lines, Übertrag at the page break"],
  ['za-cheque-feb2024', 'Dr/Cr suffixes on amounts and balances, overdrawn at the end'],
  ['se-export-may2024', 'ISO dates, Credit before Debit, balances labelled with a date'],
  ['es-cuenta-may2024', 'Spanish: F. Operación / Importe / Saldo, 1.234,56, newest first'],
  ['de-giro-mar2024', 'German: Betrag Soll/Haben columns, dd.mm. without a year, S/H balances'],
  ['uk-barclays-style-may2024', 'amounts on the last line of each entry, date once per day, balance once per day'],
  ['it-conto-apr2024', 'Italian: column titles over two lines, Dare/Avere, amounts with a trailing €'],
  ['ca-visa-feb2024', 'Canadian card: MON DD, $ in the cells, balances as table rows, titles run together, two pages'],
  ['jp-futsu-jun2024', 'yen without a minor unit, yyyy/mm/dd, numeric references beside the amounts'],
  ['in-current-drcr-may2024', 'one unsigned Amount column with a Dr/Cr column beside it, Cr/Dr balances'],
];


describe('system parser on unseen layouts', () => {
  it.each(LAYOUTS)('%s — %s', async (name) => {
    await expectMatchesTruth(name);
  });
});

describe('the balance check flags a statement that does not add up', () => {
  it('misses a row: opening + rows ≠ closing, reconciled false, and the running balance points at the gap', async () => {
    const bytes = new Uint8Array(readFileSync(join(DIR, 'au-everyday-q1-2025.pdf')));
    const { document } = await readStatement(bytes, 'pdf', { filename: 'au.pdf', parser: 'system' });
    const dropped = document.lines.findIndex((l) => /^\d{2} Feb\s/.test(l.text));
    const lines = document.lines.filter((_, i) => i !== dropped);
    const parsed = parseDocument({ ...document, lines });
    expect(parsed.reconciled).toBe(false);
    expect(parsed.warnings.join('\n')).toMatch(/but the statement says closing 9899\.74/);
    const flagged = parsed.transactions.filter((t) => t.reviewReasons?.includes('the running balance does not follow from this row'));
    expect(flagged).toHaveLength(1);
    // the first row after the missing one is the one whose balance does not follow
    expect(flagged[0]!.source.lineIndexes[0]).toBe(lines.findIndex((l, i) => i >= dropped && /^\d{2} (Jan|Feb|Mar)\s/.test(l.text)));
  });
});

describe('tokens seen on these layouts', () => {
  it('reads dates without a year, compact month names and year-first slashes', () => {
    expect(readDate('02.03.', 'dmy')).toEqual({ year: undefined, month: 3, day: 2 });
    expect(readDate('05JAN24', 'dmy')).toEqual({ year: 2024, month: 1, day: 5 });
    expect(readDate('05-Feb-24', 'dmy')).toEqual({ year: 2024, month: 2, day: 5 });
    expect(readDate('2024/06/03', 'mdy')).toEqual({ year: 2024, month: 6, day: 3 });
    expect(['15 GEN 24', '03-ENE-2024', '1 juin 2024', '2 juillet 2024', '5 févr. 2024', '9 maart 2024'].map((t) => readDate(t, 'dmy')?.month)).toEqual([1, 1, 6, 7, 2, 3]);
    expect(readDate('12 Market', 'dmy')).toBeNull();
  });
  it('reads trailing currency signs and Soll/Haben markers', () => {
    expect(readAmount('1 234,56 €', ',')).toEqual({ value: '1234.56', negative: false, marker: null });
    expect(readAmount('2.874,31 H', ',')).toMatchObject({ value: '2874.31', marker: 'cr' });
    expect(readAmount('1.039,89 S', ',')).toMatchObject({ value: '1039.89', marker: 'dr' });
  });
  it('learns the date order from dates, not from amounts such as 24.99 or 95.07', () => {
    expect(learnDateOrder('12/15/2024  01/14/2025  24.99  95.07  13.45', 'dmy')).toBe('mdy');
    expect(learnDateOrder('15.03.2024  16.03.2024', 'mdy')).toBe('dmy');
    expect(learnDecimalMark('02.03.  03.03.  149,83  1.207,41')).toBe(',');
  });
});



describe('text items pdf.js joins', () => {
  it('splits a date from the description printed right after it, and titles run together', () => {
    const parsed = parseDocument(
      synthetic([
        [[40, 'Statement period 03/01/2024 to 03/31/2024   Currency: USD']],
        [[40, 'Opening balance 100.00']],
        [[40, 'Date Description'], [400, 'Amount'], [480, 'Balance']],
        [[40, '03/02 COFFEE SHOP'], [420, '-4.50'], [490, '95.50']],
        [[40, '03/15 03/16 PAYROLL ACME'], [420, '250.00'], [490, '345.50']],
        [[100, 'REF 12 MARKET ST']],
        [[40, 'Closing balance 345.50']],
      ]),
    );
    expect(parsed.transactions.map((t) => [t.date, t.amount, t.description])).toEqual([
      ['2024-03-02', '-4.50', 'COFFEE SHOP'],
      ['2024-03-15', '250.00', 'PAYROLL ACME REF 12 MARKET ST'],
    ]);
    expect(parsed.reconciled).toBe(true);
  });
});

describe('column titles', () => {
  const header = (...items: Array<[number, string]>) =>
    parseDocument(synthetic([items, [[40, '03/02/2024'], [100, 'COFFEE'], [420, '4.50'], [490, '95.50']]])).transactions.map((t) => [t.amount, t.description]);
  it('keeps qualified titles whole and splits titles that ran together', () => {
    expect(header([40, 'Transaction Date'], [100, 'Transaction Details'], [400, 'Withdrawal Amt.'], [480, 'Balance'])).toEqual([['-4.50', 'COFFEE']]);
    expect(header([40, 'Date'], [100, 'Description'], [400, 'Transaction Amount'], [480, 'Balance'])).toEqual([['4.50', 'COFFEE']]);
    expect(header([40, 'Date Description'], [416, 'Debit Credit'], [480, 'Balance'])).toEqual([['-4.50', 'COFFEE']]);
    // a card with a column for purchases and one for payments and credits
    const card = parseDocument(synthetic([[[40, 'Date'], [100, 'Description'], [400, 'Purchases'], [460, 'Payments & Credits']], [[40, '03/02/2024'], [100, 'COFFEE'], [420, '4.50']], [[40, '03/05/2024'], [100, 'PAYMENT THANK YOU'], [480, '50.00']]]));
    expect(card.transactions.map((t) => [t.amount, t.description])).toEqual([['-4.50', 'COFFEE'], ['50.00', 'PAYMENT THANK YOU']]);
  });
});

describe('widely spaced rows', () => {
  it('still reads rows printed without a date under the first row of the day', () => {
    const parsed = parseDocument(
      synthetic(
        [
          [[40, 'Your statement 1 June to 30 June 2024'], [330, 'Balance on 1 June 2024'], [470, '£100.00']],
          [[330, 'Balance on 30 June 2024'], [470, '£60.00']],
          [[40, 'Date'], [100, 'Description'], [400, 'Amount'], [480, 'Balance']],
          [[40, '03 Jun 24'], [100, 'TESCO STORES'], [410, '(30.00)'], [490, '70.00']],
          [[100, 'TFL TRAVEL'], [410, '(10.00)'], [490, '60.00']],
        ],
        26,
      ),
    );
    expect(parsed.transactions.map((t) => [t.date, t.amount, t.description])).toEqual([
      ['2024-06-03', '-30.00', 'TESCO STORES'],
      ['2024-06-03', '-10.00', 'TFL TRAVEL'],
    ]);
    expect(parsed.reconciled).toBe(true);
  });
});
