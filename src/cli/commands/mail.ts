import type { Command } from 'commander';
import type { MailTransaction, SyncReport } from '../../core/index.js';
import { io } from '../io.js';
import { printJson, printTable, say } from '../output.js';
import { withFinch } from '../run.js';

async function readPassword(user: string, fromStdin: boolean | undefined): Promise<string | undefined> {
  if (fromStdin) return (await io().readStdin()).replace(/\r?\n$/, '');
  if (!io().stdinIsTTY) return undefined;
  const { password } = await import('@inquirer/prompts');
  return password({ message: `IMAP password for ${user}:`, mask: '*' });
}

function pendingTable(rows: MailTransaction[], empty: string): void {
  printTable(rows, [
    { header: 'id', value: (t) => t.id.slice(0, 13) },
    { header: 'date', value: (t) => t.date },
    { header: 'amount', value: (t) => `${t.amount} ${t.currency}`, align: 'right' },
    { header: 'original', value: (t) => (t.original ? `${t.original.amount} ${t.original.currency}` : '') },
    { header: 'merchant', value: (t) => t.merchant ?? '', max: 30 },
    { header: 'account', value: (t) => t.account ?? '' },
    { header: 'from', value: (t) => t.sender, max: 30 },
    { header: 'status', value: (t) => t.status },
  ], empty);
}

function summary(r: SyncReport): string {
  const saved = r.created.filter((c) => c.status === 'confirmed').length;
  const parts = [`${r.read} read`, `${r.created.length - saved} pending`, `${saved} saved`, `${r.matched.length} matched`, `${r.skipped.length} not transactions`, `${r.statements.length} statements`, `${r.failed.length} failed`];
  if (r.alreadySeen) parts.push(`${r.alreadySeen} seen before`);
  return `${r.mailbox}: ${parts.join(', ')}`;
}

