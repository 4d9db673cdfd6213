import { hostname } from 'node:os';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import type { Finch } from '../../../src/core/index.js';
import { cancelJob, claimNext, completeJob, enqueue, failJob, getJob, listJobs, recoverAbandoned, retryJob } from '../../../src/core/jobs/index.js';

describeEachDialect('job queue', (t) => {
  let finch: Finch;
  beforeEach(async () => {
    finch = await t.open();
  });
  afterEach(async () => {
    await finch.close();
    await t.cleanup();
  });

  it('queues a dedup key once, ever', async () => {
    const a = await enqueue(finch.ctx, { kind: 'k', payload: { n: 1 }, dedupKey: 'file:abc' });
    const b = await enqueue(finch.ctx, { kind: 'k', payload: { n: 2 }, dedupKey: 'file:abc' });
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.job.id).toBe(a.job.id);
    expect(b.job.payload).toEqual({ n: 1 });
    expect(await listJobs(finch.ctx)).toHaveLength(1);
  });

  it('hands out jobs in order, each once, and records completion', async () => {
    for (let i = 0; i < 3; i++) await enqueue(finch.ctx, { kind: 'k', payload: { i } });
    const first = await claimNext(finch.ctx, 'w1');
    expect(first).toMatchObject({ status: 'running', lockedBy: 'w1', attempts: 1, payload: { i: 0 } });
    await completeJob(finch.ctx, first!.id);
    expect((await getJob(finch.ctx, first!.id)).status).toBe('done');
    expect((await claimNext(finch.ctx, 'w1'))!.payload).toEqual({ i: 1 });
    expect((await claimNext(finch.ctx, 'w1'))!.payload).toEqual({ i: 2 });
    expect(await claimNext(finch.ctx, 'w1')).toBeNull();
    expect(await claimNext(finch.ctx, 'w1', ['other-kind'])).toBeNull();
  });

  it('lets concurrent workers share the queue without running a job twice', async () => {
    for (let i = 0; i < 40; i++) await enqueue(finch.ctx, { kind: 'k', payload: { i } });
    const workers = await Promise.all([1, 2, 3].map(() => t.open()));
    try {
      const seen: number[] = [];
      await Promise.all(
        workers.map(async (w, wi) => {
          for (;;) {
            const job = await claimNext(w.ctx, `worker-${wi}`);
            if (!job) break;
            seen.push((job.payload as { i: number }).i);
            await completeJob(w.ctx, job.id);
          }
        }),
      );
      expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
  });

  it('retries a failed job later with backoff, and gives up after its attempts', async () => {
    const { job } = await enqueue(finch.ctx, { kind: 'k', payload: {}, maxAttempts: 2 });
    const now = new Date();
    await claimNext(finch.ctx, 'w');
    const again = await failJob(finch.ctx, job.id, 'db busy', { retryable: true, now });
    expect(again.status).toBe('queued');
    expect(new Date(again.runAfter).getTime()).toBeGreaterThan(now.getTime());
    expect(await claimNext(finch.ctx, 'w')).toBeNull(); // not due yet
    await finch.ctx.db.updateTable('jobs').set({ run_after: now.toISOString() }).execute();
    await claimNext(finch.ctx, 'w');
    const dead = await failJob(finch.ctx, job.id, 'db busy', { retryable: true });
    expect([dead.status, dead.attempts, dead.lastError]).toEqual(['failed', 2, 'db busy']);
    const retried = await retryJob(finch.ctx, job.id.slice(0, 12));
    expect([retried.status, retried.attempts]).toEqual(['queued', 0]);
    await expect(retryJob(finch.ctx, job.id)).rejects.toThrow(/only failed or cancelled/);
    expect((await cancelJob(finch.ctx, job.id)).status).toBe('cancelled');
  });

  it('puts back jobs whose worker died or went silent', async () => {
    const a = await enqueue(finch.ctx, { kind: 'k', payload: { a: 1 } });
    const b = await enqueue(finch.ctx, { kind: 'k', payload: { b: 1 } });
    await claimNext(finch.ctx, `${hostname()}:999999`); // a pid that does not run
    await claimNext(finch.ctx, 'elsewhere:1');
    expect(await recoverAbandoned(finch.ctx, 60_000)).toBe(1);
    expect((await getJob(finch.ctx, a.job.id)).status).toBe('queued');
    expect((await getJob(finch.ctx, b.job.id)).status).toBe('running');
    expect(await recoverAbandoned(finch.ctx, 60_000, new Date(Date.now() + 120_000))).toBe(1);
    expect((await getJob(finch.ctx, b.job.id)).status).toBe('queued');
  });
});
