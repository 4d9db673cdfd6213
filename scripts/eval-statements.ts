/**
 * Precision, recall, F1, sign errors and the balance check for every statement with a truth JSON
 * beside it, in ../shared/eval/statements, ../shared/eval/external and fixtures/statements (or in the
 * folders and files given). A statement is "fully right" when every truth row is matched, nothing
 * extra is parsed and the balances are right; it is "wrong without warning" when it is not fully
 * right and the parse carries no statement-level warning.
 * Run: npm run eval:statements [-- dir-or-pdf ...]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { extractPdf } from '../src/core/statements/pdf/extract.js';
import { parseDocument } from '../src/core/statements/system-parser/index.js';
import { scoreStatement, type Truth } from '../src/core/statements/evaluate.js';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const targets = args.length
  ? args
  : [resolve(root, '../shared/eval/statements'), resolve(root, '../shared/eval/external'), resolve(root, 'fixtures/statements/pdf')];

function pdfsOf(target: string): string[] {
  if (!existsSync(target)) return [];
  if (statSync(target).isFile()) return target.endsWith('.pdf') ? [target] : [];
  return readdirSync(target).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(target, f));
}

const totals = { text: { matched: 0, truth: 0, parsed: 0, sign: 0 }, scanned: { matched: 0, truth: 0, parsed: 0, sign: 0 } };
let files = 0;
let fullyRight = 0;
let silentWrong = 0;
let ocrMs = 0;
let ocrPages = 0;
for (const path of targets.flatMap(pdfsOf)) {
  const truthPath = join(dirname(path), basename(path).replace(/\.pdf$/, '.json'));
  if (!existsSync(truthPath)) continue;
  const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Truth;
  const t0 = performance.now();
  const doc = await extractPdf(new Uint8Array(readFileSync(path)), { filename: basename(path), password: truth.password ?? undefined });
  const parsed = parseDocument(doc);
  const ms = Math.round(performance.now() - t0);
  const s = scoreStatement(parsed, truth);
  const kind = doc.ocr ? 'scanned' : 'text';
  if (doc.ocr) {
    ocrMs += ms;
    ocrPages += doc.ocrPages.length;
  }
  totals[kind].matched += s.matched;
  totals[kind].truth += s.truthRows;
  totals[kind].parsed += s.parsedRows;
  totals[kind].sign += s.signErrors;
  const right = s.matched === s.truthRows && s.parsedRows === s.truthRows && s.balancesRight;
  const warned = parsed.warnings.length > 0;
  files++;
  if (right) fullyRight++;
  else if (!warned) silentWrong++;
  console.log(
    `${basename(path).padEnd(36)} ${kind.padEnd(7)} P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  rows ${s.matched}/${s.truthRows} (+${s.parsedRows - s.matched})  sign errors ${s.signErrors}  balances ${s.balancesRight ? 'right' : 'WRONG'} (reconciled ${s.reconciled})  ${right ? 'RIGHT' : warned ? 'wrong, warned' : 'WRONG, SILENT'}  ${ms} ms`,
  );
  if (!right && warned && process.env.EVAL_VERBOSE) console.log(`    warnings: ${parsed.warnings.join(' | ')}`);
}
for (const [kind, t] of Object.entries(totals)) {
  if (!t.truth) continue;
  const p = t.parsed ? t.matched / t.parsed : 0;
  const r = t.matched / t.truth;
  console.log(`${kind.padEnd(8)} overall: P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${(p + r ? (2 * p * r) / (p + r) : 0).toFixed(3)}  sign errors ${t.sign}`);
}
const all = { matched: totals.text.matched + totals.scanned.matched, truth: totals.text.truth + totals.scanned.truth, parsed: totals.text.parsed + totals.scanned.parsed, sign: totals.text.sign + totals.scanned.sign };
console.log(`all      overall: P ${(all.matched / Math.max(1, all.parsed)).toFixed(3)}  R ${(all.matched / Math.max(1, all.truth)).toFixed(3)}  sign errors ${all.sign}`);
console.log(`files fully right ${fullyRight}/${files}; wrong without a warning ${silentWrong}${ocrPages ? `; OCR ${(ocrMs / ocrPages / 1000).toFixed(1)} s a page (extract + parse)` : ''}`);
