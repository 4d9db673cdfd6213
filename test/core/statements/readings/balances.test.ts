import { describe, expect, it } from 'vitest';
import { balanceLines, isBalanceText } from '../../../../src/core/statements/system-parser/readings/balances.js';
import { allCells } from '../../../../src/core/statements/system-parser/readings/cells.js';
import { synthetic } from '../documents.js';

describe('balance lines in the major European languages', () => {
  it.each([
    ['SOLDE CREDITEUR AU 01/02/2020', 'either'],
    ['NOUVEAU SOLDE CREDITEUR AU 01/03/20', 'closing'],
    ['alter Kontostand vom 29.02.2024', 'opening'],
    ['Kontostand am 31.05.2024 um 20:14 Uhr', 'either'],
    ['Saldo anterior', 'opening'],
    ['Saldo finale al 30/04/2024', 'closing'],
    ['Beginsaldo', 'opening'],
    ['Eindsaldo', 'closing'],
    ['Balance brought forward', 'opening'],
    ['BALANCE FORWARD', 'opening'],
  ])('%s', (label, kind) => {
    const [found] = balanceLines(allCells(synthetic([[[40, label], [480, '1.234,56']]]).lines), ',');
    expect(found?.kind).toBe(kind);
  });

  it('is not a balance: an average, an interest rate, a limit', () => {
    expect(isBalanceText('Average credit balance £2,856.69')).toBe(false);
    expect(isBalanceText('Interest rate 0.10% AER on balances up to £5,000.00')).toBe(false);
    expect(isBalanceText('Credit limit')).toBe(false);
  });

  it('keeps every figure on the line (the reading that reconciles chooses) and where each sits', () => {
    const [b] = balanceLines(allCells(synthetic([[[40, 'NOUVEAU SOLDE CREDITEUR AU 01/03/20 (en francs : 22 123,33)'], [500, '3 372,68']]]).lines), ',');
    expect(b!.figures).toEqual([2212333, 337268]);
  });

  it('reads a summary box: the value printed under its label', () => {
    const doc = synthetic([
      [[40, 'BALANCE FORWARD'], [150, 'DEPOSITS'], [260, 'ENDING BALANCE']],
      [[40, '3,188.22'], [150, '4,120.00'], [260, '2,901.10']],
    ]);
    const found = balanceLines(allCells(doc.lines), '.');
    expect(found.map((b) => [b.kind, b.figures])).toEqual([['opening', [318822]], ['closing', [290110]]]);
  });
});