export function register(program: Command): void {
  const mail = program.command('mail').description('transaction e-mails: bank alerts and receipts from an IMAP mailbox or Gmail become pending transactions');

  mail
    .command('add <name>')
    .description('add a mailbox, read-only: --imap imap[s]://USER@HOST[:PORT]/MAILBOX, or --gmail (OAuth, gmail.readonly)')
    .option('--imap <url>', 'imap[s]://USER@HOST[:PORT]/MAILBOX (a password in the URL is taken, but prefer --password-stdin or the prompt)')
    .option('--password-stdin', 'read the IMAP password from stdin')
    .option('--gmail', 'Gmail through its API: opens Google consent in your browser (loopback redirect)')
    .option('--client-id <id>', 'your Google OAuth client id (installed app; default $FINCH_GMAIL_CLIENT_ID)')
    .option('--client-secret <secret>', 'its secret (default $FINCH_GMAIL_CLIENT_SECRET)')
    .option('--keep-bodies', 'also keep subjects and message text (default: only the parsed fields and the message id)')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { imap?: string; passwordStdin?: boolean; gmail?: boolean; clientId?: string; clientSecret?: string; keepBodies?: boolean; json?: boolean }, cmd: Command) => {
      const { FinchError } = await import('../../core/index.js');
      if (!!opts.imap === !!opts.gmail) throw new FinchError('INVALID_INPUT', 'say either --imap URL or --gmail');
      let password: string | undefined;
      if (opts.imap) {
        const { parseImapUrl } = await (await import('../../core/index.js')).modules.mail();
        const parsed = parseImapUrl(opts.imap);
        password = parsed.password ?? (await readPassword(parsed.config.user, opts.passwordStdin));
      }
      await withFinch(cmd, async (finch) => {
        let box;
        if (opts.imap) box = await finch.mail.addImap(name, opts.imap, { password, keepBodies: opts.keepBodies });
        else {
          const clientId = opts.clientId ?? io().env.FINCH_GMAIL_CLIENT_ID;
          const clientSecret = opts.clientSecret ?? io().env.FINCH_GMAIL_CLIENT_SECRET;
          if (!clientId || !clientSecret) throw new FinchError('INVALID_INPUT', 'Gmail needs an OAuth client: --client-id and --client-secret (or FINCH_GMAIL_CLIENT_ID / FINCH_GMAIL_CLIENT_SECRET)');
          box = await finch.mail.addGmail(name, { clientId, clientSecret, keepBodies: opts.keepBodies, openUrl: (url) => io().err(`Open this address to let finch read your Gmail (read-only):\n${url}\n`) });
        }
        if (opts.json) return printJson(box);
        say(`added mailbox ${box.name} (${box.kind}, read-only)`);
      });
    });

  mail
    .command('list')
    .description('mailboxes and where their last sync stopped')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const rows = await finch.mail.list();
        if (opts.json) return printJson(rows);
        printTable(rows, [
          { header: 'name', value: (m) => m.name },
          { header: 'kind', value: (m) => m.kind },
          { header: 'where', value: (m) => ('host' in m.config ? `${m.config.user}@${m.config.host}:${m.config.port}/${m.config.mailbox}` : (m.config.email ?? 'gmail')) },
          { header: 'last sync', value: (m) => m.lastSyncAt ?? 'never' },
        ], 'no mailboxes: add one with finch mail add NAME --imap URL');
      });
    });

  mail
    .command('remove <name>')
    .description('forget a mailbox, its credentials and what was read from it (saved transactions stay)')
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        await finch.mail.remove(name);
        say(`removed mailbox ${name}`);
      });
    });

  mail
    .command('sync [name]')
    .description('read new mail (every mailbox, or NAME): alerts become pending transactions; --json lists read, created, matched, skipped and failed')
    .option('--since <date>', 'only mail from YYYY-MM-DD on')
    .option('--yes', 'save the transactions read instead of leaving them pending')
    .option('--json', 'print JSON')
    .action(async (name: string | undefined, opts: { since?: string; yes?: boolean; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const reports = await finch.mail.sync(name, { since: opts.since, yes: opts.yes, insecureTls: io().env.FINCH_IMAP_INSECURE_TLS === '1' });
        if (opts.json) return printJson(name ? reports[0] : reports);
        for (const r of reports) say(summary(r));
      });
    });

  mail
    .command('pending')
    .description('transactions read from mail, waiting to be confirmed')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const rows = await finch.mail.pending();
        if (opts.json) return printJson(rows);
        pendingTable(rows, 'nothing pending');
      });
    });

  mail
    .command('confirm [id]')
    .description('save a pending mail transaction to the ledger (corrections are remembered for its sender)')
    .option('--all', 'confirm every pending one')
    .option('--amount <amount>', 'correct the amount (+ for money in)')
    .option('--merchant <name>', 'correct the merchant')
    .option('--account <name>', 'correct the account')
    .option('--date <date>', 'correct the date (YYYY-MM-DD)')
    .option('--always', "from now on, save this sender's transactions without asking")
    .option('--json', 'print JSON')
    .action(async (id: string | undefined, opts: { all?: boolean; amount?: string; merchant?: string; account?: string; date?: string; always?: boolean; json?: boolean }, cmd: Command) => {
      const { FinchError } = await import('../../core/index.js');
      if (!!id === !!opts.all) throw new FinchError('INVALID_INPUT', 'say an id or --all');
      await withFinch(cmd, async (finch) => {
        const done = opts.all ? await finch.mail.confirmAll() : [await finch.mail.confirm(id!, { amount: opts.amount, merchant: opts.merchant, account: opts.account, date: opts.date }, { always: opts.always })];
        if (opts.json) return printJson(opts.all ? done : done[0]);
        for (const t of done) say(`saved ${t.date} ${t.amount} ${t.currency} ${t.merchant ?? ''} → transaction ${t.transactionId?.slice(0, 13)}`);
      });
    });

  mail
    .command('reject <id>')
    .description('drop a pending mail transaction (it was not a payment)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const t = await finch.mail.reject(id);
        if (opts.json) return printJson(t);
        say(`rejected ${t.date} ${t.amount} ${t.currency} ${t.merchant ?? ''}`);
      });
    });

  mail
    .command('matches')
    .description('mail transactions a statement row confirmed, each with why it matched')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const rows = (await finch.mail.transactions({ status: 'confirmed' })).filter((t) => t.match);
        if (opts.json) return printJson(rows);
        printTable(rows, [
          { header: 'id', value: (t) => t.id.slice(0, 13) },
          { header: 'date', value: (t) => t.date },
          { header: 'amount', value: (t) => `${t.amount} ${t.currency}`, align: 'right' },
          { header: 'merchant', value: (t) => t.merchant ?? '', max: 24 },
          { header: 'why', value: (t) => t.match!.explanation, max: 90 },
        ], 'no matches yet');
      });
    });

  mail
    .command('review')
    .description("mail transactions a statement of their account covered without a row for them")
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const rows = await finch.mail.unmatched();
        if (opts.json) return printJson(rows);
        pendingTable(rows, 'nothing to review: every mail transaction a statement covered was on it');
      });
    });

  mail
    .command('rule <sender>')
    .description("per-sender rule: --auto saves that sender's transactions without asking, --ask leaves them pending")
    .option('--auto', 'save without asking')
    .option('--ask', 'leave pending (the default)')
    .option('--json', 'print JSON')
    .action(async (sender: string, opts: { auto?: boolean; ask?: boolean; json?: boolean }, cmd: Command) => {
      const { FinchError } = await import('../../core/index.js');
      if (!!opts.auto === !!opts.ask) throw new FinchError('INVALID_INPUT', 'say --auto or --ask');
      await withFinch(cmd, async (finch) => {
        const t = await finch.mail.rule(sender, { autoSave: !!opts.auto });
        if (opts.json) return printJson({ sender: sender.toLowerCase(), template: t });
        say(`${sender}: ${opts.auto ? 'saved without asking' : 'left pending'}`);
      });
    });
}
