import type { Command } from 'commander';
import type { Transaction, TransactionDetail } from '../../core/index.js';
import { addFilterOptions, filterFromFlags, type FilterFlags } from '../filters.js';
import { printCsv, printJson, printTable, say, type Column } from '../output.js';
import { collect, confirmOrAbort, positiveInt, withFinch } from '../run.js';

export function txJson(t: Transaction | TransactionDetail) {
  const base = {
    id: t.id,
    date: t.date,
    amount: t.amount,
    currency: t.currency,
    type: t.type,
    description: t.description,
    merchant: t.merchant,
    category: t.category,
    account: t.account,
    tags: t.tags,
    notes: t.notes,
    source: t.source,
    original: t.original ? { amount: t.original.amount, currency: t.original.currency } : null,
    cleared: t.cleared,
  };
  return 'splits' in t
    ? { ...base, payer: t.splits.find((s) => s.paidMinor > 0)?.person ?? null, splits: t.splits.map((s) => ({ person: s.person, share: s.share, paid: s.paidMinor > 0, method: s.method, value: s.methodValue, group: s.group })), mentions: t.mentions }
    : base;
}

export const TX_COLUMNS: Column<Transaction>[] = [
  { header: 'id', value: (t) => t.id.slice(0, 13) },
  { header: 'date', value: (t) => t.date },
  { header: 'amount', value: (t) => t.amount, align: 'right' },
  { header: 'cur', value: (t) => t.currency },
  { header: 'description', value: (t) => t.description, max: 40 },
  { header: 'category', value: (t) => t.category ?? '' },
  { header: 'account', value: (t) => t.account ?? '', max: 20 },
  { header: 'tags', value: (t) => t.tags.map((x) => `#${x}`).join(' '), max: 30 },
];

const CSV_COLUMNS: Column<Transaction>[] = [
  { header: 'id', value: (t) => t.id },
  ...TX_COLUMNS.slice(1).map((c) => ({ ...c, max: undefined })),
  { header: 'type', value: (t) => t.type },
  { header: 'merchant', value: (t) => t.merchant ?? '' },
  { header: 'notes', value: (t) => t.notes ?? '' },
];

