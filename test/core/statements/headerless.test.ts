/**
 * The system parser on statements whose table header it cannot read (fixtures/statements/
 * make-headerless-fixtures.ts): the columns are inferred from the rows, and the amount and balance
 * columns told apart by balance before + amount = balance. Every row — date, signed amount,
 * description — the balances (printed under labels the parser does not know, so taken from the
 * first and last rows) and the balance check must match the truth JSON; the one warning asks for a
 * review, and every row carries a lower confidence.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/core/statements/system-parser/index.js';
import { readStatement } from '../../../src/core/statements/index.js';
import { synthetic } from './documents.js';
import { expectMatchesTruth, FIXTURE_PDFS } from './truth.js';

const INFERRED = 'no table header recognised: columns inferred from the data';

const FIXTURES: Array<[name: string, what: string, currency: string]> = [
  ['nohdr-cz-vypis-mar2024', 'Czech: Datum | Popis | Castka | Zustatek, dd.mm.yyyy, "-1 234,56", two-line descriptions', 'CZK'],
  ['nohdr-hu-kivonat-apr2024', 'Hungarian: yyyy.mm.dd., whole forints "-12 345"', 'HUF'],
  ['nohdr-plain-may2024', 'no header line at all, "1.234,56"', 'EUR'],
  ['nohdr-vn-ghino-jun2024', 'Ghi no | Ghi co | So du: unsigned debit and credit columns and a balance', 'USD'],
];

describe('system parser without a recognised table header', () => {
  it.each(FIXTURES)('%s — %s', async (name, _what, currency) => {
    await expectMatchesTruth(name, { currency, warnings: [INFERRED] });
    const { statement } = await readStatement(new Uint8Array(readFileSync(join(FIXTURE_PDFS, `${name}.pdf`))), 'pdf', { filename: `${name}.pdf`, parser: 'system' });
    expect(statement.transactions.length).toBeGreaterThan(10);
    expect(statement.transactions.every((t) => t.confidence === 0.8)).toBe(true);
  });

  it('reads no rows from a letter with dates and numbers in it', () => {
    const letter = synthetic([
      [[40, 'Nordic Utilities AB'], [400, 'Kundtjanst +46 8 123 456']],
      [[40, '12.03.2024'], [120, 'Dear customer, your meter reading is due'], [430, '1 234']],
      [[40, '15.03.2024'], [120, 'Please call us on'], [430, '020 123 456']],
      [[40, '01.04.2024'], [120, 'Our new prices apply from this date'], [430, '12,50']],
      [[40, 'Kind regards, Customer Service'], [430, '2024']],
    ]);
    const parsed = parseDocument(letter);
    expect(parsed.transactions).toEqual([]);
    expect(parsed.warnings).not.toContain(INFERRED);
  });

  it('reads no rows from an invoice whose dated lines carry numbers that are not a running balance', () => {
    const invoice = synthetic([
      [[40, 'Faktura c. 2024-031'], [400, 'Splatnost 31.03.2024']],
      [[40, '01.03.2024'], [110, 'Servis kotle'], [380, '2'], [450, '1 250,00'], [520, '2 500,00']],
      [[40, '04.03.2024'], [110, 'Filtr vody'], [380, '1'], [455, '480,00'], [525, '480,00']],
      [[40, '09.03.2024'], [110, 'Doprava'], [380, '3'], [455, '150,00'], [525, '450,00']],
      [[40, '12.03.2024'], [110, 'Material drobny'], [380, '5'], [460, '90,00'], [525, '450,00']],
    ]);
    expect(parseDocument(invoice).transactions).toEqual([]);
  });

  it('leaves a statement with a recognised header alone', () => {
    const parsed = parseDocument(
      synthetic([
        [[40, 'Date'], [100, 'Description'], [400, 'Amount'], [470, 'Balance']],
        [[40, '03/02/2024'], [100, 'COFFEE'], [420, '-4.50'], [490, '95.50']],
        [[40, '04/02/2024'], [100, 'REFUND'], [420, '10.00'], [485, '105.50']],
      ]),
    );
    // the first row has nothing before it to check against; the second chains from it
    expect(parsed.transactions.map((t) => [t.amount, t.confidence])).toEqual([['-4.50', 0.7], ['10.00', 0.97]]);
    expect(parsed.warnings).not.toContain(INFERRED);
  });
});
