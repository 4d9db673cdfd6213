import type { Command } from 'commander';
import { printJson, printTable, say } from '../output.js';
import { collect, withFinch } from '../run.js';

export function register(program: Command): void {
  const people = program.command('people').description('people you share costs with and can @mention');
  people
    .command('list')
    .description('everyone you know')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const rows = await finch.people.list();
        if (opts.json) return printJson(rows.map(({ id, name, handle, aliases, email }) => ({ id, name, handle, aliases, email })));
        printTable(rows, [
          { header: 'handle', value: (p) => `@${p.handle}` },
          { header: 'name', value: (p) => p.name },
          { header: 'aliases', value: (p) => p.aliases.join(', ') },
          { header: 'email', value: (p) => p.email ?? '' },
        ], 'nobody yet: add someone with finch people add NAME');
      });
    });
  people
    .command('add <name>')
    .description('add a person (their @handle is made from the name unless --handle)')
    .option('--handle <handle>', 'what you type after @')
    .option('--alias <name>', 'another name they go by (repeatable)', collect)
    .option('--email <email>', 'email')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { handle?: string; alias?: string[]; email?: string; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const p = await finch.people.add({ name, handle: opts.handle, aliases: opts.alias, email: opts.email });
        if (opts.json) printJson({ id: p.id, name: p.name, handle: p.handle, aliases: p.aliases, email: p.email });
        else say(`added @${p.handle} (${p.name})`);
      });
    });
  registerDebts(people);
}

const signed = (netMinor: number, net: string) => (netMinor > 0 ? `owes you ${net}` : `you owe ${net.replace(/^-/, '')}`);

function registerDebts(people: Command): void {
  registerBalances(people);
  registerShow(people);
  registerRepayment(people);
}

function registerBalances(people: Command): void {
  people
    .command('balances')
    .description('each person\'s net with you, across groups and outside them, per currency (positive: they owe you)')
    .option('--all', 'also list people you are square with')
    .option('--json', 'print JSON')
    .action(async (opts: { all?: boolean; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const rows = (await finch.people.balances()).filter((p) => opts.all || p.currencies.length > 0);
        if (opts.json) {
          return printJson(rows.map((p) => ({ person: p.person, name: p.name, balances: p.currencies.map((c) => ({ currency: c.currency, net: c.net })), byGroup: p.byGroup.map((g) => ({ group: g.group, currency: g.currency, net: g.net })) })));
        }
        const lines = rows.flatMap((p) =>
          (p.currencies.length ? p.currencies : [null]).map((c) => ({
            person: p.person,
            currency: c?.currency ?? '',
            net: c?.net ?? '0',
            status: c ? signed(c.netMinor, c.net) : 'square',
            where: c ? p.byGroup.filter((g) => g.currency === c.currency).map((g) => `${g.group ? `@${g.group}` : 'outside groups'} ${g.net}`).join(', ') : '',
          })),
        );
        printTable(lines, [
          { header: 'person', value: (l) => `@${l.person}` },
          { header: 'net', value: (l) => l.net, align: 'right' },
          { header: 'cur', value: (l) => l.currency },
          { header: '', value: (l) => l.status },
          { header: 'from', value: (l) => l.where, max: 60 },
        ], 'you are square with everyone');
      });
    });
}

function registerShow(people: Command): void {
  people
    .command('show <name>')
    .description('one person: their balance with you and every entry they take part in')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const p = await finch.people.get(name);
        const [balance] = await finch.people.balances({ person: p.handle });
        const entries = await finch.people.entries(p.handle);
        if (opts.json) {
          return printJson({
            person: p.handle,
            name: p.name,
            aliases: p.aliases,
            balances: (balance?.currencies ?? []).map((c) => ({ currency: c.currency, net: c.net })),
            entries: entries.map((e) => ({ id: e.id, date: e.date, description: e.description, amount: e.amount, currency: e.currency, type: e.type, group: e.group, effect: e.effect })),
          });
        }
        say(`@${p.handle}  ${p.name}${p.aliases.length ? `  (also: ${p.aliases.join(', ')})` : ''}`);
        const currencies = balance?.currencies ?? [];
        if (currencies.length === 0) say('square: nobody owes anybody');
        for (const c of currencies) say(`${c.currency}: ${signed(c.netMinor, c.net)}`);
        printTable(entries, [
          { header: 'id', value: (e) => e.id.slice(0, 13) },
          { header: 'date', value: (e) => e.date },
          { header: 'amount', value: (e) => e.amount, align: 'right' },
          { header: 'cur', value: (e) => e.currency },
          { header: 'description', value: (e) => e.description, max: 40 },
          { header: 'group', value: (e) => (e.group ? `@${e.group}` : '') },
          { header: 'balance moves', value: (e) => (e.effectMinor === 0 ? '' : e.effect), align: 'right' },
        ], 'no entries with them yet');
      });
    });
}

function registerRepayment(people: Command): void {
  people
    .command('repayment <name> <amount>')
    .description('record money paid back, partly or in full: --to-me (they paid you) or --from-me (you paid them); a transfer, not spending')
    .option('--to-me', 'they paid you back')
    .option('--from-me', 'you paid them back')
    .option('--account <name>', 'your account the money went into or out of')
    .option('--currency <code>', 'ISO 4217 (default: the account\'s, else your home currency)')
    .option('--date <date>', 'YYYY-MM-DD (default: today)')
    .option('--desc <text>', 'description')
    .option('--group <handle>', 'the group whose debt it repays (default: outside groups)')
    .option('--json', 'print JSON')
    .action(async (name: string, amount: string, opts: { toMe?: boolean; fromMe?: boolean; account?: string; currency?: string; date?: string; desc?: string; group?: string; json?: boolean }, cmd: Command) => {
      if (Boolean(opts.toMe) === Boolean(opts.fromMe)) {
        const { FinchError } = await import('../../core/index.js');
        throw new FinchError('INVALID_INPUT', 'say who paid: --to-me (they paid you back) or --from-me (you paid them back)');
      }
      await withFinch(cmd, async (finch) => {
        const t = await finch.people.repay({ person: name, direction: opts.toMe ? 'to_me' : 'from_me', amount, account: opts.account, currency: opts.currency, date: opts.date, description: opts.desc, group: opts.group });
        const [b] = await finch.people.balances({ person: name });
        const now = b?.currencies.find((c) => c.currency === t.currency);
        if (opts.json) return printJson({ id: t.id, date: t.date, amount: t.amount, currency: t.currency, balance: now?.net ?? '0' });
        say(`recorded ${t.id.slice(0, 13)}  ${t.date}  ${t.amount} ${t.currency}  ${t.description}; ${now ? `@${b!.person} ${signed(now.netMinor, now.net)}` : `you and @${b?.person ?? name} are square`}`);
      });
    });
}
