import type { Command } from 'commander';
import type { AccountWithBalance } from '../../core/index.js';
import { printJson, printTable, say, type Column } from '../output.js';
import { withFinch } from '../run.js';

async function money() {
  return import('../../core/index.js');
}

export async function accountJson(a: AccountWithBalance) {
  const { minorToDecimal } = await money();
  return {
    id: a.id,
    name: a.name,
    kind: a.kind,
    currency: a.currency,
    openingBalance: minorToDecimal(a.openingBalanceMinor, a.currency),
    balance: minorToDecimal(a.balanceMinor, a.currency),
    transactions: a.transactionCount,
    institution: a.institution,
    numberHint: a.numberHint,
    archived: a.archived,
  };
}

export function register(program: Command): void {
  const account = program.command('account').description('bank, card, cash, wallet and loan accounts');

  account
    .command('add <name>')
    .description('add an account')
    .option('--kind <kind>', 'bank | card | cash | wallet | loan | savings | investment', 'bank')
    .option('--currency <code>', 'ISO 4217 code (default: your home currency)')
    .option('--opening <amount>', 'opening balance, e.g. 1200.50 (negative for debt)')
    .option('--institution <name>', 'bank or issuer')
    .option('--number <hint>', 'last digits of the account number, to recognise its statements')
    .option('--json', 'print JSON')
    .action(async (name: string, opts, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const a = await finch.accounts.add({ name, kind: opts.kind, currency: opts.currency, openingBalance: opts.opening, institution: opts.institution, numberHint: opts.number });
        const full = await finch.accounts.get(a.id);
        if (opts.json) printJson(await accountJson(full));
        else say(`added account "${a.name}" (${a.kind}, ${a.currency})`);
      });
    });

  account
    .command('list')
    .description('accounts with their balances')
    .option('--all', 'include archived accounts')
    .option('--json', 'print JSON')
    .action(async (opts: { all?: boolean; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const rows = await finch.accounts.list({ includeArchived: opts.all });
        const json = await Promise.all(rows.map(accountJson));
        if (opts.json) return printJson(json);
        const cols: Column<(typeof json)[number]>[] = [
          { header: 'name', value: (r) => r.name },
          { header: 'kind', value: (r) => r.kind },
          { header: 'currency', value: (r) => r.currency },
          { header: 'balance', value: (r) => r.balance, align: 'right' },
          { header: 'txns', value: (r) => r.transactions, align: 'right' },
          { header: 'archived', value: (r) => (r.archived ? 'yes' : '') },
        ];
        printTable(json, cols, 'no accounts yet: add one with finch account add NAME');
      });
    });

  account
    .command('show <name>')
    .description('one account with its balance')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const a = await accountJson(await finch.accounts.get(name));
        if (opts.json) return printJson(a);
        for (const [k, v] of Object.entries(a)) say(`${k.padEnd(15)} ${v ?? ''}`);
      });
    });

  account
    .command('edit <name>')
    .description('rename or change an account')
    .option('--name <name>', 'new name')
    .option('--kind <kind>', 'new kind')
    .option('--currency <code>', 'new currency (only while it has no transactions)')
    .option('--opening <amount>', 'new opening balance')
    .option('--institution <name>', 'bank or issuer')
    .option('--number <hint>', 'last digits of the account number')
    .option('--json', 'print JSON')
    .action(async (name: string, opts, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const a = await finch.accounts.edit(name, { name: opts.name, kind: opts.kind, currency: opts.currency, openingBalance: opts.opening, institution: opts.institution, numberHint: opts.number });
        if (opts.json) printJson(await accountJson(await finch.accounts.get(a.id)));
        else say(`updated account "${a.name}"`);
      });
    });

  account
    .command('archive <name>')
    .description('hide an account from lists and new entries (its history stays)')
    .option('--undo', 'bring it back')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { undo?: boolean; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const a = opts.undo ? await finch.accounts.unarchive(name) : await finch.accounts.archive(name);
        if (opts.json) printJson({ name: a.name, archived: a.archived });
        else say(`${a.archived ? 'archived' : 'restored'} account "${a.name}"`);
      });
    });

  account
    .command('reconcile <name>')
    .description("check the account against the bank's balances; with --balance, record a stated balance and mark entries up to it cleared")
    .option('--balance <amount>', 'the balance the bank shows, in the account\'s currency')
    .option('--date <date>', 'the day that balance is for, end of day (default: today)')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { balance?: string; date?: string; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const r = await finch.accounts.reconcile(name, { balance: opts.balance, date: opts.date });
        if (opts.json) {
          const a = (x: (typeof r.assertions)[number]) => ({ date: x.date, balance: x.balance, finch: x.actual, difference: x.difference, holds: x.holds, source: x.source });
          return printJson({ account: r.account, currency: r.currency, cleared: r.cleared, stated: r.stated ? a(r.stated) : null, assertions: r.assertions.map(a), broken: r.broken.map(a) });
        }
        if (r.stated) say(r.stated.holds ? `✓ ${r.account} is ${r.stated.balance} ${r.currency} on ${r.stated.date}; ${r.cleared} entries marked cleared` : `✗ ${r.account}: the bank says ${r.stated.balance} ${r.currency} on ${r.stated.date}, finch has ${r.stated.actual} (recorded; nothing cleared)`);
        if (r.assertions.length === 0) return say(`${r.account}: no balances to check yet (import a statement that prints them, or give --balance)`);
        for (const x of r.broken) say(`✗ ${x.date}: the bank says ${x.balance} ${r.currency}, finch has ${x.actual} — an entry on or before that day is missing, doubled or changed`);
        if (r.broken.length === 0) say(`✓ ${r.account} agrees with all ${r.assertions.length} balance${r.assertions.length === 1 ? '' : 's'} (latest ${r.assertions[r.assertions.length - 1]!.date}: ${r.assertions[r.assertions.length - 1]!.balance} ${r.currency})`);
      });
    });
}
