import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { io } from '../io.js';
import { formatTable, printJson, say } from '../output.js';
import { TX_COLUMNS } from './tx.js';

const SAMPLE = 'fixtures/quickstart/sample-statement.pdf';

const MARKER = '.finch-quickstart';

/**
 * The demo ledger lives in one folder per OS user under the temp dir, made afresh on every run, so
 * trying quickstart again never piles up folders. Only folders quickstart made (they hold the
 * marker file) are removed, including the random-named ones older versions left behind.
 */
function freshDemoHome(): string {
  const root = tmpdir();
  const uid = typeof process.getuid === 'function' ? String(process.getuid()) : 'user';
  for (const name of readdirSync(root)) {
    if (!name.startsWith('finch-quickstart-')) continue;
    const dir = join(root, name);
    if (existsSync(join(dir, MARKER)) || (name !== `finch-quickstart-${uid}` && existsSync(join(dir, 'finch.db')) && /^finch-quickstart-[A-Za-z0-9]{6}$/.test(name))) {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // Another user's folder: not ours to remove.
      }
    }
  }
  const home = join(root, `finch-quickstart-${uid}`);
  mkdirSync(home, { recursive: true, mode: 0o700 });
  writeFileSync(join(home, MARKER), 'made by finch quickstart; removed by the next run\n');
  return home;
}

function packageRoot(): string {
  // dist/cli/commands/quickstart.js or src/cli/commands/quickstart.ts → the package root
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
}

export function register(program: Command): void {
  program
    .command('quickstart')
    .description('try finch in a fresh ledger: a chat-style entry, a sample PDF statement, the result')
    .option('--home <dir>', 'where to keep the demo ledger (default: $TMPDIR/finch-quickstart-UID, made afresh on every run)')
    .option('--json', 'print JSON')
    .action(async (opts: { home?: string; json?: boolean }) => {
      const { openFinch } = await import('../../core/index.js');
      const home = opts.home ? resolve(opts.home) : freshDemoHome();
      mkdirSync(home, { recursive: true });
      const db = join(home, 'finch.db');
      const finch = await openFinch({ home, db, env: io().env, homeCurrency: 'USD' });
      try {
        if (!(await finch.accounts.list()).some((a) => a.name === 'Checking')) {
          await finch.accounts.add({ name: 'Checking', kind: 'bank', currency: 'USD', openingBalance: '1204.33', institution: 'Finch Sample Bank', numberHint: '4821' });
        }
        const message = '@sam $42.50 dinner at luigi\'s on 20th nov #date-night';
        const parsed = await finch.chat.parse(message, { mode: 'rules', today: '2026-11-24' as never });
        // Paid in cash: an entry on Checking that the sample statement does not list would (rightly)
        // break the balance the statement prints.
        const saved = await finch.chat.save(parsed.suggestion, { createPeople: true, messageId: parsed.messageId ?? undefined });
        const samplePath = join(packageRoot(), SAMPLE);
        if (!existsSync(samplePath)) throw new Error(`the sample statement is missing: ${samplePath}`);
        const imported = await finch.statements.import({ bytes: new Uint8Array(readFileSync(samplePath)), filename: 'sample-statement.pdf', account: 'Checking' });
        const recent = await finch.transactions.list({ limit: 12 });
        const account = await finch.accounts.get('Checking');
        const { minorToDecimal } = await import('../../core/index.js');
        const balance = minorToDecimal(account.balanceMinor, account.currency);
        if (opts.json) {
          return printJson({ home, database: db, chat: { message, saved: saved.id, category: saved.category, mentions: saved.mentions }, statement: { created: imported.created, skipped: imported.skippedDuplicates, reconciled: imported.reconciled, status: imported.status }, balance });
        }
        say(`finch quickstart — a demo ledger in ${home}\n`);
        say(`1. a chat-style entry:  finch add "${message}"`);
        say(`   → ${saved.amount} ${saved.currency} · ${saved.category} · ${saved.date} · with @${saved.mentions.join(' @')} · #${saved.tags.join(' #')}\n`);
        say(`2. a PDF bank statement: finch statement import sample-statement.pdf --account Checking`);
        say(`   → ${imported.created} transactions created, ${imported.skippedDuplicates} duplicates skipped, balances ${imported.reconciled ? 'reconcile ✓' : 'do not reconcile'}\n`);
        say('3. the ledger:  finch tx list');
        io().out(formatTable(recent, TX_COLUMNS.filter((c) => c.header !== 'id')));
        say(`\nChecking balance: ${balance} USD`);
        say(`\nKeep exploring this ledger with:  export FINCH_HOME=${home}`);
        say('then: finch tx list --category dining · finch statement list · finch search uber · finch --help');
      } finally {
        await finch.close();
      }
    });
}
