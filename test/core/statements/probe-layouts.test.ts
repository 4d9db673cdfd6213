/**
 * The system parser on the blind probe layouts (fixtures/statements/make-probe-fixtures.ts), written
 * without reading the parser: every row — date, signed amount, description — and the balance check
 * must match the truth JSON beside each PDF.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/core/statements/system-parser/index.js';
import { synthetic } from './documents.js';
import { expectMatchesTruth } from './truth.js';


/**
 * [name, what it probes, the currency the parser should find (null: the statement prints no currency,
 * or only "$", which does not say which dollar or peso), how a parsed description relates to the truth].
 */
const PROBES: Array<[name: string, what: string, currency: string | null, description: 'equal' | 'contains']> = [
  ['probe-us-sections-mar2024', 'US checking: one small unsigned table per section (deposits, checks paid, withdrawals), check number before the date, daily balances in two halves', 'USD', 'equal'],
  ['probe-sg-jul2024', 'Singapore: Withdrawal | Deposit | Balance, "01 JUL", Courier, B/F and C/F rows, two pages', 'SGD', 'equal'],
  ['probe-brokerage-cash-apr2024', 'brokerage cash ledger: trade/settle dates, activity, quantity and price beside the amount', 'USD', 'contains'],
  ['probe-br-extrato-jun2024', 'Brazil: dd/mm, "R$ 1.234,56 D/C", Saldo anterior / final, balance once per day', 'BRL', 'equal'],
  // the transaction-type code (DD, POS, BGC) is kept in front of the description
  ['probe-landscape-wide-may2024', 'landscape A4, ten columns, two pages', 'GBP', 'contains'],
  ['probe-mx-cargos-ene2024', 'Mexico: Cargos | Abonos | Saldo, "02/ENE" dates, "$" in the cells', null, 'equal'],
  ['probe-card-members-oct2024', 'card: a sub-table per card member, Fees Charged and Interest Charged sections, year-to-date totals', 'USD', 'equal'],
  ['probe-desc-last-aug2024', 'Date | Debit | Credit | Balance | Details: the description last', null, 'equal'],
  ['probe-trailing-minus-sep2024', 'trailing minus on amounts and balances ("45.00-"), overdrawn, two pages', 'USD', 'equal'],
  // written after reading the parser
  ['probe-hk-dec2024', 'Hong Kong: dd Mon yyyy across the year end, three-line descriptions, HK$ balances above the table', 'HKD', 'equal'],
  ['probe-uk-moneyinout-jun2024', 'UK: Money out | Money in, £ in the cells, rows 22 points apart, totals after the table', 'GBP', 'equal'],
  ['probe-in-parens-feb2024', 'India: (1,20,000.00) for money out, one Amount column, no balance column, balances in a sentence', 'INR', 'equal'],
  ['probe-nl-afbij-mar2024', 'Dutch: Af | Bij | Saldo, Beginsaldo / Eindsaldo beside the table', 'EUR', 'equal'],
  ['probe-uk-narrative-apr2024', 'UK: Type | Narrative | Paid out | Paid in, date once per day, rows starting "TOTAL…" and "IMPORTANT…"', 'GBP', 'contains'],
  ['probe-card-shortperiod-apr2024', 'card: MM/DD with the year only in "Statement Period: April 1-30, 2024", a reference column', 'USD', 'equal'],
];



describe('system parser on the blind probe layouts', () => {
  it.each(PROBES)('%s — %s', async (name, _what, currency, description) => {
    await expectMatchesTruth(name, { currency, description });
  });
});


