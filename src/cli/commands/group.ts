import type { Command } from 'commander';
import type { Group, GroupBalances } from '../../core/index.js';
import { printJson, printTable, say } from '../output.js';
import { confirmOrAbort, withFinch } from '../run.js';

const groupJson = (g: Group) => ({ id: g.id, name: g.name, handle: g.handle, members: ['me', ...g.members.map((m) => m.handle)] });

export function register(program: Command): Command {
  const group = program.command('group').description('groups that share expenses (you are always a member)');
  group
    .command('add <name> [members...]')
    .description('add a group of existing people, e.g. finch group add Flat ana bo')
    .option('--handle <handle>', 'what you type after @')
    .option('--json', 'print JSON')
    .action(async (name: string, members: string[], opts: { handle?: string; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const g = await finch.groups.add({ name, handle: opts.handle, members });
        if (opts.json) printJson(groupJson(g));
        else say(`added group @${g.handle}: me, ${g.members.map((m) => `@${m.handle}`).join(', ') || '(no one else yet)'}`);
      });
    });
  group
    .command('list')
    .description('your groups')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const rows = (await finch.groups.list()).map(groupJson);
        if (opts.json) return printJson(rows);
        printTable(rows, [
          { header: 'handle', value: (g) => `@${g.handle}` },
          { header: 'name', value: (g) => g.name },
          { header: 'members', value: (g) => g.members.join(', '), max: 60 },
        ], 'no groups yet: finch group add NAME PEOPLE…');
      });
    });
  group
    .command('show <handle>')
    .description('one group and its members')
    .option('--json', 'print JSON')
    .action(async (handle: string, opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const g = groupJson(await finch.groups.get(handle));
        if (opts.json) return printJson(g);
        say(`@${g.handle}  ${g.name}`);
        for (const m of g.members) say(`  ${m === 'me' ? 'me' : `@${m}`}`);
      });
    });
  group
    .command('add-member <group> <people...>')
    .description('add people to a group')
    .option('--json', 'print JSON')
    .action(async (handle: string, people: string[], opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const g = groupJson(await finch.groups.addMembers(handle, people));
        if (opts.json) return printJson(g);
        say(`@${g.handle}: ${g.members.join(', ')}`);
      });
    });
  group
    .command('balances <group>')
    .description('who owes whom across all the group\'s splits, and the fewest payments that settle it')
    .option('--json', 'print JSON')
    .action(async (handle: string, opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const b = await finch.groups.balances(handle);
        if (opts.json) return printJson(balancesJson(b));
        printBalances(b);
      });
    });
  group
    .command('settle <group>')
    .description('record the fewest payments that settle everyone, as transfer transactions')
    .option('--date <YYYY-MM-DD>', 'the day to record them on (default: today)')
    .option('--account <name>', 'your account for payments you make or receive')
    .option('--yes', 'do not ask')
    .option('--json', 'print JSON')
    .action(async (handle: string, opts: { date?: string; account?: string; yes?: boolean; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const before = await finch.groups.balances(handle);
        const payments = before.currencies.flatMap((c) => c.payments);
        if (payments.length === 0) {
          if (opts.json) return printJson({ group: before.group, payments: [], settled: true });
          return say(`@${before.group} is settled up: nobody owes anybody`);
        }
        if (!opts.json) for (const p of payments) say(`${who(p.from)} pays ${who(p.to)} ${p.amount} ${p.currency}`);
        if (!(await confirmOrAbort(`record ${payments.length} settle-up payment${payments.length === 1 ? '' : 's'} for @${before.group}?`, opts.yes))) return;
        const r = await finch.groups.settle(handle, { date: opts.date, account: opts.account });
        if (opts.json) {
          return printJson({
            group: r.group,
            payments: r.payments.map((p) => ({ from: p.from, to: p.to, amount: p.amount, currency: p.currency, transaction: p.transactionId })),
            settled: r.after.settled,
          });
        }
        say(`recorded ${r.payments.length} payment${r.payments.length === 1 ? '' : 's'}; @${r.group} is ${r.after.settled ? 'settled up' : 'not yet settled'}`);
      });
    });
  return group;
}

const who = (h: string) => (h === 'me' ? 'me' : `@${h}`);

function balancesJson(b: GroupBalances) {
  return {
    group: b.group,
    settled: b.settled,
    currencies: b.currencies.map((c) => ({
      currency: c.currency,
      members: c.members.map((m) => ({ person: m.person, paid: m.paid, share: m.share, net: m.net })),
      payments: c.payments.map((p) => ({ from: p.from, to: p.to, amount: p.amount })),
    })),
  };
}

function printBalances(b: GroupBalances): void {
  if (b.currencies.length === 0) return say(`@${b.group} has no shared expenses yet`);
  for (const c of b.currencies) {
    say(`@${b.group} in ${c.currency}`);
    printTable(c.members, [
      { header: 'member', value: (m) => who(m.person) },
      { header: 'paid', value: (m) => m.paid, align: 'right' },
      { header: 'share', value: (m) => m.share, align: 'right' },
      { header: 'net', value: (m) => m.net, align: 'right' },
      { header: '', value: (m) => (m.netMinor > 0 ? 'is owed' : m.netMinor < 0 ? 'owes' : '') },
    ]);
    if (c.payments.length === 0) say('settled up');
    else for (const p of c.payments) say(`${who(p.from)} owes ${who(p.to)} ${p.amount} ${c.currency}`);
  }
  if (!b.settled) say(`to record the payments: finch group settle ${b.group}`);
}
