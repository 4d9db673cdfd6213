import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import type { Finch } from '../finch.js';
import { FinchError, isFinchError } from '../errors/index.js';
import { nowIso } from '../calendar/index.js';
import { claimJob, claimNext, completeJob, enqueue, failJob, getJob, heartbeat, recoverAbandoned, retryJob, workerId, type Job } from './queue.js';

export const STATEMENT_JOB = 'statement.import';
const STATEMENT_EXTENSIONS = new Set(['.pdf', '.csv', '.ofx', '.qfx', '.qif', '.xml', '.camt', '.053']);

export interface InboxRule {
  /** A regular expression matched against the file name, case-insensitively. */
  pattern: string;
  account: string;
}

export interface InboxOptions {
  rules?: InboxRule[];
  /** Used when no folder, rule or account number names the account. */
  defaultAccount?: string;
  /** Jobs whose worker sent no heartbeat for this long are retried (default 60 s). */
  leaseMs?: number;
  /** How long a file must stop growing before it is queued (default 500 ms). */
  settleMs?: number;
  pollMs?: number;
}

export interface StatementJobPayload {
  inbox: string;
  path: string;
  relative: string;
  sha256: string;
}

export type InboxEvent =
  | { type: 'queued'; file: string; jobId: string }
  | { type: 'already-imported'; file: string; jobId: string }
  /** The same bytes as a file whose job is still queued, running or failed: queued after it. */
  | { type: 'twin-queued'; file: string; jobId: string; twinOf: string; twinFile: string }
  | { type: 'started'; file: string; jobId: string; attempt: number }
  | { type: 'processed'; file: string; jobId: string; account: string; created: number; skipped: number; review: number; status: string }
  | { type: 'failed'; file: string; jobId: string; error: string; willRetry: boolean }
  | { type: 'recovered'; count: number };

export function isStatementFile(path: string): boolean {
  return STATEMENT_EXTENSIONS.has(extname(path).toLowerCase()) && !basename(path).startsWith('.');
}

function inSubfolder(inbox: string, path: string, name: string): boolean {
  return relative(inbox, path).split(sep)[0] === name;
}

/**
 * A symlink is never followed: a link to a folder elsewhere would have finch move files out of
 * where they live, and a link back into the inbox loops. Only regular files directly under the
 * inbox's real tree are statements.
 */
function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** True when `path`, with every link resolved, is still inside `inbox` (and not in processed/ or failed/). */
function realInsideInbox(inbox: string, path: string): boolean {
  try {
    const root = realpathSync(inbox);
    const rel = relative(root, realpathSync(path));
    const top = rel.split(sep)[0];
    return rel !== '' && !rel.startsWith('..') && top !== 'processed' && top !== 'failed';
  } catch {
    return false;
  }
}

/** Queues a file found in the inbox; the same bytes queue once, ever. */
export async function queueInboxFile(finch: Finch, inbox: string, path: string): Promise<{ job: Job; created: boolean }> {
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const payload: StatementJobPayload = { inbox, path, relative: relative(inbox, path), sha256 };
  return enqueue(finch.ctx, { kind: STATEMENT_JOB, payload, dedupKey: `inbox:${sha256}` });
}

/**
 * A second copy of bytes whose job has not finished (queued, running, or failed) gets a job of its
 * own, keyed by its path: the pipeline's file claim makes it wait for its twin and then report a
 * duplicate (or import it, when the twin failed), and it is moved with its log like any file.
 */
export async function queueTwin(finch: Finch, inbox: string, path: string, twin: Job<StatementJobPayload>): Promise<{ job: Job; created: boolean }> {
  const payload: StatementJobPayload = { inbox, path, relative: relative(inbox, path), sha256: twin.payload.sha256 };
  return enqueue(finch.ctx, { kind: STATEMENT_JOB, payload, dedupKey: `inbox:${twin.payload.sha256}:${payload.relative}` });
}

/** Which account a file belongs to: its folder, then a filename rule, then its printed account number. */
export async function accountFor(finch: Finch, payload: StatementJobPayload, options: InboxOptions, password?: string): Promise<string> {
  const accounts = await finch.accounts.list();
  const folder = payload.relative.split(sep).length > 1 ? payload.relative.split(sep)[0]! : undefined;
  const byFolder = folder && accounts.find((a) => a.name.toLowerCase() === folder.toLowerCase());
  if (byFolder) return byFolder.name;
  const name = basename(payload.path);
  for (const rule of options.rules ?? []) {
    if (new RegExp(rule.pattern, 'i').test(name)) return rule.account;
  }
  const hinted = accounts.filter((a) => a.numberHint);
  if (hinted.length) {
    const read = await finch.statements.parse(new Uint8Array(readFileSync(payload.path)), { filename: name, password, trySavedPasswords: true });
    const printed = (read.statement.accountNumber ?? '').replace(/\D/g, '');
    const match = printed.length >= 4 && hinted.find((a) => printed.endsWith(a.numberHint!.replace(/\D/g, '').slice(-4)));
    if (match) return match.name;
  }
  if (options.defaultAccount) return options.defaultAccount;
  throw new FinchError('NOT_FOUND', `no account for ${payload.relative}: put it in a folder named after the account, add a --rule, or set the account's --number`);
}

