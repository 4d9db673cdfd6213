import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import { FinchError } from '../../../src/core/index.js';
import { aiUsageReport, microsToUsd, setAiSetting } from '../../../src/core/ai/index.js';
import { recordAiUsage } from '../../../src/core/ai/usage.js';
import { aiWorld, askReceipt, receipt, type AiWorld } from './setup.js';

describeEachDialect('AI usage report', (t) => {
  let w: AiWorld | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
    await t.cleanup();
  });

  it('adds up calls, outcomes, tokens and cost per provider and model', async () => {
    let at = Date.parse('2025-05-10T12:00:00.000Z');
    const now = () => new Date((at += 1000));
    w = await aiWorld(t, { now });
    await setAiSetting(w.finch.ctx, 'ai.rate_limit_per_hour', 4);
    const { openai, anthropic } = w.servers;
    openai.enqueue({ kind: 'json', value: receipt, inputTokens: 1000, outputTokens: 200 }); // ok: 150 + 120 = 270 µ$
    await askReceipt(w.ai, 'a');
    openai.enqueue({ kind: 'json', value: receipt, inputTokens: 3000, outputTokens: 100 }); // ok: 450 + 60 = 510 µ$
    await askReceipt(w.ai, 'b');
    await askReceipt(w.ai, 'a'); // cached (openai)
    openai.enqueue({ kind: 'status', status: 500 });
    anthropic.enqueue({ kind: 'json', value: receipt, inputTokens: 2000, outputTokens: 100 }); // 1600 + 400 = 2000 µ$
    await askReceipt(w.ai, 'c'); // calls 3 and 4 (the limit is checked once, before the chain)
    await expect(askReceipt(w.ai, 'd')).rejects.toBeInstanceOf(FinchError); // rate limited

    const report = await aiUsageReport(w.finch.ctx);
    expect(report.from).toBeNull();
    expect(report.rows.map(({ avgLatencyMs: _l, ...r }) => r)).toEqual([
      {
        provider: 'openai',
        model: 'gpt-4o-mini',
        calls: 3,
        ok: 2,
        errors: 1,
        invalid: 0,
        cached: 1,
        rateLimited: 1,
        inputTokens: 4000,
        outputTokens: 300,
        cost: '0.000780',
        costMicros: 780,
      },
      {
        provider: 'anthropic',
        model: 'claude-3-5-haiku-latest',
        calls: 1,
        ok: 1,
        errors: 0,
        invalid: 0,
        cached: 0,
        rateLimited: 0,
        inputTokens: 2000,
        outputTokens: 100,
        cost: '0.002000',
        costMicros: 2000,
      },
    ]);
    expect(report.total).toMatchObject({ provider: 'all', model: 'all', calls: 4, ok: 3, errors: 1, cached: 1, rateLimited: 1, inputTokens: 6000, outputTokens: 400, cost: '0.002780' });
    for (const r of [...report.rows, report.total]) expect(r.avgLatencyMs).toEqual(expect.any(Number));
  });

  it('averages latency over real calls only, and filters by day', async () => {
    w = await aiWorld(t, { keys: [] });
    const ctx = w.finch.ctx;
    const base = { provider: 'gemini', model: 'gemini-2.0-flash', purpose: 'test', inputTokens: 10, outputTokens: 5, costMicros: 3, error: null };
    await recordAiUsage(ctx, { ...base, outcome: 'ok', latencyMs: 100, createdAt: new Date('2025-01-31T23:59:59.000Z') });
    await recordAiUsage(ctx, { ...base, outcome: 'ok', latencyMs: 200, createdAt: new Date('2025-02-01T00:00:00.000Z') });
    await recordAiUsage(ctx, { ...base, outcome: 'invalid', latencyMs: 301, createdAt: new Date('2025-02-14T10:00:00.000Z') });
    await recordAiUsage(ctx, { ...base, outcome: 'cached', latencyMs: 1, inputTokens: 0, outputTokens: 0, costMicros: 0, createdAt: new Date('2025-02-28T23:59:59.999Z') });
    await recordAiUsage(ctx, { ...base, outcome: 'error', latencyMs: 999, createdAt: new Date('2025-03-01T00:00:00.000Z') });

    const feb = await aiUsageReport(ctx, { from: '2025-02-01', to: '2025-02-28' });
    expect(feb.rows).toHaveLength(1);
    expect(feb.rows[0]).toMatchObject({ calls: 2, ok: 1, invalid: 1, cached: 1, errors: 0, inputTokens: 20, outputTokens: 10, costMicros: 6, cost: '0.000006' });
    expect(feb.rows[0]!.avgLatencyMs).toBe(251); // (200 + 301) / 2, the cache hit left out
    expect(feb).toMatchObject({ from: '2025-02-01', to: '2025-02-28' });

    const all = await aiUsageReport(ctx);
    expect(all.total.calls).toBe(4);
    expect(all.total.avgLatencyMs).toBe(400); // (100 + 200 + 301 + 999) / 4 = 400.25
    const empty = await aiUsageReport(ctx, { from: '2024-01-01', to: '2024-12-31' });
    expect(empty.rows).toEqual([]);
    expect(empty.total).toMatchObject({ calls: 0, cost: '0.000000', avgLatencyMs: null });
    await expect(aiUsageReport(ctx, { from: '2025-02-30' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('is scoped to the user', async () => {
    w = await aiWorld(t, { keys: [] });
    await recordAiUsage(w.finch.ctx, { provider: 'openai', model: 'm', purpose: 'p', inputTokens: 1, outputTokens: 1, costMicros: 1, latencyMs: 1, outcome: 'ok', error: null, createdAt: new Date() });
    const other = await t.open({ user: 'sam' });
    try {
      expect((await aiUsageReport(other.ctx)).rows).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('formats micro-dollars as USD', () => {
    expect(microsToUsd(0)).toBe('0.000000');
    expect(microsToUsd(1)).toBe('0.000001');
    expect(microsToUsd(2_780)).toBe('0.002780');
    expect(microsToUsd(12_345_678)).toBe('12.345678');
  });
});
