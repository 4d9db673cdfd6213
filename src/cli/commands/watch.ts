import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { InboxEvent, InboxOptions, MailEvent } from '../../core/index.js';
import { io } from '../io.js';
import { printJson, printTable, say } from '../output.js';
import { collect, withFinch } from '../run.js';

async function rulesFrom(values: string[] | undefined): Promise<InboxOptions['rules']> {
  const { FinchError } = await import('../../core/index.js');
  return (values ?? []).map((v) => {
    const at = v.lastIndexOf('=');
    if (at <= 0) throw new FinchError('INVALID_INPUT', `invalid rule "${v}": expected PATTERN=ACCOUNT, e.g. 'hdfc.*\\.pdf=HDFC Savings'`);
    const pattern = v.slice(0, at);
    try {
      new RegExp(pattern);
    } catch {
      throw new FinchError('INVALID_INPUT', `invalid rule pattern "${pattern}"`);
    }
    return { pattern, account: v.slice(at + 1) };
  });
}

function human(e: InboxEvent | MailEvent): string | null {
  switch (e.type) {
    case 'mail-queued':
      return `mail       ${e.mailbox}: sync queued`;
    case 'mail-synced':
      return `mail       ${e.mailbox}: ${e.read} read, ${e.created} new, ${e.matched} matched, ${e.skipped} not transactions, ${e.failed} failed`;
    case 'mail-failed':
      return `mail       ${e.mailbox}: ${e.error}${e.willRetry ? ' (will retry)' : ''}`;
    case 'queued':
      return `queued     ${e.file}`;
    case 'already-imported':
      return `duplicate  ${e.file} (imported before; moved to processed/)`;
    case 'twin-queued':
      return `twin       ${e.file} (the same bytes as ${e.twinFile}, still being imported; queued after it)`;
    case 'started':
      return null;
    case 'processed':
      return `processed  ${e.file} → ${e.account}: ${e.created} new, ${e.skipped} duplicates, ${e.review} to review`;
    case 'failed':
      return `failed     ${e.file}: ${e.error}${e.willRetry ? ' (will retry)' : ' (moved to failed/)'}`;
    case 'recovered':
      return `recovered  ${e.count} job(s) a stopped worker left running`;
  }
}

