/**
 * Reports and exports benchmark (issue: Reports and Exports):
 *  - `report balance` and `report spending --by month` over 1,000,000 transactions on SQLite:
 *    target < 500 ms each, and faster than `hledger balance` on the exported journal.
 *  - measured three ways: the library query alone, the whole CLI process (node + open + query +
 *    print), and hledger / ledger reading the journal finch exports from the same data.
 * Run: npx tsx bench/reports.ts   (builds the CLI into a temp dir; needs hledger and ledger)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { sql } from 'kysely';
import { openFinch } from '../src/core/index.js';
import { balance, breakdown } from '../src/core/reports/index.js';
import { machine, medianMs, rng } from './lib.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const CATEGORIES = ['groceries', 'dining', 'transport', 'fuel', 'shopping', 'utilities', 'entertainment', 'health', 'rent', 'travel'];
const WORDS = ['Tesco', 'Uber', 'Shell', 'Amazon', 'Netflix', 'Pret', 'Lidl', 'Boots', 'Airbnb', 'Cafe'];
const ACCOUNTS = [
  { name: 'Checking', currency: 'USD', kind: 'bank' },
  { name: 'Visa', currency: 'USD', kind: 'card' },
  { name: 'Euro Account', currency: 'EUR', kind: 'bank' },
];

function makeRows(n: number, seed: number) {
  const r = rng(seed);
  return Array.from({ length: n }, () => {
    const day = Math.floor(r() * 3650);
    const d = new Date(Date.UTC(2015, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const account = ACCOUNTS[Math.floor(r() * 10) < 6 ? 0 : r() < 0.7 ? 1 : 2]!;
    const income = r() < 0.05;
    return {
      date: d,
      amount: income ? `+${(500 + Math.floor(r() * 300000) / 100).toFixed(2)}` : (1 + Math.floor(r() * 20000) / 100).toFixed(2),
      description: `${WORDS[Math.floor(r() * WORDS.length)]} ${Math.floor(r() * 1000)}`,
      category: income ? 'salary' : CATEGORIES[Math.floor(r() * CATEGORIES.length)]!,
      account: account.name,
      tags: r() < 0.02 ? ['work'] : undefined,
    };
  });
}

function time(cmd: string, args: string[]): { ms: number; ok: boolean; out: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { maxBuffer: 256 * 2 ** 20, encoding: 'utf8' });
  return { ms: Math.round(performance.now() - t0), ok: r.status === 0, out: (r.stdout ?? '') + (r.stderr ?? '') };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'finch-bench-reports-'));
  const dbFile = join(dir, 'bench.db');
  const results: Record<string, unknown> = { machine: machine(), date: new Date().toISOString().slice(0, 10), rows: ROWS };
  const finch = await openFinch({ db: dbFile, home: dir, env: {} });
  for (const a of ACCOUNTS) await finch.accounts.add({ ...a, openingBalance: '1000.00' });
  const t0 = performance.now();
  for (let i = 0; i * 100_000 < ROWS; i++) await finch.transactions.addMany(makeRows(Math.min(100_000, ROWS - i * 100_000), i + 1));
  results.loadMs = Math.round(performance.now() - t0);
  await sql`analyze`.execute(finch.ctx.db);

  results.libBalanceMs = await medianMs(7, () => balance(finch.ctx, {}));
  results.libSpendingByMonthMs = await medianMs(7, () => breakdown(finch.ctx, 'spending', { by: 'month' }));
  results.libSpendingByCategoryMs = await medianMs(7, () => breakdown(finch.ctx, 'spending', { by: 'category' }));
  results.libSpendingOneYearMs = await medianMs(7, () => breakdown(finch.ctx, 'spending', { by: 'month', period: '2020' }));
  const plan = async (q: string) => (await sql.raw<{ detail: string }>(`explain query plan ${q}`).execute(finch.ctx.db)).rows.map((r) => r.detail).join(' | ');
  results.balancePlan = await plan(
    `select x.account_id, x.currency, sum(x.s) from (select t.type, t.date, t.currency, t.account_id, sum(t.amount_minor) as s from transactions t where t.user_id = '${finch.ctx.userId}' group by t.type, t.date, t.currency, t.account_id) as x group by x.account_id, x.currency`,
  );
  results.spendingPlan = await plan(
    `select substr(x.date, 1, 7), x.currency, sum(x.s) from (select t.type, t.date, t.currency, sum(t.amount_minor) as s from transactions t where t.user_id = '${finch.ctx.userId}' and t.type = 'expense' group by t.type, t.date, t.currency) as x group by substr(x.date, 1, 7), x.currency`,
  );
  const libBalance = await balance(finch.ctx, {});

  const journal = join(dir, 'bench.journal');
  const ledgerFile = join(dir, 'bench.ledger');
  for (const [format, file] of [['hledger', journal], ['ledger', ledgerFile]] as const) {
    const out = createWriteStream(file);
    const te = performance.now();
    await finch.export({ format }, async (chunk) => {
      if (!out.write(chunk)) await once(out, 'drain');
    });
    await new Promise<void>((resolve) => out.end(resolve));
    results[`${format}ExportMs`] = Math.round(performance.now() - te);
  }
  results.journalMB = Math.round(statSync(journal).size / 2 ** 20);
  await finch.close();

  // The CLI, built into a temp dir (npm run build would rewrite dist/, which others share).
  const build = join(dir, 'build');
  spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', join(build, 'dist')], { cwd: join(import.meta.dirname, '..'), stdio: 'ignore' });
  symlinkSync(join(import.meta.dirname, '..', 'node_modules'), join(build, 'node_modules'));
  writeFileSync(join(build, 'package.json'), '{"type":"module"}');
  const bin = join(build, 'finch.js');
  writeFileSync(bin, "import { main } from './dist/cli/main.js';\nmain(process.argv).then((code) => { process.exitCode = code; });\n");
  execFileSync('node', [bin, '--db', dbFile, 'report', 'balance']); // warm the page cache
  results.cliBalanceMs = await medianMs(5, () => execFileSync('node', [bin, '--db', dbFile, 'report', 'balance']));
  results.cliSpendingByMonthMs = await medianMs(5, () => execFileSync('node', [bin, '--db', dbFile, 'report', 'spending', '--by', 'month']));
  results.cliBalanceJsonMs = await medianMs(5, () => execFileSync('node', [bin, '--db', dbFile, 'report', 'balance', '--json']));

  const h = time('hledger', ['-f', journal, 'balance']);
  results.hledgerBalanceMs = h.ok ? h.ms : `failed: ${h.out.slice(0, 200)}`;
  const hm = time('hledger', ['-f', journal, 'balance', '--monthly', 'expenses']);
  results.hledgerMonthlyExpensesMs = hm.ok ? hm.ms : `failed: ${hm.out.slice(0, 200)}`;
  const l = time('ledger', ['-f', ledgerFile, 'balance']);
  results.ledgerBalanceMs = l.ok ? l.ms : `failed: ${l.out.slice(0, 200)}`;
  // The tools and finch must agree: Assets:Bank:Checking from hledger against finch's figure.
  const checking = libBalance.rows.find((r) => r.account === 'Checking')!;
  results.hledgerAgrees = h.ok && new RegExp(`${checking.amount.replace('.', '\\.')} USD\\s+Assets:Bank:Checking`).test(h.out);
  rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify(results));
}

await main();
