/**
 * Precision, recall, F1, sign errors and the balance check for every statement with a truth JSON
 * beside it, in ../shared/eval/statements, ../shared/eval/external and fixtures/statements.
 * Run: npm run eval:statements [-- dir ...]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { extractPdf } from '../src/core/statements/pdf/extract.js';
import { parseDocument } from '../src/core/statements/system-parser/index.js';
import { scoreStatement, type Truth } from '../src/core/statements/evaluate.js';

const root = resolve(import.meta.dirname, '..');
const dirs = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [resolve(root, '../shared/eval/statements'), resolve(root, '../shared/eval/external'), resolve(root, 'fixtures/statements/pdf')];

const totals = { text: { matched: 0, truth: 0, parsed: 0, sign: 0 }, scanned: { matched: 0, truth: 0, parsed: 0, sign: 0 } };
for (const dir of dirs.filter((d) => existsSync(d))) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort()) {
    const truthPath = join(dir, file.replace(/\.pdf$/, '.json'));
    if (!existsSync(truthPath)) continue;
    const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Truth;
    const t0 = performance.now();
    const doc = await extractPdf(new Uint8Array(readFileSync(join(dir, file))), { filename: file, password: truth.password ?? undefined });
    const parsed = parseDocument(doc);
    const ms = Math.round(performance.now() - t0);
    const s = scoreStatement(parsed, truth);
    const kind = doc.ocr ? 'scanned' : 'text';
    totals[kind].matched += s.matched;
    totals[kind].truth += s.truthRows;
    totals[kind].parsed += s.parsedRows;
    totals[kind].sign += s.signErrors;
    console.log(
      `${basename(file).padEnd(36)} ${kind.padEnd(7)} P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}  sign errors ${s.signErrors}  balances ${s.balancesRight ? 'right' : 'WRONG'} (reconciled ${s.reconciled})  ${ms} ms`,
    );
  }
}
for (const [kind, t] of Object.entries(totals)) {
  if (!t.truth) continue;
  const p = t.matched / t.parsed;
  const r = t.matched / t.truth;
  console.log(`${kind.padEnd(8)} overall: P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${((2 * p * r) / (p + r)).toFixed(3)}  sign errors ${t.sign}`);
}
