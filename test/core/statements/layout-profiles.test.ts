/**
 * Learning a layout from one correction: `fixLayout` saves a profile under the statement's layout
 * fingerprint, and the bank's next statement is read with it (real PDFs, real storage, both dialects).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { describeEachDialect } from '../../helpers/dialects.js';
import type { Finch } from '../../../src/core/index.js';
import { layoutFingerprint, parseColumnRole } from '../../../src/core/statements/index.js';
import { extractPdf } from '../../../src/core/statements/pdf/extract.js';

/** A store card statement that never says "card": charges unmarked, balances owed printed positive. */
async function storeStatement(month: number, charges: number[], previous: number, minimum?: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 30, info: { CreationDate: new Date(Date.UTC(2025, 0, 1)) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res) => doc.on('end', () => res(Buffer.concat(chunks))));
  const mm = String(month).padStart(2, '0');
  doc.font('Helvetica').fontSize(12).text('KESTREL HOME STORES', 40, 30, { lineBreak: false });
  doc.fontSize(9).text('Store account statement', 40, 50, { lineBreak: false });
  doc.text(`Statement period 01/${mm}/2024 to 28/${mm}/2024`, 40, 62, { lineBreak: false });
  const right = (s: string, x: number, y: number) => doc.text(s, x - doc.widthOfString(s), y, { lineBreak: false });
  doc.text('Previous balance', 40, 90, { lineBreak: false });
  right(previous.toFixed(2), 550, 90);
  charges.forEach((c, i) => {
    const y = 110 + i * 12;
    doc.text(`${String(3 + i * 3).padStart(2, '0')}/${mm}/2024`, 40, y, { lineBreak: false });
    doc.text(`SOFA WORLD ORDER ${100 + i}`, 110, y, { lineBreak: false });
    right(c.toFixed(2), 550, y);
  });
  if (minimum !== undefined) {
    // a notice printed like a row: the minimum payment, dated, in the amount column
    const y = 110 + charges.length * 12 + 20;
    doc.text(`28/${mm}/2024`, 40, y, { lineBreak: false });
    doc.text('MINIMUM PAYMENT DUE', 110, y, { lineBreak: false });
    right(minimum.toFixed(2), 550, y);
  }
  const total = previous + charges.reduce((a, b) => a + b, 0);
  doc.text('New balance', 40, 110 + charges.length * 12 + 8, { lineBreak: false });
  right(total.toFixed(2), 550, 110 + charges.length * 12 + 8);
  doc.end();
  return done;
}

describeEachDialect('layout profiles learned from one correction', (t) => {
  let finch: Finch;
  beforeEach(async () => {
    finch = await t.open();
    await finch.accounts.add({ name: 'Store', currency: 'GBP' });
  });
  afterEach(async () => {
    await finch.close();
    await t.cleanup();
  });

  it('reads the next statement of the same layout with the roles the user gave', async () => {
    const march = await storeStatement(3, [40, 25.5, 12], 100);
    const first = await finch.statements.import({ bytes: march, filename: 'march.pdf', account: 'Store' });
    // with nothing saying it is a card, the first reading takes the charges as money in
    const before = (await finch.statements.show(first.fileId)).statement!;
    expect(before.transactions.map((r) => r.amount)).toEqual(['40.00', '25.50', '12.00']);

    const fixed = await finch.statements.fixLayout(first.fileId, { columns: Object.fromEntries([parseColumnRole('1=charge')]) });
    expect(fixed.statement.transactions.map((r) => r.amount)).toEqual(['-40.00', '-25.50', '-12.00']);
    expect([fixed.statement.openingBalance, fixed.statement.closingBalance, fixed.statement.reconciled]).toEqual(['-100.00', '-177.50', true]);
    expect(fixed.statement.layoutProfile).toBe(fixed.fingerprint);

    const april = await storeStatement(4, [60, 9.99], 177.5);
    expect(layoutFingerprint(await extractPdf(new Uint8Array(april), { filename: 'april.pdf' }))).toBe(fixed.fingerprint);
    const second = await finch.statements.import({ bytes: april, filename: 'april.pdf', account: 'Store' });
    const read = (await finch.statements.show(second.fileId)).statement!;
    expect(read.transactions.map((r) => r.amount)).toEqual(['-60.00', '-9.99']);
    expect(read.layoutProfile).toBe(fixed.fingerprint);
  });

  it('keeps a line the user marked as not a row out of the bank\'s later statements', async () => {
    const march = await storeStatement(3, [40, 25.5], 100, 5);
    const first = await finch.statements.import({ bytes: march, filename: 'march.pdf', account: 'Store' });
    const fixed = await finch.statements.fixLayout(first.fileId, { columns: { '1': 'charge' }, notRows: ['28/03/2024   MINIMUM PAYMENT DUE   5.00'] });
    expect(fixed.profile.notRows).toEqual(['##/##/#### minimum payment due #.##']);
    expect(fixed.statement.transactions.map((r) => [r.description, r.amount])).toEqual([['SOFA WORLD ORDER 100', '-40.00'], ['SOFA WORLD ORDER 101', '-25.50']]);
    expect(fixed.statement.reconciled).toBe(true);
    const april = await storeStatement(4, [60], 165.5, 7.5);
    const second = await finch.statements.import({ bytes: april, filename: 'april.pdf', account: 'Store' });
    const read = (await finch.statements.show(second.fileId)).statement!;
    expect([read.transactions.map((r) => r.amount), read.reconciled]).toEqual([['-60.00'], true]);
  });

  it('refuses a role it does not know', () => {
    expect(() => parseColumnRole('2=total')).toThrow(/ROLE one of/);
  });
});
