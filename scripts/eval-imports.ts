/**
 * Runs finch's statement read (detect → extract → parse, no database) on every folder holding an
 * export file and a truth.json, and reports per set: files fully right, row precision and recall,
 * sign errors, files refused. A row matches when its date and signed amount (rounded half to even
 * to the currency's minor unit) equal the truth's, one to one; descriptions are scored apart.
 * A truth with `broken: true` is right when finch refuses the file with a FinchError.
 * Run: npm run eval:imports [-- --verbose] [dir ...]   (default: ../shared/eval/external/imports and the blind set)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FinchError } from '../src/core/errors/index.js';
import { preflight, readStatement } from '../src/core/statements/index.js';
import { type ImportTruth, scoreImport } from '../src/core/statements/evaluate-imports.js';
import { currencyCode, isCurrencyCode, minorDigits } from '../src/core/money/index.js';

interface Tally { files: number; right: number; truth: number; parsed: number; matched: number; sign: number; refused: number; desc: number }

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2).filter((a) => a !== '--verbose');
const verbose = process.argv.includes('--verbose');
const sets = args.length ? args : [resolve(root, '../shared/eval/external/imports'), resolve(root, 'fixtures/exports/blind')];

async function evalFolder(dir: string, tally: Tally): Promise<string> {
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as ImportTruth;
  const bytes = new Uint8Array(readFileSync(join(dir, truth.file)));
  const currency = isCurrencyCode(truth.currency) ? currencyCode(truth.currency) : undefined;
  tally.files++;
  tally.truth += truth.rows.length;
  let rows;
  try {
    const format = await preflight(bytes, truth.file);
    rows = (await readStatement(bytes, format, { filename: truth.file, currency })).statement.transactions;
  } catch (e) {
    tally.refused++;
    const clear = e instanceof FinchError;
    if (truth.broken && clear) {
      tally.right++;
      return `right    refused as expected: ${e.message.slice(0, 90)}`;
    }
    return `REFUSED  ${clear ? e.code : 'CRASH'}: ${(e instanceof Error ? e.message : String(e)).slice(0, 110)}`;
  }
  tally.parsed += rows.length;
  if (truth.broken) return `WRONG    a broken file read as ${rows.length} rows`;
  const s = scoreImport(rows, truth, currency ? minorDigits(currency) : 2);
  tally.matched += s.matched;
  tally.sign += s.signErrors;
  tally.desc += s.descriptions;
  if (s.fullyRight) tally.right++;
  const detail = verbose && !s.fullyRight ? `\n      missing ${s.missing.slice(0, 4).join(', ')}${s.extra.length ? `; extra ${s.extra.slice(0, 4).join(', ')}` : ''}` : '';
  return `${s.fullyRight ? 'right   ' : 'partial '} ${s.matched}/${s.truth} rows, ${s.read} read, sign errors ${s.signErrors}, descriptions ${s.descriptions}/${s.matched}${detail}`;
}

let failed = false;
for (const set of sets) {
  if (!existsSync(set)) {
    console.log(`${set}: missing`);
    failed = true;
    continue;
  }
  const tally: Tally = { files: 0, right: 0, truth: 0, parsed: 0, matched: 0, sign: 0, refused: 0, desc: 0 };
  console.log(`\n== ${set}`);
  for (const name of readdirSync(set).sort()) {
    const dir = join(set, name);
    if (!statSync(dir).isDirectory() || !existsSync(join(dir, 'truth.json'))) continue;
    console.log(`${name.padEnd(30)} ${await evalFolder(dir, tally)}`);
  }
  const p = tally.parsed ? tally.matched / tally.parsed : 0;
  const r = tally.truth ? tally.matched / tally.truth : 0;
  console.log(`TOTAL ${tally.right}/${tally.files} files fully right; rows precision ${p.toFixed(3)} recall ${r.toFixed(3)}; sign errors ${tally.sign}; refused ${tally.refused}; descriptions ${tally.desc}/${tally.matched}`);
}
if (failed) process.exitCode = 1;