describe('headings over a table', () => {
  it('give the direction of unsigned amounts: Deposits in, Withdrawals and Checks Paid out', () => {
    const parsed = parseDocument(
      synthetic([
        [[40, 'Statement period 03/01/2024 to 03/31/2024']],
        [[40, 'Beginning Balance'], [300, '$1,000.00']],
        [[40, 'Ending Balance'], [300, '$600.00']],
        [[40, 'DEPOSITS AND ADDITIONS']],
        [[40, 'DATE'], [90, 'DESCRIPTION'], [420, 'AMOUNT']],
        [[40, '03/05'], [90, 'PAYROLL ACME'], [420, '500.00']],
        [[40, 'WITHDRAWALS']],
        [[40, 'DATE'], [90, 'DESCRIPTION'], [420, 'AMOUNT']],
        [[40, '03/07'], [90, 'RENT MARCH'], [420, '650.00']],
        [[40, 'CHECKS PAID']],
        [[40, 'CHECK NO.'], [200, 'DATE PAID'], [420, 'AMOUNT']],
        [[40, '1043'], [200, '03/09'], [420, '250.00']],
      ]),
    );
    expect(parsed.transactions.map((t) => [t.date, t.amount, t.description])).toEqual([
      ['2024-03-05', '500.00', 'PAYROLL ACME'],
      ['2024-03-07', '-650.00', 'RENT MARCH'],
      ['2024-03-09', '-250.00', 'Check 1043'],
    ]);
    expect(parsed.reconciled).toBe(true);
  });

  it('that name the account ("Credit Card", "Cheque Account") say nothing about the direction', () => {
    const card = parseDocument(
      synthetic([
        [[40, 'Platinum credit card statement   Statement period 03/01/2024 to 03/31/2024']],
        [[40, 'Previous Balance'], [300, '$200.00']],
        [[40, 'New Balance'], [300, '$104.50']],
        [[40, 'Visa Credit Card Transactions']],
        [[40, 'Date'], [90, 'Description'], [420, 'Amount']],
        [[40, '03/02'], [90, 'COFFEE SHOP'], [420, '4.50']],
        [[40, '03/10'], [90, 'PAYMENT THANK YOU'], [420, '-100.00']],
      ]),
    );
    expect(card.transactions.map((t) => t.amount)).toEqual(['-4.50', '100.00']);
    expect(card.reconciled).toBe(true);
    const bank = parseDocument(
      synthetic([
        [[40, 'Statement period 03/01/2024 to 03/31/2024']],
        [[40, 'Opening Balance'], [300, '100.00']],
        [[40, 'Closing Balance'], [300, '145.50']],
        [[40, 'Everyday Cheque Account']],
        [[40, 'Date'], [90, 'Description'], [420, 'Amount']],
        [[40, '03/02'], [90, 'COFFEE SHOP'], [420, '-4.50']],
        [[40, '03/10'], [90, 'TRANSFER IN'], [420, '50.00']],
      ]),
    );
    expect(bank.transactions.map((t) => t.amount)).toEqual(['-4.50', '50.00']);
    expect(bank.reconciled).toBe(true);
  });
});

describe('rows and periods the first layouts did not show', () => {
  it('keeps an undated row whose merchant starts with "TOTAL", and takes the year from "April 1-30, 2024"', () => {
    const parsed = parseDocument(
      synthetic([
        [[40, 'Statement Period: April 1-30, 2024']],
        [[40, 'Opening balance'], [300, '100.00']],
        [[40, 'Closing balance'], [300, '50.00']],
        [[40, 'Date'], [90, 'Description'], [400, 'Paid out'], [460, 'Paid in'], [520, 'Balance']],
        [[40, '04/02'], [90, 'GREGGS LEEDS'], [400, '5.00'], [520, '95.00']],
        [[90, 'TOTALENERGIES LEEDS'], [400, '45.00'], [520, '50.00']],
        [[90, 'Total'], [400, '50.00']],
      ]),
    );
    expect(parsed.transactions.map((t) => [t.date, t.amount, t.description])).toEqual([
      ['2024-04-02', '-5.00', 'GREGGS LEEDS'],
      ['2024-04-02', '-45.00', 'TOTALENERGIES LEEDS'],
    ]);
    expect(parsed.reconciled).toBe(true);
  });
});
