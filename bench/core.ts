/**
 * Core ledger benchmarks (issue #3):
 *  - 100,000 transactions through the library in one batch (target < 2 s on SQLite)
 *  - `tx list` with a date range and a category over 1,000,000 transactions (target < 150 ms)
 *  - `finch --help` start-up (target < 300 ms)
 * Run: npm run build && npx tsx bench/core.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openFinch } from '../src/core/index.js';
import { listTransactions } from '../src/core/ledger/index.js';
import { machine, medianMs, rng } from './lib.js';

const CATEGORIES = ['groceries', 'dining', 'transport', 'fuel', 'shopping', 'utilities', 'entertainment', 'health', 'rent', 'travel'];
const WORDS = ['Tesco', 'Uber', 'Shell', 'Amazon', 'Netflix', 'Pret', 'Lidl', 'Boots', 'Airbnb', 'Cafe'];

function makeRows(n: number, seed: number) {
  const r = rng(seed);
  return Array.from({ length: n }, () => {
    const day = Math.floor(r() * 3650);
    const d = new Date(Date.UTC(2015, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    return {
      date: d,
      amount: (1 + Math.floor(r() * 20000) / 100).toFixed(2),
      description: `${WORDS[Math.floor(r() * WORDS.length)]} ${Math.floor(r() * 1000)}`,
      category: CATEGORIES[Math.floor(r() * CATEGORIES.length)]!,
      account: 'Checking',
    };
  });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'finch-bench-'));
  const finch = await openFinch({ db: join(dir, 'bench.db'), home: dir, env: {} });
  await finch.accounts.add({ name: 'Checking', currency: 'USD' });
  const results: Record<string, unknown> = { machine: machine(), date: new Date().toISOString().slice(0, 10) };

  const batch = makeRows(100_000, 1);
  const t0 = performance.now();
  await finch.transactions.addMany(batch);
  results.insert100kMs = Math.round(performance.now() - t0);

  for (let i = 2; i <= 10; i++) await finch.transactions.addMany(makeRows(100_000, i));
  const n = await finch.transactions.count();
  results.rows = n;
  await sql`analyze`.execute(finch.ctx.db);

  const filter = { from: '2019-03-01', to: '2019-05-31', category: 'dining', limit: 100 } as const;
  results.listDateCategoryMs = await medianMs(15, () => listTransactions(finch.ctx, filter));
  results.listDateCategoryAllRowsMs = await medianMs(9, () => listTransactions(finch.ctx, { ...filter, limit: undefined }));
  results.listDateOnlyMs = await medianMs(15, () => listTransactions(finch.ctx, { from: '2019-03-01', to: '2019-03-31', limit: 100 }));
  const plan = await sql<{ detail: string }>`explain query plan select * from transactions as t where t.user_id = ${finch.ctx.userId} and t.date >= '2019-03-01' and t.date <= '2019-05-31' and t.category_id = 'x' order by t.date desc limit 100`.execute(finch.ctx.db);
  results.listPlan = plan.rows.map((r) => r.detail).join(' | ');
  await finch.close();

  const bin = join(import.meta.dirname, '..', 'bin', 'finch.js');
  results.helpStartupMs = await medianMs(9, () => execFileSync('node', [bin, '--help']));
  results.cliListMs = await medianMs(5, () =>
    execFileSync('node', [bin, '--db', join(dir, 'bench.db'), 'tx', 'list', '--from', '2019-03-01', '--to', '2019-05-31', '--category', 'dining', '--json'], { maxBuffer: 64 * 2 ** 20 }),
  );
  rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify(results));
}

await main();
