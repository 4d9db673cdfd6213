/**
 * Readings proposed from positioned lines and kept by what reconciles: each failure class of issue 12
 * on a small synthetic statement (no column titles the parser knows, unless the case is about them).
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../../src/core/statements/system-parser/index.js';
import { synthetic } from '../documents.js';

/** A number right-aligned at x1 (synthetic words are 4.4 pt a character). */
const at = (x1: number, text: string): [number, string] => [x1 - text.length * 4.4, text];
const rows = (p: ReturnType<typeof parseDocument>) => p.transactions.map((t) => [t.date, t.amount, t.description]);

describe('propose readings, keep the one that reconciles', () => {
  it('reads the amount printed before the description, under titles with units', () => {
    const p = parseDocument(
      synthetic([
        [[40, 'Albion Bank'], [300, 'Statement period 1 June 2024 to 30 June 2024']],
        [[40, 'Date'], at(165, 'Amount (GBP)'), [185, 'Description'], at(550, 'Balance (GBP)')],
        [[40, '01 Jun'], [185, 'Balance brought forward'], at(550, '100.00')],
        [[40, '03 Jun'], at(165, '-12.50'), [185, 'TESCO STORES'], at(550, '87.50')],
        [[40, '04 Jun'], at(165, '200.00'), [185, 'SALARY NORTHWIND'], at(550, '287.50')],
        [[40, '05 Jun'], at(165, '-7.50'), [185, 'TFL TRAVEL'], at(550, '280.00')],
        [[185, 'Balance carried forward'], at(550, '280.00')],
      ]),
    );
    expect(rows(p)).toEqual([
      ['2024-06-03', '-12.50', 'TESCO STORES'],
      ['2024-06-04', '200.00', 'SALARY NORTHWIND'],
      ['2024-06-05', '-7.50', 'TFL TRAVEL'],
    ]);
    expect([p.openingBalance, p.closingBalance, p.reconciled]).toEqual(['100.00', '280.00', true]);
  });

  it('leaves out printer codes in the margin and a row whose balance did not move', () => {
    const p = parseDocument(
      synthetic([
        [[40, 'Statement from 01/07/2024 to 31/07/2024']],
        [[60, '01/07/2024'], [120, 'BALANCE BROUGHT FORWARD'], at(555, '1 000.00')],
        [[60, '02/07/2024'], [120, 'POS PURCHASE CHECKERS'], at(400, '3 000.00'), at(555, '-2 000.00')],
        [[4, 'HT.20240701.063716.0012.0002.1314 X 0 2']],
        [[60, '03/07/2024'], [120, 'SALARY ACME'], at(470, '5 000.00'), at(555, '3 000.00')],
        [[60, '04/07/2024'], [120, 'UNPAID DEBIT ORDER'], at(470, '612.50'), at(555, '3 000.00')],
        [[60, '05/07/2024'], [120, 'AIRTIME'], at(400, '50.00'), at(555, '2 950.00')],
        [[120, 'Closing balance'], at(555, '2 950.00')],
      ]),
    );
    expect(rows(p).map((r) => r[1])).toEqual(['-3000.00', '5000.00', '-50.00']);
    expect(p.reconciled).toBe(true);
  });

  it('gives a row printed without a date the date before, and keeps an impossible date, flagged', () => {
    const p = parseDocument(
      synthetic([
        [[40, 'Statement Date 28 FEB 2023'], [300, 'period 01/02/2023 to 28/02/2023']],
        [[40, '01 Feb'], [95, 'OPENING BALANCE'], at(555, '50.00')],
        [[95, 'EFTPOS COUNTDOWN'], at(400, '10.00'), at(555, '40.00')],
        [[40, '27 Feb'], [95, 'DIRECT CREDIT WAGES'], at(470, '100.00'), at(555, '140.00')],
        [[40, '29 Feb'], [95, 'KOPITIAM'], at(400, '6.40'), at(555, '133.60')],
        [[95, 'CLOSING BALANCE'], at(555, '133.60')],
      ]),
    );
    expect(rows(p).map((r) => [r[0], r[1]])).toEqual([['2023-02-01', '-10.00'], ['2023-02-27', '100.00'], ['2023-02-28', '-6.40']]);
    const flagged = p.transactions[2]!;
    expect(flagged.reviewReasons?.[0]).toMatch(/29\/02 does not exist in 2023/);
    expect(flagged.confidence).toBeLessThan(0.9);
  });

  it('picks the balance figure that reconciles on a line that prints two (a franc equivalent first)', () => {
    const p = parseDocument(
      synthetic([
        [[40, 'RELEVE DE COMPTE du 01/02/2020 au 01/03/2020']],
        [[40, 'Date'], [80, 'Valeur'], [135, 'Opération'], at(470, 'Débit euros'), at(550, 'Crédit euros')],
        [[135, 'SOLDE CREDITEUR AU 01/02/2020'], at(550, '1 000,00')],
        [[40, '03.02'], [80, '04.02'], [135, 'PRLV SEPA EDF'], at(470, '100,00')],
        [[40, '05.02'], [80, '06.02'], [135, 'VIR SEPA SALAIRE'], at(550, '2 472,68')],
        [[135, 'NOUVEAU SOLDE CREDITEUR AU 01/03/20 (en francs : 22 123,33)'], at(550, '3 372,68')],
      ]),
    );
    expect([p.openingBalance, p.closingBalance, p.reconciled]).toEqual(['1000.00', '3372.68', true]);
    expect(rows(p).map((r) => r[1])).toEqual(['-100.00', '2472.68']);
  });

  it('reads a one-way amount by the word beside it (Af / Bij)', () => {
    const p = parseDocument(
      synthetic([
        [[40, 'Periode 01-10-2024 t/m 31-10-2024']],
        [[40, 'Beginsaldo'], at(420, '100,00'), [440, 'Bij']],
        [[40, '02-10-2024'], [110, 'Albert Heijn'], at(420, '30,00'), [440, 'Af']],
        [[40, '03-10-2024'], [110, 'Salaris'], at(420, '50,00'), [440, 'Bij']],
        [[40, '04-10-2024'], [110, 'NS Groep'], at(420, '150,00'), [440, 'Af']],
        [[40, 'Eindsaldo'], at(420, '30,00'), [440, 'Af']],
      ]),
    );
    expect(rows(p).map((r) => [r[1], r[2]])).toEqual([['-30.00', 'Albert Heijn'], ['50.00', 'Salaris'], ['-150.00', 'NS Groep']]);
    expect(p.closingBalance).toBe('-30.00');
  });

  it('flags a row that breaks the chain with the figure one digit away, and warns at statement level', () => {
    const p = parseDocument(
      synthetic([
        [[40, 'Statement period 01/03/2024 to 31/03/2024']],
        [[40, 'Date'], [110, 'Details'], at(460, 'Amount'), at(555, 'Balance')],
        [[40, '01/03/2024'], [110, 'Opening balance'], at(555, '100.00')],
        [[40, '02/03/2024'], [110, 'GROCER'], at(460, '-41.77'), at(555, '52.23')],
        [[40, '03/03/2024'], [110, 'CAFE'], at(460, '-2.23'), at(555, '50.00')],
        [[40, '04/03/2024'], [110, 'BOOKS'], at(460, '-10.00'), at(555, '40.00')],
        [[40, '31/03/2024'], [110, 'Closing balance'], at(555, '40.00')],
      ]),
    );
    const grocer = p.transactions.find((t) => t.description === 'GROCER')!;
    expect(grocer.reviewReasons?.join(" ")).toMatch(/says -47\.77, not -41\.77/);
    expect(grocer.confidence).toBeLessThan(0.5);
    expect(p.warnings.join(' ')).toMatch(/break the running balance/);
    expect(p.transactions.filter((t) => t.description !== 'GROCER').every((t) => t.confidence < 1)).toBe(true);
  });

  it('reads each account of a statement as its own section, with its number and balances', () => {
    const section = (name: string, number: string, open: string, close: string, rs: Array<[string, string, string, string]>): Array<Array<[number, string]>> => [
      [[40, name]],
      [[40, `BSB and account number ${number}`]],
      [[40, `Opening balance $${open}   Closing balance $${close}`]],
      [[40, 'Date'], [95, 'Transaction details'], at(400, 'Debit'), at(470, 'Credit'), at(555, 'Balance')],
      ...rs.map(([d, t, a, b]) => [[40, d], [95, t], a.startsWith('-') ? at(400, a.slice(1)) : at(470, a), at(555, b)] as Array<[number, string]>),
      [],
    ];
    const title: Array<Array<[number, string]>> = [[[40, 'Your statement 1 January 2024 - 31 January 2024']]];
    const doc = synthetic([
      ...title,
      ...section('Everyday Account', '062-000 1234 5678', '100.00', '70.00', [['03 Jan', 'EFTPOS WOOLWORTHS', '-40.00', '$60.00'], ['09 Jan', 'OSKO FROM T NGUYEN', '10.00', '$70.00']]),
      ...section('Goal Saver', '062-000 1234 9999', '500.00', '530.00', [['10 Jan', 'TRANSFER FROM EVERYDAY', '20.00', '$520.00'], ['31 Jan', 'BONUS INTEREST', '10.00', '$530.00']]),
    ].filter((r) => r.length));
    const p = parseDocument(doc);
    expect(p.transactions).toHaveLength(4);
    expect(p.sections?.map((s) => [s.accountNumber, s.openingBalance, s.closingBalance, s.reconciled])).toEqual([
      ['062-000 1234 5678', '100.00', '70.00', true],
      ['062-000 1234 9999', '500.00', '530.00', true],
    ]);
  });
});
