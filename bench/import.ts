/**
 * Statement import through the CLI (issue #11): a 100,000-row CSV imported by `finch statement
 * import` in its own process (target ≤ 2 s and ≤ 250 MB), beside the library's addMany of 100,000
 * rows in this process — the ratio of the two says what the CLI path costs above the insert,
 * whatever the machine's load. Uses the build in dist/ (npm run build). Run: npx tsx bench/import.ts
 * (BENCH_IMPORT_ROWS=1000000 for the million-row file).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFinch } from '../src/core/index.js';
import { statementLines, toCsv } from '../fixtures/statements/make-import-runs.js';
import { machine } from './lib.js';

const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'finch-bench-import-'));
const bin = join(import.meta.dirname, '..', 'bin', 'finch.js');
const csv = join(dir, 'big.csv');
writeFileSync(csv, toCsv(statementLines(rows)));
const results: Record<string, unknown> = { machine: machine(), date: new Date().toISOString().slice(0, 10), rows, loadBefore: loadavg()[0]!.toFixed(1) };

function finchCli(db: string, args: string[]): { ms: number; maxRssMb: number; stdout: string } {
  // GNU time reports the child's peak resident memory.
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, '--db', db, ...args], { env: { ...process.env, FINCH_HOME: dir }, encoding: 'utf8' });
  const ms = Math.round(performance.now() - t0);
  if (r.status !== 0) throw new Error(`finch ${args.join(' ')} failed: ${r.stderr}`);
  const kb = Number(r.stderr.trim().split('\n').pop());
  return { ms, maxRssMb: Math.round(kb / 1024), stdout: r.stdout };
}

const db = join(dir, 'cli.db');
finchCli(db, ['account', 'add', 'Checking', '--currency', 'USD']);
const run = finchCli(db, ['statement', 'import', csv, '--account', 'Checking', '--json']);
const out = JSON.parse(run.stdout);
Object.assign(results, {
  cliImportMs: run.ms,
  cliImportMaxRssMb: run.maxRssMb,
  created: out.created,
  stagesMs: Object.fromEntries(out.stages.map((s: { stage: string; ms: number }) => [s.stage, s.ms])),
});
const again = finchCli(db, ['statement', 'import', csv, '--account', 'Checking', '--json']);
results.reimportSameFileMs = again.ms;

if (rows <= 200_000) {
  const finch = await openFinch({ db: join(dir, 'lib.db'), home: dir, env: {} });
  await finch.accounts.add({ name: 'Checking', currency: 'USD' });
  const lines = statementLines(rows);
  const t0 = performance.now();
  await finch.transactions.addMany(lines.map((l) => ({ date: l.date, amount: l.amount, description: l.description, account: 'Checking' })));
  results.libraryAddManyMs = Math.round(performance.now() - t0);
  results.cliOverAddMany = Math.round((run.ms / (results.libraryAddManyMs as number)) * 100) / 100;
  await finch.close();
}
results.loadAfter = loadavg()[0]!.toFixed(1);
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify(results));
