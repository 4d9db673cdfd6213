import { createWriteStream } from 'node:fs';
import PDFDocument from 'pdfkit';

/**
 * Writes a small checking-account PDF statement whose second row is misprinted: its amount
 * (40.00) does not match the move of the running balance (41.00), so the parser flags it for
 * review. Rows: COFFEE SHOP −4.50, GROCER −40.00 (review), BOOKSHOP −20.00.
 */
export function writeReviewStatement(path: string): Promise<void> {
  const doc = new PDFDocument({ size: 'LETTER', margin: 50, info: { CreationDate: new Date(Date.UTC(2024, 2, 31)) } });
  const out = createWriteStream(path);
  doc.pipe(out);
  doc.font('Helvetica-Bold').fontSize(14).text('TEST BANK', 50, 50);
  doc.font('Helvetica').fontSize(9);
  doc.text('Everyday Checking   Account number: ****1234', 50, 72);
  doc.text('Statement period: 03/01/2024 to 03/31/2024', 50, 84);
  doc.text('Beginning balance on 03/01/2024   $100.00', 50, 104);
  doc.text('Ending balance on 03/31/2024   $34.50', 50, 116);
  const cols = { date: 50, desc: 120, out: 360, in: 440, bal: 510 };
  let y = 146;
  doc.font('Helvetica-Bold');
  doc.text('Date', cols.date, y);
  doc.text('Description', cols.desc, y);
  doc.text('Withdrawals', cols.out, y, { width: 70, align: 'right' });
  doc.text('Deposits', cols.in, y, { width: 60, align: 'right' });
  doc.text('Balance', cols.bal, y, { width: 60, align: 'right' });
  doc.font('Helvetica');
  for (const [date, desc, amount, balance] of [
    ['03/01/2024', 'COFFEE SHOP', '4.50', '95.50'],
    ['03/02/2024', 'GROCER', '40.00', '54.50'],
    ['03/05/2024', 'BOOKSHOP', '20.00', '34.50'],
  ] as const) {
    y += 16;
    doc.text(date, cols.date, y);
    doc.text(desc, cols.desc, y);
    doc.text(amount, cols.out, y, { width: 70, align: 'right' });
    doc.text(balance, cols.bal, y, { width: 60, align: 'right' });
  }
  doc.end();
  return new Promise((resolve, reject) => {
    out.on('finish', () => resolve());
    out.on('error', reject);
  });
}

/** An older CSV statement of the same account that repeats the PDF's first row. */
export const OLDER_CSV = 'Date,Description,Amount\n2024-02-28,OLD THING,-1.00\n2024-03-01,COFFEE SHOP,-4.50\n';
