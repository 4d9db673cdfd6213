import { describe, expect, it } from 'vitest';
import { allCells, cellsOf, learnDecimalFromCells, mendNumberSpacing, readFigure } from '../../../../src/core/statements/system-parser/readings/cells.js';
import { synthetic } from '../documents.js';

describe('figures: an amount cell in any common notation', () => {
  it.each([
    ['1,234.56', '.', 123456, false],
    ['-12,50', ',', 1250, true],
    ['3 000.00', '.', 300000, false],
    ['(4.20)', '.', 420, true],
    ['1.234,56-', ',', 123456, true],
    ['1935.3', '.', 193530, false],
    ['500', '.', 50000, false],
    ["1'234.50", '.', 123450, false],
    ['$1,320.90', '.', 132090, false],
    ['1,20,000.00', '.', 12000000, false],
  ] as const)('%s', (text, decimal, minor, negative) => {
    const f = readFigure(text, decimal)!;
    expect([f.minor, f.negative]).toEqual([minor, negative]);
  });

  it('says what a marker says: CR and H are money in, DR and S money out', () => {
    expect(readFigure('61.23 CR', '.')).toMatchObject({ minor: 6123, positive: true, negative: false });
    expect(readFigure('43.68 DR', '.')).toMatchObject({ minor: 4368, negative: true });
    expect(readFigure('1.234,56 H', ',')).toMatchObject({ minor: 123456, positive: true });
  });

  it('reads the decimal mark OCR swapped (24,21 in a dot document), but not grouping (1,234)', () => {
    expect(readFigure('24,21', '.')!.minor).toBe(2421);
    expect(readFigure('1,234', '.')!.minor).toBe(123400);
  });

  it('is not a figure: a reference with letters, a rate with four decimals, a date', () => {
    expect(readFigure('INV-2291', '.')).toBeNull();
    expect(readFigure('1,0845', ',')).toBeNull();
    expect(readFigure('02/11/24', '.')).toBeNull();
  });

  it('joins a number OCR split before its decimals', () => {
    expect(mendNumberSpacing('702 .10')).toBe('702.10');
  });
});

describe('cells and the decimal mark', () => {
  it('cuts a line at column gaps, not at word spaces', () => {
    const [line] = synthetic([[[40, '03/02'], [60, 'CB'], [74, 'CARREFOUR'], [400, '12,50']]]).lines;
    expect(cellsOf(line!).map((c) => c.text)).toEqual(['03/02 CB CARREFOUR', '12,50']);
  });

  it('learns a comma decimal although every row starts with dd.mm dates', () => {
    const doc = synthetic([
      [[40, '03.02'], [80, '04.02'], [140, 'PRLV EDF'], [420, '352,02']],
      [[40, '05.02'], [80, '06.02'], [140, 'RETRAIT'], [420, '1 399,70']],
      [[40, '07.02'], [80, '08.02'], [140, 'VIR'], [420, '74,80']],
    ]);
    expect(learnDecimalFromCells(allCells(doc.lines), 'dmy')).toBe(',');
  });
});