function moveWithLog(payload: StatementJobPayload, to: 'processed' | 'failed', log: Record<string, unknown>): string {
  const dir = join(payload.inbox, to);
  if (isSymlink(dir)) throw new FinchError('IO', `${dir} is a symbolic link: finch moves files only into a real ${to}/ folder`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let target = join(dir, basename(payload.path));
  for (let n = 2; existsSync(target); n++) {
    const ext = extname(payload.path);
    target = join(dir, `${basename(payload.path, ext)}-${n}${ext}`);
  }
  if (existsSync(payload.path)) renameSync(payload.path, target);
  writeFileSync(`${target}.log.json`, `${JSON.stringify({ ...log, file: payload.relative, movedTo: relative(payload.inbox, target), at: nowIso() }, null, 2)}\n`, { mode: 0o600 });
  return target;
}

/** Errors a retry cannot fix: the file itself is the problem. */
function permanent(e: unknown): boolean {
  return isFinchError(e) && ['INVALID_INPUT', 'UNSUPPORTED', 'PASSWORD', 'NOT_FOUND', 'CONFLICT'].includes(e.code);
}

/** Runs one statement job to the end: import, then move the file with its log. */
export async function runStatementJob(finch: Finch, job: Job<StatementJobPayload>, options: InboxOptions, emit: (e: InboxEvent) => void): Promise<void> {
  const p = job.payload;
  emit({ type: 'started', file: p.relative, jobId: job.id, attempt: job.attempts });
  if (!existsSync(p.path)) {
    // Moved already by a run that stopped before marking the job done: the import committed.
    await completeJob(finch.ctx, job.id);
    return;
  }
  try {
    const account = await accountFor(finch, p, options);
    const r = await finch.statements.import({ bytes: new Uint8Array(readFileSync(p.path)), filename: basename(p.path), account, trySavedPasswords: true });
    moveWithLog(p, 'processed', { status: r.status, account, statementId: r.fileId, created: r.created, skippedDuplicates: r.skippedDuplicates, needsReview: r.needsReview, unread: r.unread, reconciled: r.reconciled, notes: r.notes, stages: r.stages });
    await completeJob(finch.ctx, job.id);
    emit({ type: 'processed', file: p.relative, jobId: job.id, account, created: r.created, skipped: r.skippedDuplicates, review: r.needsReview, status: r.status });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const after = await failJob(finch.ctx, job.id, message, { retryable: !permanent(e) });
    const willRetry = after.status === 'queued';
    if (!willRetry) moveWithLog(p, 'failed', { status: 'failed', error: message, attempts: after.attempts });
    emit({ type: 'failed', file: p.relative, jobId: job.id, error: message, willRetry });
  }
}

/**
 * Puts a failed statement back where it was dropped (found in failed/ by its content) and drops
 * the failure log, so the job's next run imports it instead of finding nothing to do.
 */
function restoreFromFailed(p: StatementJobPayload): void {
  if (existsSync(p.path)) return;
  const dir = join(p.inbox, 'failed');
  const candidates = existsSync(dir) && !isSymlink(dir) ? readdirSync(dir).filter((n) => !n.endsWith('.log.json')) : [];
  for (const name of candidates) {
    const file = join(dir, name);
    if (!lstatSync(file).isFile()) continue;
    if (createHash('sha256').update(readFileSync(file)).digest('hex') !== p.sha256) continue;
    mkdirSync(dirname(p.path), { recursive: true });
    renameSync(file, p.path);
    rmSync(`${file}.log.json`, { force: true });
    return;
  }
  throw new FinchError('NOT_FOUND', `the file of this job is neither at ${p.relative} nor in ${dir}`);
}

/**
 * `finch jobs retry`: moves a statement job's file back from failed/, queues the job again and,
 * unless `queueOnly`, runs it now (a running watch may claim it first; either way it runs once).
 */
export async function retryStatementJob(
  finch: Finch,
  id: string,
  options: InboxOptions & { queueOnly?: boolean },
  emit: (e: InboxEvent) => void = () => undefined,
): Promise<Job> {
  const job = await getJob(finch.ctx, id);
  if (job.kind === STATEMENT_JOB && (job.status === 'failed' || job.status === 'cancelled')) restoreFromFailed(job.payload as StatementJobPayload);
  const queued = await retryJob(finch.ctx, job.id);
  if (options.queueOnly || queued.kind !== STATEMENT_JOB) return queued;
  const claimed = await claimJob(finch.ctx, queued.id, workerId());
  if (claimed) await runStatementJob(finch, claimed as Job<StatementJobPayload>, options, emit);
  return getJob(finch.ctx, queued.id);
}

/** A worker: takes statement jobs one at a time until stopped. */
export class InboxWorker {
  private stopped = false;
  private idle: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  readonly id = workerId();

  constructor(
    private readonly finch: Finch,
    private readonly options: InboxOptions,
    private readonly emit: (e: InboxEvent) => void,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Wakes the worker now instead of at its next poll. */
  poke(): void {
    this.idle?.();
  }

  private async run(): Promise<void> {
    const lease = this.options.leaseMs ?? 60_000;
    // Statements a killed importer left `processing` are marked failed, so their jobs can retry them.
    await this.finch.statements.recoverInterrupted();
    const recovered = await recoverAbandoned(this.finch.ctx, lease);
    if (recovered) this.emit({ type: 'recovered', count: recovered });
    let lastRecovery = Date.now();
    while (!this.stopped) {
      if (Date.now() - lastRecovery > lease) {
        const n = await recoverAbandoned(this.finch.ctx, lease);
        if (n) this.emit({ type: 'recovered', count: n });
        lastRecovery = Date.now();
      }
      const job = await claimNext(this.finch.ctx, this.id, [STATEMENT_JOB]);
      if (!job) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.options.pollMs ?? 1000);
          this.idle = () => {
            clearTimeout(t);
            resolve();
          };
        });
        continue;
      }
      const beat = setInterval(() => void heartbeat(this.finch.ctx, job.id, this.id).catch(() => undefined), Math.max(1000, lease / 3));
      try {
        await runStatementJob(this.finch, job as Job<StatementJobPayload>, this.options, this.emit);
      } finally {
        clearInterval(beat);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.idle?.();
    await this.loop;
  }
}

