import { hostname } from 'node:os';
import { sql } from 'kysely';
import { newId, parseJson, type Ctx, type Database, type JobStatus } from '../db/index.js';
import { notFound, FinchError } from '../errors/index.js';
import { nowIso } from '../calendar/index.js';

export interface Job<P = unknown> {
  id: string;
  kind: string;
  payload: P;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAfter: string;
  lockedBy: string | null;
  lockedAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

function toJob<P>(r: Database['jobs']): Job<P> {
  return {
    id: r.id,
    kind: r.kind,
    payload: parseJson<P>(r.payload_json, {} as P),
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    runAfter: r.run_after,
    lockedBy: r.locked_by,
    lockedAt: r.locked_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** This process, as a worker: host and pid, so a restarted daemon can tell its dead self's jobs. */
export function workerId(): string {
  return `${hostname()}:${process.pid}`;
}

export interface EnqueueResult {
  job: Job;
  /** False when a job with the same dedup key already existed (nothing new was queued). */
  created: boolean;
}

/**
 * Queues a job. A dedup key makes it idempotent: the same key queues once, ever, so the same file
 * dropped twice is imported once.
 */
export async function enqueue(ctx: Ctx, input: { kind: string; payload: unknown; dedupKey?: string; maxAttempts?: number }): Promise<EnqueueResult> {
  const now = nowIso();
  const id = newId();
  const dedup = input.dedupKey ? `${ctx.userId}:${input.dedupKey}` : null;
  await ctx.db
    .insertInto('jobs')
    .values({
      id,
      user_id: ctx.userId,
      kind: input.kind,
      payload_json: JSON.stringify(input.payload),
      status: 'queued',
      attempts: 0,
      max_attempts: input.maxAttempts ?? 5,
      run_after: now,
      locked_by: null,
      locked_at: null,
      last_error: null,
      dedup_key: dedup,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('dedup_key').doNothing())
    .execute();
  const row = dedup
    ? await ctx.db.selectFrom('jobs').selectAll().where('dedup_key', '=', dedup).executeTakeFirstOrThrow()
    : await ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { job: toJob(row), created: row.id === id };
}

/**
 * Takes the next due job for this user, marking it running and locked by `worker`. On Postgres
 * concurrent workers skip each other's locked rows (FOR UPDATE SKIP LOCKED); on SQLite the claim
 * is a conditional update that only one writer can win.
 */
export async function claimNext(ctx: Ctx, worker: string, kinds?: readonly string[]): Promise<Job | null> {
  const now = nowIso();
  if (ctx.dialect === 'postgres') {
    const kindFilter = kinds?.length ? sql`and kind in (${sql.join(kinds.map((k) => sql`${k}`))})` : sql``;
    const r = await sql<Database['jobs']>`
      update jobs set status = 'running', locked_by = ${worker}, locked_at = ${now}, attempts = attempts + 1, updated_at = ${now}
      where id = (
        select id from jobs
        where user_id = ${ctx.userId} and status = 'queued' and run_after <= ${now} ${kindFilter}
        order by run_after, id
        for update skip locked
        limit 1
      )
      returning *`.execute(ctx.db);
    return r.rows[0] ? toJob(r.rows[0]) : null;
  }
  for (let tries = 0; tries < 5; tries++) {
    let q = ctx.db.selectFrom('jobs').select('id').where('user_id', '=', ctx.userId).where('status', '=', 'queued').where('run_after', '<=', now);
    if (kinds?.length) q = q.where('kind', 'in', kinds);
    const next = await q.orderBy('run_after').orderBy('id').limit(1).executeTakeFirst();
    if (!next) return null;
    const won = await ctx.db
      .updateTable('jobs')
      .set((eb) => ({ status: 'running', locked_by: worker, locked_at: now, attempts: eb('attempts', '+', 1), updated_at: now }))
      .where('id', '=', next.id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (Number(won.numUpdatedRows) === 1) return getJob(ctx, next.id);
  }
  return null;
}

/** Claims one given queued job for `worker` (null when another worker took it first). */
export async function claimJob(ctx: Ctx, id: string, worker: string): Promise<Job | null> {
  const now = nowIso();
  const won = await ctx.db
    .updateTable('jobs')
    .set((eb) => ({ status: 'running', locked_by: worker, locked_at: now, attempts: eb('attempts', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .where('user_id', '=', ctx.userId)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(won.numUpdatedRows) === 1 ? getJob(ctx, id) : null;
}

/** Keeps a running job's lease alive. */
export async function heartbeat(ctx: Ctx, id: string, worker: string): Promise<void> {
  await ctx.db.updateTable('jobs').set({ locked_at: nowIso() }).where('id', '=', id).where('locked_by', '=', worker).execute();
}

export async function completeJob(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.updateTable('jobs').set({ status: 'done', locked_by: null, locked_at: null, last_error: null, updated_at: nowIso() }).where('id', '=', id).execute();
}

/**
 * Records a failure. Retryable failures go back to the queue with exponential backoff until the
 * job has used its attempts; a permanent one (bad file, wrong password) fails at once.
 */
export async function failJob(ctx: Ctx, id: string, error: string, options: { retryable: boolean; now?: Date }): Promise<Job> {
  const job = await getJob(ctx, id);
  const now = options.now ?? new Date();
  const retry = options.retryable && job.attempts < job.maxAttempts;
  const delayMs = Math.min(10 * 60_000, 1000 * 2 ** job.attempts);
  await ctx.db
    .updateTable('jobs')
    .set({
      status: retry ? 'queued' : 'failed',
      run_after: retry ? new Date(now.getTime() + delayMs).toISOString() : job.runAfter,
      locked_by: null,
      locked_at: null,
      last_error: error,
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
  return getJob(ctx, id);
}

/**
 * Puts back jobs whose worker died: those locked by a process of this host that no longer runs,
 * and any whose lease ran out (a worker elsewhere stopped sending heartbeats).
 */
export async function recoverAbandoned(ctx: Ctx, leaseMs: number, now: Date = new Date()): Promise<number> {
  const running = await ctx.db.selectFrom('jobs').select(['id', 'locked_by', 'locked_at']).where('user_id', '=', ctx.userId).where('status', '=', 'running').execute();
  const host = hostname();
  const expired = new Date(now.getTime() - leaseMs).toISOString();
  const dead = running.filter((j) => {
    const [h, pid] = (j.locked_by ?? '').split(':');
    if (h === host && pid && Number(pid) !== process.pid && !alive(Number(pid))) return true;
    return (j.locked_at ?? '') < expired;
  });
  for (const j of dead) {
    await ctx.db
      .updateTable('jobs')
      .set({ status: 'queued', locked_by: null, locked_at: null, last_error: 'worker stopped before finishing; retried', updated_at: now.toISOString() })
      .where('id', '=', j.id)
      .where('status', '=', 'running')
      .execute();
  }
  return dead.length;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function getJob(ctx: Ctx, idOrPrefix: string): Promise<Job> {
  const key = idOrPrefix.trim().toLowerCase();
  const rows = await ctx.db.selectFrom('jobs').selectAll().where('user_id', '=', ctx.userId).where('id', 'like', `${key}%`).limit(2).execute();
  if (rows.length === 0) throw notFound(`no job ${idOrPrefix}`);
  if (rows.length > 1) throw new FinchError('INVALID_INPUT', `job id prefix "${idOrPrefix}" is ambiguous`);
  return toJob(rows[0]!);
}

export async function listJobs(ctx: Ctx, options: { status?: JobStatus; limit?: number } = {}): Promise<Job[]> {
  let q = ctx.db.selectFrom('jobs').selectAll().where('user_id', '=', ctx.userId);
  if (options.status) q = q.where('status', '=', options.status);
  return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit ?? 100).execute()).map((r) => toJob(r));
}

export async function retryJob(ctx: Ctx, id: string): Promise<Job> {
  const job = await getJob(ctx, id);
  if (job.status !== 'failed' && job.status !== 'cancelled') throw new FinchError('CONFLICT', `job ${job.id.slice(0, 13)} is ${job.status}; only failed or cancelled jobs can be retried`);
  await ctx.db.updateTable('jobs').set({ status: 'queued', attempts: 0, run_after: nowIso(), last_error: null, updated_at: nowIso() }).where('id', '=', job.id).execute();
  return getJob(ctx, job.id);
}

export async function cancelJob(ctx: Ctx, id: string): Promise<Job> {
  const job = await getJob(ctx, id);
  if (job.status !== 'queued') throw new FinchError('CONFLICT', `job ${job.id.slice(0, 13)} is ${job.status}; only queued jobs can be cancelled`);
  await ctx.db.updateTable('jobs').set({ status: 'cancelled', updated_at: nowIso() }).where('id', '=', job.id).where('status', '=', 'queued').execute();
  return getJob(ctx, job.id);
}
