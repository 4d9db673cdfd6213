/**
 * Runs finch's statement read (detect → extract → parse, no database) on every folder holding an
 * export file and a truth.json, and reports per set: files fully right, row precision and recall,
 * sign errors, files refused. A row matches when its date and signed amount (rounded half to even
 * to the currency's minor unit) equal the truth's, one to one; descriptions are scored apart.
 * A truth with `broken: true` is right when finch refuses the file with a FinchError.
 * Run: npm run eval:imports [-- dir ...]   (default: ../shared/eval/external/imports and the blind set)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FinchError } from '../src/core/errors/index.js';
import { preflight, readStatement } from '../src/core/statements/index.js';
import { currencyCode, isCurrencyCode, minorDigits } from '../src/core/money/index.js';

interface TruthRow { date: string; amount: string; description: string }
interface Truth { file: string; format: string; currency: string; broken: boolean; rows: TruthRow[] }
interface Tally { files: number; right: number; truth: number; parsed: number; matched: number; sign: number; refused: number; desc: number }

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2).filter((a) => a !== '--verbose');
const verbose = process.argv.includes('--verbose');
const sets = args.length ? args : [resolve(root, '../shared/eval/external/imports'), resolve(root, 'fixtures/exports/blind')];

/** A decimal string to minor units, half to even, as a bigint-free integer (amounts stay < 2^53). */
export function toMinor(value: string, digits: number): number {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (!m) return Number.NaN;
  const frac = (m[3] ?? '').padEnd(digits + 1, '0');
  let units = Number((m[2] || '0') + frac.slice(0, digits));
  const rest = frac.slice(digits);
  const half = rest[0]! > '5' || (rest[0] === '5' && /[1-9]/.test(rest.slice(1))) ? 1 : rest[0] === '5' ? (units % 2) : 0;
  units += half;
  return m[1] === '-' ? -units : units;
}

function words(s: string | null): string[] {
  return (s ?? '').toLowerCase().normalize('NFKC').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1);
}

function descriptionFits(parsed: string, truth: string | null): boolean {
  const t = words(truth);
  if (t.length === 0) return true;
  const p = new Set(words(parsed));
  return t.filter((w) => p.has(w)).length / t.length >= 0.5;
}

async function evalFolder(dir: string, tally: Tally): Promise<string> {
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth;
  const bytes = new Uint8Array(readFileSync(join(dir, truth.file)));
  const digits = isCurrencyCode(truth.currency) ? minorDigits(currencyCode(truth.currency)) : 2;
  tally.files++;
  tally.truth += truth.rows.length;
  let rows: Array<{ date: string; amount: string; description: string }>;
  try {
    const format = await preflight(bytes, truth.file);
    const read = await readStatement(bytes, format, { filename: truth.file, currency: isCurrencyCode(truth.currency) ? currencyCode(truth.currency) : undefined });
    rows = read.statement.transactions;
  } catch (e) {
    tally.refused++;
    const clear = e instanceof FinchError;
    if (truth.broken && clear) {
      tally.right++;
      return `right    refused as expected: ${e.message.slice(0, 90)}`;
    }
    return `REFUSED  ${clear ? e.code : 'CRASH'}: ${(e instanceof Error ? e.message : String(e)).slice(0, 110)}`;
  }
  if (truth.broken) {
    tally.parsed += rows.length;
    return `WRONG    a broken file read as ${rows.length} rows`;
  }
  tally.parsed += rows.length;
  const used = new Set<number>();
  let matched = 0;
  let sign = 0;
  let desc = 0;
  const missing: string[] = [];
  for (const t of truth.rows) {
    const want = toMinor(t.amount, digits);
    const i = rows.findIndex((p, k) => !used.has(k) && p.date === t.date && toMinor(p.amount, digits) === want);
    if (i >= 0) {
      used.add(i);
      matched++;
      if (descriptionFits(rows[i]!.description, t.description)) desc++;
      continue;
    }
    if (rows.some((p, k) => !used.has(k) && p.date === t.date && toMinor(p.amount, digits) === -want)) sign++;
    missing.push(`${t.date} ${t.amount}`);
  }
  tally.matched += matched;
  tally.sign += sign;
  tally.desc += desc;
  const full = matched === truth.rows.length && rows.length === truth.rows.length;
  if (full) tally.right++;
  const extra = rows.filter((_, k) => !used.has(k)).map((p) => `${p.date} ${p.amount}`);
  const detail = verbose && !full ? `\n      missing ${missing.slice(0, 4).join(', ')}${extra.length ? `; extra ${extra.slice(0, 4).join(', ')}` : ''}` : '';
  return `${full ? 'right   ' : 'partial '} ${matched}/${truth.rows.length} rows, ${rows.length} read, sign errors ${sign}, descriptions ${desc}/${matched}${detail}`;
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
