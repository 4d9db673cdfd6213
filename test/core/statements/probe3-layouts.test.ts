/**
 * The system parser on the third blind probe (fixtures/statements/make-probe3-fixtures.ts), written
 * without reading the parser: every row — date, signed amount, description — and the balance check
 * must match the truth JSON beside each PDF.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/core/statements/system-parser/index.js';
import { synthetic } from './documents.js';
import { expectMatchesTruth } from './truth.js';


/** [name, what it probes, the currency the parser should find]. */
const PROBES: Array<[name: string, what: string, currency: string]> = [
  ['probe3-pl-wyciag-mar2024', 'Poland: Data operacji | Opis | Kwota | Saldo po operacji, "-1 234,56 PLN", two pages', 'PLN'],
  ['probe3-tr-hesap-apr2024', 'Turkey: Islem Tarihi | Açiklama | Tutar | Bakiye, a time after the date, "1.234,56 TL", overdrawn', 'TRY'],
  ['probe3-kr-won-may2024', 'Korea: yyyy.mm.dd, won without decimals, a Branch column, "Current Balance"', 'KRW'],
  ['probe3-us-cu-posted-jun2024', 'US credit union: Posted Date | Effective Date, MM-DD-YYYY, balance rows in the table, three pages', 'USD'],
  ['probe3-uk-bs-paidin-jul2024', 'UK building society: £ only in the header, opening only as "Balance brought forward", c/f and b/f at the page break', 'GBP'],
  ['probe3-card-categories-aug2024', 'card: rows grouped by category with "Total …" subtotals', 'USD'],
  ['probe3-eur-suffix-sep2024', '"+45.00 EUR" amounts and balances, dd-Mon-yyyy', 'EUR'],
  ['probe3-amount-first-oct2024', 'the amount on the first line, the description two more lines below, two pages', 'NZD'],
  ['probe3-pending-nov2024', 'posted rows, then a "Pending transactions" table that is not part of the statement', 'USD'],
  ['probe3-cn-compact-dec2024', 'China: 20241203 dates, "+1,234.56", Currency / Counterparty / Channel columns, landscape', 'CNY'],
  // written after reading the parser
  ['probe3-tr-borcalacak-may2024', 'Turkey: Tarih | Açiklama | Borç | Alacak | Bakiye, Önceki Bakiye / Kapanis Bakiyesi, Courier', 'TRY'],
  ['probe3-pending-first-dec2024', 'a "Pending transactions" table before the posted one, Debit | Credit | Balance', 'AUD'],
];


describe('system parser on the third blind probe', () => {
  it.each(PROBES)('%s — %s', async (name, _what, currency) => {
    await expectMatchesTruth(name, { currency });
  });
});

describe('rules the third probe needed', () => {
  it('stops at a "Pending transactions" heading even when no header follows it', () => {
    const parsed = parseDocument(
      synthetic([
        [[40, 'Statement period 03/01/2024 to 03/31/2024']],
        [[40, 'Opening balance'], [300, '100.00']],
        [[40, 'Closing balance'], [300, '90.00']],
        [[40, 'Date'], [90, 'Description'], [420, 'Amount'], [500, 'Balance']],
        [[40, '03/05/2024'], [90, 'COFFEE'], [420, '-10.00'], [500, '90.00']],
        [[40, 'Pending transactions']],
        [[40, '03/31/2024'], [90, 'BOOKSHOP'], [420, '-25.00']],
      ]),
    );
    expect(parsed.transactions.map((t) => [t.date, t.amount, t.description])).toEqual([['2024-03-05', '-10.00', 'COFFEE']]);
    expect(parsed.reconciled).toBe(true);
  });

  it('reads 8-digit dates and leaves a time of day out of the description', () => {
    const parsed = parseDocument(
      synthetic([
        [[40, 'Opening balance'], [300, '100.00']],
        [[40, 'Closing balance'], [300, '80.00']],
        [[40, 'Date'], [110, 'Description'], [420, 'Amount'], [500, 'Balance']],
        [[40, '20240305'], [110, 'COFFEE'], [420, '-10.00'], [500, '90.00']],
        [[40, '06.03.2024 14:32'], [110, 'BAKERY'], [420, '-10.00'], [500, '80.00']],
      ]),
    );
    expect(parsed.transactions.map((t) => [t.date, t.amount, t.description])).toEqual([
      ['2024-03-05', '-10.00', 'COFFEE'],
      ['2024-03-06', '-10.00', 'BAKERY'],
    ]);
    expect(parsed.reconciled).toBe(true);
  });
});