/**
 * Watches an inbox folder: every statement file that appears (once it stops growing) becomes a
 * durable job, and a worker runs it through the pipeline. `processed/` and `failed/` are ignored.
 */
export async function watchInbox(finch: Finch, inbox: string, options: InboxOptions, emit: (e: InboxEvent) => void): Promise<{ worker: InboxWorker; close: () => Promise<void> }> {
  if (!existsSync(inbox) || !statSync(inbox).isDirectory()) throw new FinchError('IO', `inbox ${inbox} is not a folder`);
  const { watch } = await import('chokidar');
  const worker = new InboxWorker(finch, options, emit);
  const watcher = watch(inbox, {
    ignoreInitial: false,
    depth: 2,
    awaitWriteFinish: { stabilityThreshold: options.settleMs ?? 500, pollInterval: 100 },
    // chokidar's followSymlinks: false still reports a link itself; onFile refuses it.
    followSymlinks: false,
    ignored: (path: string) => inSubfolder(inbox, path, 'processed') || inSubfolder(inbox, path, 'failed') || basename(path).startsWith('.') || isSymlink(path),
  });
  const onFile = async (path: string) => {
    if (!isStatementFile(path) || isSymlink(path) || !realInsideInbox(inbox, path)) return;
    try {
      const { job, created } = await queueInboxFile(finch, inbox, path);
      if (created) {
        emit({ type: 'queued', file: relative(inbox, path), jobId: job.id });
        worker.poke();
      } else if (job.status === 'done') {
        moveWithLog({ inbox, path, relative: relative(inbox, path), sha256: '' }, 'processed', { status: 'duplicate', note: 'this exact file was imported before; nothing was created', jobId: job.id });
        emit({ type: 'already-imported', file: relative(inbox, path), jobId: job.id });
      } else if ((job as Job<StatementJobPayload>).payload.path !== path) {
        const twin = await queueTwin(finch, inbox, path, job as Job<StatementJobPayload>);
        if (twin.created) {
          emit({ type: 'twin-queued', file: relative(inbox, path), jobId: twin.job.id, twinOf: job.id, twinFile: (job as Job<StatementJobPayload>).payload.relative });
          worker.poke();
        }
      }
    } catch (e) {
      emit({ type: 'failed', file: relative(inbox, path), jobId: '', error: e instanceof Error ? e.message : String(e), willRetry: false });
    }
  };
  watcher.on('add', (p) => void onFile(p));
  watcher.on('change', (p) => void onFile(p));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  worker.start();
  return {
    worker,
    close: async () => {
      await watcher.close();
      await worker.stop();
    },
  };
}

