/**
 * Statement pipeline (issue #5): a 10-page text PDF parsed (target < 1 s), OCR per page (< 3 s),
 * a 5,000-row CSV imported (< 1 s), and dedup of a 500-row statement against 1,000,000 existing
 * transactions (< 200 ms). Run: npx tsx bench/statements.ts
 */
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { openFinch } from '../src/core/index.js';
import { extractPdf } from '../src/core/statements/pdf/extract.js';
import { parseDocument } from '../src/core/statements/system-parser/index.js';
import { machine, medianMs, rng } from './lib.js';

const dir = mkdtempSync(join(tmpdir(), 'finch-bench-st-'));
const r = rng(3);
const WORDS = ['TESCO STORES', 'UBER *TRIP', 'SHELL OIL', 'AMAZON MKTPLACE', 'NETFLIX.COM', 'PRET A MANGER', 'LIDL', 'BOOTS', 'AIRBNB', 'CITY WATER'];

async function tenPagePdf(path: string): Promise<number> {
  const doc = new PDFDocument({ size: 'A4', margin: 40 });
  const out = createWriteStream(path);
  doc.pipe(out);
  let balance = 1_000_000;
  let rows = 0;
  doc.font('Helvetica').fontSize(9).text('BENCH BANK   Statement Period: 01/01/2024 to 31/03/2024   Currency: GBP', 40, 40);
  doc.text(`Opening Balance: ${(balance / 100).toFixed(2)}`, 40, 54);
  for (let page = 0; page < 10; page++) {
    if (page > 0) doc.addPage();
    const header = (y: number) => {
      doc.text('Date', 40, y);
      doc.text('Description', 110, y);
      doc.text('Paid out', 330, y, { width: 70, align: 'right' });
      doc.text('Paid in', 410, y, { width: 70, align: 'right' });
      doc.text('Balance', 490, y, { width: 70, align: 'right' });
    };
    header(80);
    for (let i = 0; i < 48; i++, rows++) {
      const y = 96 + i * 14;
      const day = 1 + Math.floor((rows / 480) * 89);
      const d = new Date(Date.UTC(2024, 0, day));
      const amount = 100 + Math.floor(r() * 20000);
      const credit = r() < 0.1;
      balance += credit ? amount : -amount;
      doc.text(`${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/2024`, 40, y);
      doc.text(WORDS[rows % WORDS.length]!, 110, y);
      doc.text((amount / 100).toFixed(2), credit ? 410 : 330, y, { width: 70, align: 'right' });
      doc.text((balance / 100).toFixed(2), 490, y, { width: 70, align: 'right' });
    }
    doc.text(`Page ${page + 1} of 10`, 40, 800);
  }
  doc.text(`Closing Balance: ${(balance / 100).toFixed(2)}`, 40, 780);
  doc.end();
  await new Promise<void>((resolve) => out.on('finish', () => resolve()));
  return rows;
}

const results: Record<string, unknown> = { machine: machine(), date: new Date().toISOString().slice(0, 10) };
const pdfPath = join(dir, 'ten-pages.pdf');
const rows = await tenPagePdf(pdfPath);
const pdfBytes = new Uint8Array(readFileSync(pdfPath));
await extractPdf(pdfBytes, { filename: 'warm.pdf' }); // load pdf.js once, as a running process would have
let parsedRows = 0;
let reconciled: boolean | null = null;
results.pdf10PagesMs = await medianMs(5, async () => {
  const p = parseDocument(await extractPdf(pdfBytes, { filename: 'ten-pages.pdf' }));
  parsedRows = p.transactions.length;
  reconciled = p.reconciled;
});
results.pdf10PagesRows = `${parsedRows}/${rows}, reconciled ${reconciled}`;

const scanned = join(import.meta.dirname, '..', '..', 'shared', 'eval', 'statements', 'uk_current_may2024_scanned.pdf');
if (existsSync(scanned)) {
  const bytes = new Uint8Array(readFileSync(scanned));
  results.ocrFirstPageMs = await medianMs(1, () => extractPdf(bytes, { filename: 'scan.pdf' })); // includes starting tesseract
  results.ocrPageMs = await medianMs(3, () => extractPdf(bytes, { filename: 'scan.pdf' }));
}

const finch = await openFinch({ db: join(dir, 'bench.db'), home: dir, env: {} });
await finch.accounts.add({ name: 'Checking', currency: 'USD' });
await finch.accounts.add({ name: 'Big', currency: 'USD' });
const csv = ['Date,Description,Amount', ...Array.from({ length: 5000 }, (_, i) => `${String(1 + (i % 12)).padStart(2, '0')}/${String(1 + (i % 28)).padStart(2, '0')}/2023,${WORDS[i % 10]} ${i},-${(1 + r() * 300).toFixed(2)}`)].join('\n');
let t0 = performance.now();
const imported = await finch.statements.import({ bytes: Buffer.from(csv), filename: 'big.csv', account: 'Checking' });
results.csv5000ImportMs = Math.round(performance.now() - t0); // first import: loads the pipeline's modules too
results.csv5000Created = imported.created;
await finch.accounts.add({ name: 'Savings', currency: 'USD' });
const csv2 = csv.replace(/,([A-Z][^,]*) (\d+),/g, ',$1 B$2,');
t0 = performance.now();
await finch.statements.import({ bytes: Buffer.from(csv2), filename: 'big2.csv', account: 'Savings' });
results.csv5000ImportWarmMs = Math.round(performance.now() - t0); // a running process (the daemon, the TUI)

for (let batch = 0; batch < 10; batch++) {
  await finch.transactions.addMany(
    Array.from({ length: 100_000 }, (_, i) => {
      const day = Math.floor(r() * 3650);
      return { date: new Date(Date.UTC(2015, 0, 1) + day * 86_400_000).toISOString().slice(0, 10), amount: (1 + r() * 500).toFixed(2), description: `${WORDS[i % 10]} ${i}`, account: 'Big' };
    }),
  );
}
const statement = ['Date,Description,Amount', ...Array.from({ length: 500 }, (_, i) => `2020-06-${String(1 + (i % 28)).padStart(2, '0')},${WORDS[i % 10]} ${i},-${(1 + r() * 300).toFixed(2)}`)].join('\n');
t0 = performance.now();
const dedupRun = await finch.statements.import({ bytes: Buffer.from(statement), filename: 'june.csv', account: 'Big' });
results.import500Against1MMs = Math.round(performance.now() - t0);
results.dedupStage500Against1MMs = dedupRun.stages.find((s) => s.stage === 'dedup')!.ms;
results.dedupCompared = dedupRun.stages.find((s) => s.stage === 'dedup')!.details.comparedWith;
await finch.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify(results));