/** JSON lines (pino) to FINCH_HOME/logs/watch.log, or to stdout when it is not a terminal. */
async function eventLogger(home: string) {
  const { default: pino } = await import('pino');
  const tty = io().stdoutIsTTY;
  let destination;
  if (tty) {
    mkdirSync(join(home, 'logs'), { recursive: true, mode: 0o700 });
    destination = pino.destination({ dest: join(home, 'logs', 'watch.log'), sync: true, mode: 0o600 });
  } else {
    destination = pino.destination({ dest: 1, sync: true });
  }
  const log = pino({ base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
  return (e: InboxEvent | MailEvent) => {
    log[e.type === 'failed' || e.type === 'mail-failed' ? 'warn' : 'info']({ event: e.type, ...e }, e.type);
    if (tty) {
      const line = human(e);
      if (line) say(`${new Date().toTimeString().slice(0, 8)}  ${line}`);
    }
  };
}

/** "15m" → ms. */
async function period(text: string): Promise<number> {
  const m = /^(\d+)\s*(s|m|h)$/.exec(text.trim());
  const { FinchError } = await import('../../core/index.js');
  if (!m || Number(m[1]) === 0) throw new FinchError('INVALID_INPUT', `invalid period "${text}": expected e.g. 30s, 15m, 1h`);
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 's' | 'm' | 'h'];
}

/** Mail sync jobs (src/core/mail): queued each period when `everyMs`, run from the shared queue. */
async function startMailWorker(finch: import('../../core/index.js').Finch, everyMs: number, emit: (e: MailEvent) => void) {
  const { MailWorker } = await (await import('../../core/index.js')).modules.mail();
  const worker = new MailWorker(finch, { everyMs: everyMs || undefined }, emit);
  worker.start();
  return worker;
}

function untilSignal(): Promise<void> {
  return new Promise((resolveSignal) => {
    const done = () => resolveSignal();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

export function register(program: Command): void {
  program
    .command('watch [dir]')
    .description('watch an inbox folder: each statement dropped in is imported (durably), then moved to processed/ or failed/ with a .log.json; --mail also syncs mailboxes on a schedule')
    .option('--account <name>', 'account for files no folder, rule or account number places')
    .option('--rule <pattern=account>', 'file-name regex → account (repeatable)', collect)
    .option('--lease <ms>', 'retry a job whose worker went silent for this long', (v) => Number(v), 60_000)
    .option('--settle <ms>', 'wait until a file stops growing for this long', (v) => Number(v), 500)
    .option('--mail', 'also sync every mailbox (finch mail add) as queued jobs')
    .option('--every <period>', 'how often --mail syncs: 30s, 15m, 1h', '15m')
    .action(async (dir: string | undefined, opts: { account?: string; rule?: string[]; lease: number; settle: number; mail?: boolean; every: string }, cmd: Command) => {
      const rules = await rulesFrom(opts.rule);
      const { FinchError } = await import('../../core/index.js');
      if (!dir && !opts.mail) throw new FinchError('INVALID_INPUT', 'say a folder to watch, or --mail');
      const everyMs = opts.mail ? await period(opts.every) : 0;
      await withFinch(cmd, async (finch) => {
        const { watchInbox } = await (await import('../../core/index.js')).modules.jobs();
        const emit = await eventLogger(finch.home);
        const handle = dir ? await watchInbox(finch, resolve(dir), { rules, defaultAccount: opts.account, leaseMs: opts.lease, settleMs: opts.settle }, emit) : undefined;
        const mailWorker = opts.mail ? await startMailWorker(finch, everyMs, emit) : undefined;
        if (io().stdoutIsTTY) say(`watching ${[dir && resolve(dir), opts.mail && `mailboxes every ${opts.every}`].filter(Boolean).join(' and ')} (Ctrl+C to stop)`);
        await untilSignal();
        await handle?.close();
        await mailWorker?.stop();
      });
    });

  program
    .command('worker')
    .description('run statement jobs from the shared queue (several may run against one PostgreSQL)')
    .option('--account <name>', 'account for files no folder, rule or account number places')
    .option('--rule <pattern=account>', 'file-name regex → account (repeatable)', collect)
    .option('--lease <ms>', 'retry a job whose worker went silent for this long', (v) => Number(v), 60_000)
    .action(async (opts: { account?: string; rule?: string[]; lease: number }, cmd: Command) => {
      const rules = await rulesFrom(opts.rule);
      await withFinch(cmd, async (finch) => {
        const { InboxWorker } = await (await import('../../core/index.js')).modules.jobs();
        const emit = await eventLogger(finch.home);
        const worker = new InboxWorker(finch, { rules, defaultAccount: opts.account, leaseMs: opts.lease }, emit);
        worker.start();
        const mailWorker = await startMailWorker(finch, 0, emit);
        await untilSignal();
        await worker.stop();
        await mailWorker.stop();
      });
    });

  const jobs = program.command('jobs').description('the durable job queue behind finch watch');
  jobs
    .command('list')
    .description('recent jobs')
    .option('--status <status>', 'queued | running | done | failed | cancelled')
    .option('--json', 'print JSON')
    .action(async (opts: { status?: string; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const { listJobs } = await (await import('../../core/index.js')).modules.jobs();
        const rows = await listJobs(finch.ctx, { status: opts.status as 'queued' | undefined });
        if (opts.json) return printJson(rows);
        printTable(rows, [
          { header: 'id', value: (j) => j.id.slice(0, 13) },
          { header: 'kind', value: (j) => j.kind },
          { header: 'file', value: (j) => (j.payload as { relative?: string }).relative ?? '', max: 36 },
          { header: 'status', value: (j) => j.status },
          { header: 'tries', value: (j) => `${j.attempts}/${j.maxAttempts}` },
          { header: 'error', value: (j) => j.lastError ?? '', max: 50 },
        ], 'no jobs');
      });
    });
  jobs
    .command('retry <id>')
    .description('run a failed job again now: its file comes back from failed/ and goes through the pipeline')
    .option('--account <name>', 'account for a file no folder, rule or account number places')
    .option('--rule <pattern=account>', 'file-name regex → account (repeatable)', collect)
    .option('--queue-only', 'only queue it for a running finch watch or finch worker')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { account?: string; rule?: string[]; queueOnly?: boolean; json?: boolean }, cmd: Command) => {
      const rules = await rulesFrom(opts.rule);
      await withFinch(cmd, async (finch) => {
        const q = await (await import('../../core/index.js')).modules.jobs();
        const events: InboxEvent[] = [];
        const job = await q.retryStatementJob(finch, id, { rules, defaultAccount: opts.account, queueOnly: opts.queueOnly }, (e) => events.push(e));
        if (opts.json) return printJson({ ...job, events });
        for (const e of events) {
          const line = human(e);
          if (line) say(line);
        }
        say(`job ${job.id.slice(0, 13)} ${job.status === 'queued' ? 'queued again' : job.status}`);
        if (job.status === 'failed') {
          const { CliError } = await import('../cli-error.js');
          throw new CliError('INVALID_INPUT', `job ${job.id.slice(0, 13)} failed again: ${job.lastError ?? 'see finch jobs list'}`);
        }
      });
    });
  for (const [name, verb] of [['cancel', 'cancelled']] as const) {
    jobs
      .command(`${name} <id>`)
      .description('cancel a queued job')
      .option('--json', 'print JSON')
      .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
        await withFinch(cmd, async (finch) => {
          const q = await (await import('../../core/index.js')).modules.jobs();
          const job = await q.cancelJob(finch.ctx, id);
          if (opts.json) return printJson(job);
          say(`job ${job.id.slice(0, 13)} ${verb}`);
        });
      });
  }
}