function printDetail(t: TransactionDetail): void {
  const j = txJson(t) as ReturnType<typeof txJson> & { splits?: Array<{ person: string; share: string; paid: boolean }>; mentions?: string[] };
  for (const [k, v] of Object.entries(j)) {
    if (k === 'splits' || k === 'mentions' || (k === 'payer' && !v)) continue;
    say(`${k.padEnd(12)} ${Array.isArray(v) ? v.map((x) => `#${x}`).join(' ') : (v ?? '')}`);
  }
  if (j.mentions?.length) say(`${'mentions'.padEnd(12)} ${j.mentions.map((m) => `@${m}`).join(' ')}`);
  if (j.splits?.length) {
    say('splits');
    for (const s of j.splits) say(`  ${s.person.padEnd(12)} ${s.share.padStart(12)}${s.paid ? '  (paid)' : ''}`);
  }
}

interface AddFlags {
  amount: string;
  currency?: string;
  date?: string;
  account?: string;
  category?: string;
  desc: string;
  merchant?: string;
  type?: 'expense' | 'income' | 'transfer';
  tag?: string[];
  split?: string;
  payer?: string;
  mention?: string[];
  notes?: string;
  json?: boolean;
}

export function register(program: Command): void {
  const tx = program.command('tx').description('transactions: add, list, show, edit, delete, bulk actions');

  tx.command('add')
    .description('add a transaction (amounts are spending unless --type income or a +sign)')
    .requiredOption('--amount <amount>', 'e.g. 12.50; +12.50 for money in')
    .requiredOption('--desc <text>', 'what it was')
    .option('--currency <code>', 'ISO 4217 (default: the account\'s, else your home currency)')
    .option('--date <date>', 'YYYY-MM-DD (default: today)')
    .option('--account <name>', 'account')
    .option('--category <slug>', 'category')
    .option('--merchant <name>', 'merchant')
    .option('--type <type>', 'expense | income | transfer')
    .option('--tag <tag>', 'tag (repeatable)', collect)
    .option('--split <spec>', 'equal:me,john · exact:me=20,john=30 · exact:kate=30,tom=20,me=rest · percent:me=60,john=40 · shares:me=2,john=1 · equal:@group')
    .option('--payer <name>', 'who paid, when not you (alone: the whole cost is your share, owed to them)')
    .option('--mention <handle>', 'person or group mentioned (repeatable)', collect)
    .option('--notes <text>', 'free notes')
    .option('--rate <rate>', 'spent in --currency, not the account\'s: 1 of it = RATE of the account\'s currency')
    .option('--account-amount <amount>', 'spent in --currency: what the account was charged, in its own currency')
    .option('--json', 'print JSON')
    .action(async (opts: AddFlags & { rate?: string; accountAmount?: string }, cmd: Command) => {
      if (opts.type && !['expense', 'income', 'transfer'].includes(opts.type)) {
        const { FinchError } = await import('../../core/index.js');
        throw new FinchError('INVALID_INPUT', `invalid type "${opts.type}": expense, income or transfer`);
      }
      await withFinch(cmd, async (finch) => {
        const t = await finch.transactions.add({
          amount: opts.amount,
          description: opts.desc,
          currency: opts.currency,
          date: opts.date,
          account: opts.account,
          category: opts.category,
          merchant: opts.merchant,
          type: opts.type,
          tags: opts.tag,
          split: opts.split,
          payer: opts.payer,
          mentions: opts.mention,
          notes: opts.notes,
          rate: opts.rate,
          accountAmount: opts.accountAmount,
        });
        if (opts.json) printJson(txJson(t));
        else say(`added ${t.id.slice(0, 13)}  ${t.date}  ${t.amount} ${t.currency}  ${t.description}`);
      });
    });

  addFilterOptions(
    tx
      .command('list')
      .description('list transactions (newest first)')
      .option('--sort <key>', 'date | amount | description', 'date')
      .option('--asc', 'ascending order')
      .option('--desc', 'descending order')
      .option('--limit <n>', 'at most this many rows', positiveInt)
      .option('--json', 'print JSON')
      .option('--csv', 'print CSV'),
  ).action(async (opts: FilterFlags & { sort: string; asc?: boolean; desc?: boolean; limit?: number; json?: boolean; csv?: boolean }, cmd: Command) => {
    const { FinchError } = await import('../../core/index.js');
    if (!['date', 'amount', 'description'].includes(opts.sort)) throw new FinchError('INVALID_INPUT', `invalid sort key "${opts.sort}": date, amount or description`);
    const filter = await filterFromFlags(opts);
    await withFinch(cmd, async (finch) => {
      const rows = await finch.transactions.list({
        ...filter,
        sort: opts.sort as 'date',
        order: opts.asc ? 'asc' : opts.desc ? 'desc' : undefined,
        limit: opts.limit ?? (opts.json || opts.csv ? undefined : 100),
      });
      if (opts.json) return printJson(rows.map(txJson));
      if (opts.csv) return printCsv(rows, CSV_COLUMNS);
      printTable(rows, TX_COLUMNS, 'no transactions match');
    });
  });

  addFilterOptions(tx.command('browse').description('the interactive transaction browser: filters, sort, multi-select, bulk actions (a terminal UI)')).action(async (opts: FilterFlags, cmd: Command) => {
    const { io } = await import('../io.js');
    if (!io().stdinIsTTY || !io().stdoutIsTTY) {
      const { FinchError } = await import('../../core/index.js');
      throw new FinchError('INVALID_INPUT', 'finch tx browse needs a terminal; use finch tx list');
    }
    const filter = await filterFromFlags(opts);
    await withFinch(cmd, async (finch) => {
      const { runTui } = await import('../../tui/index.js');
      const browseFilter = Object.fromEntries(Object.entries({ text: filter.text, category: filter.category, tag: filter.tag, account: filter.account, from: filter.from, to: filter.to, type: filter.type }).filter(([, v]) => v !== undefined));
      await runTui(finch, { env: io().env, initial: { view: 'browse', filter: browseFilter } });
    });
  });

  tx.command('show <id>')
    .description('one transaction with its splits and mentions (an id prefix of 6+ characters is enough)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const t = await finch.transactions.get(id);
        if (opts.json) printJson(txJson(t));
        else printDetail(t);
      });
    });

  tx.command('edit <id>')
    .description('change fields of a transaction')
    .option('--amount <amount>', 'new amount')
    .option('--date <date>', 'new date')
    .option('--account <name>', 'new account ("" to clear)')
    .option('--category <slug>', 'new category ("" to clear)')
    .option('--desc <text>', 'new description')
    .option('--merchant <name>', 'new merchant')
    .option('--type <type>', 'expense | income | transfer')
    .option('--notes <text>', 'new notes')
    .option('--tag <tag>', 'add a tag (repeatable)', collect)
    .option('--untag <tag>', 'remove a tag (repeatable)', collect)
    .option('--split <spec>', 'new split, as for tx add ("" removes it); a new --amount alone re-allocates the shares')
    .option('--payer <name>', 'who paid ("me" for you)')
    .option('--mention <handle>', 'replace the mentions (repeatable; "" clears them)', collect)
    .option('--json', 'print JSON')
    .action(async (id: string, opts, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const t = await finch.transactions.edit(id, {
          amount: opts.amount,
          date: opts.date,
          account: opts.account === '' ? null : opts.account,
          category: opts.category === '' ? null : opts.category,
          description: opts.desc,
          merchant: opts.merchant,
          type: opts.type,
          notes: opts.notes,
          addTags: opts.tag,
          removeTags: opts.untag,
          split: opts.split === '' ? null : opts.split,
          payer: opts.payer,
          mentions: opts.mention ? (opts.mention as string[]).filter((m) => m !== '') : undefined,
        });
        if (opts.json) printJson(txJson(t));
        else say(`updated ${t.id.slice(0, 13)}  ${t.date}  ${t.amount} ${t.currency}  ${t.description}`);
      });
    });

  tx.command('delete <id>')
    .description('delete a transaction')
    .option('--yes', 'do not ask')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { yes?: boolean; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const t = await finch.transactions.get(id);
        if (!(await confirmOrAbort(`delete ${t.date} ${t.amount} ${t.currency} "${t.description}"?`, opts.yes))) return say('nothing deleted');
        await finch.transactions.delete(t.id);
        if (opts.json) printJson({ deleted: t.id });
        else say(`deleted ${t.id.slice(0, 13)}`);
      });
    });

  const bulk = tx.command('bulk').description('act on every transaction a filter matches (shows a preview, then asks)');
  const bulkAction = (name: string, description: string, extra: (c: Command) => Command, run: (finch: import('../../core/index.js').Finch, filter: import('../../core/index.js').TransactionFilter, opts: Record<string, unknown>) => Promise<number>, verb: string, done: string) => {
    addFilterOptions(extra(bulk.command(name).description(description)).option('--yes', 'do not ask').option('--json', 'print JSON')).action(
      async (...args: unknown[]) => {
        const cmd = args[args.length - 1] as Command;
        const opts = cmd.opts() as FilterFlags & { yes?: boolean; json?: boolean } & Record<string, unknown>;
        const positional = (args.slice(0, -2) as Array<string | string[]>).flat();
        const filter = await filterFromFlags(opts);
        const { FinchError } = await import('../../core/index.js');
        const narrowed = Object.values(filter).some((v) => v !== undefined);
        if (!narrowed) throw new FinchError('INVALID_INPUT', `bulk ${name.split(' ')[0]} needs at least one filter (e.g. --text, --category, --from)`);
        await withFinch(cmd, async (finch) => {
          const preview = await finch.transactions.bulk.preview(filter);
          if (preview.count === 0) {
            if (opts.json) return printJson({ action: name.split(' ')[0], matched: 0, changed: 0 });
            return say('no transactions match');
          }
          if (!opts.json) {
            printTable(preview.sample, TX_COLUMNS);
            if (preview.count > preview.sample.length) say(`… and ${preview.count - preview.sample.length} more`);
          }
          if (!(await confirmOrAbort(`${verb} ${preview.count} transaction${preview.count === 1 ? '' : 's'}?`, opts.yes))) return say('nothing changed');
          const changed = await run(finch, filter, { ...opts, positional });
          if (opts.json) printJson({ action: name.split(' ')[0], matched: preview.count, changed });
          else say(`${done} ${changed} transaction${changed === 1 ? '' : 's'}`);
        });
      },
    );
  };
  bulkAction('recategorize <category>', 'set the category of every matching transaction', (c) => c, (f, filter, o) => f.transactions.bulk.recategorize(filter, (o.positional as string[])[0]!), 'recategorize', 'recategorized');
  bulkAction('tag <tags...>', 'add tags to every matching transaction', (c) => c.option('--remove', 'remove the tags instead'), (f, filter, o) => (o.remove ? f.transactions.bulk.untag(filter, o.positional as string[]) : f.transactions.bulk.tag(filter, o.positional as string[])), 'tag', 'tagged');
  bulkAction('delete', 'delete every matching transaction', (c) => c, (f, filter) => f.transactions.bulk.delete(filter), 'delete', 'deleted');
}
