import type { Finch } from '../finch.js';
import { isFinchError } from '../errors/index.js';
import { claimNext, completeJob, enqueue, failJob, heartbeat, recoverAbandoned, workerId, type Job } from '../jobs/index.js';
import { listMailboxes } from './mailboxes.js';
import { syncMailbox, type SyncReport } from './sync.js';

export const MAIL_SYNC_JOB = 'mail.sync';

export interface MailJobPayload {
  mailbox: string;
  yes?: boolean;
}

export type MailEvent =
  | { type: 'mail-queued'; mailbox: string; jobId: string }
  | { type: 'mail-synced'; mailbox: string; jobId: string; read: number; created: number; matched: number; skipped: number; failed: number }
  | { type: 'mail-failed'; mailbox: string; jobId: string; error: string; willRetry: boolean };

/**
 * Queues a sync of every mailbox for the time slot `now` falls in (slots of `everyMs`). The
 * dedup key makes it once per slot, however many schedulers or restarts ask.
 */
export async function queueMailSync(finch: Finch, everyMs: number, now = Date.now()): Promise<Array<{ mailbox: string; job: Job; created: boolean }>> {
  const slot = Math.floor(now / everyMs);
  const out = [];
  for (const m of await listMailboxes(finch.ctx)) {
    const r = await enqueue(finch.ctx, { kind: MAIL_SYNC_JOB, payload: { mailbox: m.name } satisfies MailJobPayload, dedupKey: `mail:${m.id}:${everyMs}:${slot}`, maxAttempts: 3 });
    out.push({ mailbox: m.name, ...r });
  }
  return out;
}

/** Runs one mail job: a sync, then done; a failure is retried unless it is the credentials' or the input's fault. */
export async function runMailJob(finch: Finch, job: Job<MailJobPayload>, emit: (e: MailEvent) => void): Promise<SyncReport | null> {
  try {
    const r = await syncMailbox(finch, job.payload.mailbox, { yes: job.payload.yes });
    await completeJob(finch.ctx, job.id);
    emit({ type: 'mail-synced', mailbox: r.mailbox, jobId: job.id, read: r.read, created: r.created.length, matched: r.matched.length, skipped: r.skipped.length, failed: r.failed.length });
    return r;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const permanent = isFinchError(e) && ['PASSWORD', 'NOT_FOUND', 'INVALID_INPUT'].includes(e.code);
    const after = await failJob(finch.ctx, job.id, message, { retryable: !permanent });
    emit({ type: 'mail-failed', mailbox: job.payload.mailbox, jobId: job.id, error: message, willRetry: after.status === 'queued' });
    return null;
  }
}

/**
 * Takes mail sync jobs from the shared queue; with `everyMs` it also queues a sync of every
 * mailbox each period (finch watch --mail --every 15m).
 */
export class MailWorker {
  private stopped = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  readonly id = workerId();

  constructor(
    private readonly finch: Finch,
    private readonly options: { everyMs?: number; pollMs?: number; leaseMs?: number },
    private readonly emit: (e: MailEvent) => void,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  private async schedule(): Promise<void> {
    if (!this.options.everyMs) return;
    for (const q of await queueMailSync(this.finch, this.options.everyMs)) if (q.created) this.emit({ type: 'mail-queued', mailbox: q.mailbox, jobId: q.job.id });
  }

  private async run(): Promise<void> {
    const lease = this.options.leaseMs ?? 120_000;
    await recoverAbandoned(this.finch.ctx, lease);
    while (!this.stopped) {
      await this.schedule();
      const job = await claimNext(this.finch.ctx, this.id, [MAIL_SYNC_JOB]);
      if (!job) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.options.pollMs ?? 1000);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        continue;
      }
      const beat = setInterval(() => void heartbeat(this.finch.ctx, job.id, this.id).catch(() => undefined), Math.max(1000, lease / 3));
      try {
        await runMailJob(this.finch, job as Job<MailJobPayload>, this.emit);
      } finally {
        clearInterval(beat);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }
}
