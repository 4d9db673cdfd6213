import { writeCheckingStatement } from '../../fixtures/quickstart/make-sample-statement.js';

/**
 * Writes a small checking-account PDF statement whose second row is misprinted: its amount
 * (40.00) does not match the move of the running balance (41.00), so the parser flags it for
 * review. Rows: COFFEE SHOP −4.50, GROCER −40.00 (review), BOOKSHOP −20.00.
 */
export function writeReviewStatement(path: string): Promise<void> {
  return writeCheckingStatement(path, {
    bank: 'TEST BANK',
    accountNumber: '****1234',
    period: ['03/01/2024', '03/31/2024'],
    opening: '100.00',
    closing: '34.50',
    rows: [
      ['03/01/2024', 'COFFEE SHOP', '4.50', '', '95.50'],
      ['03/02/2024', 'GROCER', '40.00', '', '54.50'],
      ['03/05/2024', 'BOOKSHOP', '20.00', '', '34.50'],
    ],
    creationDate: new Date(Date.UTC(2024, 2, 31)),
  });
}

/** An older CSV statement of the same account that repeats the PDF's first row. */
export const OLDER_CSV = 'Date,Description,Amount\n2024-02-28,OLD THING,-1.00\n2024-03-01,COFFEE SHOP,-4.50\n';
