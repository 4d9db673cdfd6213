import { afterEach, expect, it } from 'vitest';
import { z } from 'zod';
import { describeEachDialect } from '../../helpers/dialects.js';
import { FinchError } from '../../../src/core/index.js';
import { createAiClient, setAiKey, setAiSetting } from '../../../src/core/ai/index.js';
import { aiWorld, askReceipt, KEYS, receipt, type AiWorld } from './setup.js';

const HOUR = 3_600_000;

function clock(start = Date.parse('2025-03-01T09:00:00.000Z')) {
  let at = start;
  return { now: () => new Date(at), advance: (ms: number) => void (at += ms) };
}

async function failure(p: Promise<unknown>): Promise<FinchError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FinchError) return e;
    throw e;
  }
  throw new Error('expected the request to fail');
}

describeEachDialect('AI cache and rate limit', (t) => {
  let w: AiWorld | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
    await t.cleanup();
  });

  it('answers an identical request from the cache without a second HTTP request', async () => {
    w = await aiWorld(t, { keys: ['openai'] });
    w.servers.openai.setDefault({ kind: 'json', value: receipt, inputTokens: 500, outputTokens: 50 });
    const first = await askReceipt(w.ai);
    const second = await askReceipt(w.ai);
    expect(first.cached).toBe(false);
    expect(second).toEqual({ value: receipt, provider: 'openai', model: 'gpt-4o-mini', cached: true, notes: ['answered from the cache (openai, 0 min old)'] });
    expect(w.servers.openai.requests).toHaveLength(1);
    const usage = await w.usage();
    expect(usage.map((u) => u.outcome)).toEqual(['ok', 'cached']);
    expect(usage[1]).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini', input_tokens: 0, output_tokens: 0, cost_micros: 0 });
  });

  it('a different prompt, system prompt or schema is a different request', async () => {
    w = await aiWorld(t, { keys: ['openai'] });
    w.servers.openai.setDefault({ kind: 'json', value: receipt });
    await askReceipt(w.ai, 'one');
    await askReceipt(w.ai, 'two');
    await w.ai.complete({ purpose: 'test', system: 'Other system.', prompt: 'one', schema: z.object({ merchant: z.string(), amount: z.string() }), schemaName: 'receipt' });
    await w.ai.complete({ purpose: 'test', system: 'Extract the receipt.', prompt: 'one', schema: z.object({ merchant: z.string(), amount: z.string().describe('decimal') }), schemaName: 'receipt' });
    // …while the same three again are answered from the cache.
    await askReceipt(w.ai, 'two');
    expect(w.servers.openai.requests).toHaveLength(4);
  });

  it('the cache is independent of the provider that answered', async () => {
    w = await aiWorld(t);
    w.servers.openai.enqueue({ kind: 'status', status: 500 });
    w.servers.anthropic.enqueue({ kind: 'json', value: receipt });
    await askReceipt(w.ai);
    const again = await askReceipt(w.ai);
    expect(again).toMatchObject({ cached: true, provider: 'anthropic', model: 'claude-3-5-haiku-latest' });
    expect(w.servers.openai.requests).toHaveLength(1);
    expect(w.servers.anthropic.requests).toHaveLength(1);
  });

  it('expires after 24 hours (ai.cache_ttl_hours), and 0 turns the cache off', async () => {
    const c = clock();
    w = await aiWorld(t, { keys: ['openai'], now: c.now });
    w.servers.openai.setDefault({ kind: 'json', value: receipt });
    await askReceipt(w.ai);
    c.advance(23 * HOUR + 59 * 60_000);
    expect((await askReceipt(w.ai)).cached).toBe(true);
    expect(w.servers.openai.requests).toHaveLength(1);
    c.advance(2 * 60_000); // now 24 h 1 min after the answer
    expect((await askReceipt(w.ai)).cached).toBe(false);
    expect(w.servers.openai.requests).toHaveLength(2);
    // The fresh answer was cached again (the expired entry replaced).
    c.advance(HOUR);
    expect((await askReceipt(w.ai)).notes).toEqual(['answered from the cache (openai, 1 h old)']);

    await setAiSetting(w.finch.ctx, 'ai.cache_ttl_hours', 0);
    await askReceipt(w.ai);
    expect(w.servers.openai.requests).toHaveLength(3);
  });

  it('is scoped to the user', async () => {
    w = await aiWorld(t, { keys: ['openai'] });
    w.servers.openai.setDefault({ kind: 'json', value: receipt });
    await askReceipt(w.ai);
    const other = await t.open({ user: 'sam' });
    try {
      await setAiKey(other.ctx, other.secrets(), 'openai', KEYS.openai);
      await setAiSetting(other.ctx, 'ai.base_url.openai', w.servers.openai.baseURL);
      const ai = createAiClient(other.ctx, { secrets: other.secrets(), env: {} });
      expect((await askReceipt(ai)).cached).toBe(false);
      expect(w.servers.openai.requests).toHaveLength(2);
    } finally {
      await other.close();
    }
  });

  it('refuses the call over the hourly limit with RATE_LIMITED, and allows it again an hour later', async () => {
    const c = clock();
    w = await aiWorld(t, { keys: ['openai'], now: c.now });
    await setAiSetting(w.finch.ctx, 'ai.rate_limit_per_hour', 2);
    w.servers.openai.setDefault({ kind: 'json', value: receipt });
    await askReceipt(w.ai, 'one');
    c.advance(60_000);
    await askReceipt(w.ai, 'two');
    c.advance(60_000);
    const e = await failure(askReceipt(w.ai, 'three'));
    expect(e.code).toBe('RATE_LIMITED');
    expect(e.message).toBe('AI rate limit reached (2 calls/hour); using rules');
    expect(w.servers.openai.requests).toHaveLength(2);
    expect((await w.usage()).map((u) => u.outcome)).toEqual(['ok', 'ok', 'rate_limited']);

    // A cache hit is still answered and does not count.
    expect((await askReceipt(w.ai, 'one')).cached).toBe(true);

    c.advance(HOUR - 60_000 + 1); // 'one' is now more than an hour old
    expect((await askReceipt(w.ai, 'three')).cached).toBe(false);
    expect(w.servers.openai.requests).toHaveLength(3);
  });

  it('counts failed calls and retries against the limit, but not cache hits', async () => {
    w = await aiWorld(t, { keys: ['openai', 'anthropic'] });
    await setAiSetting(w.finch.ctx, 'ai.rate_limit_per_hour', 3);
    w.servers.openai.enqueue({ kind: 'status', status: 500 });
    w.servers.anthropic.enqueue({ kind: 'json', value: receipt });
    await askReceipt(w.ai, 'one'); // 2 calls
    for (let i = 0; i < 5; i++) await askReceipt(w.ai, 'one'); // cached, free
    w.servers.openai.enqueue({ kind: 'json', value: receipt });
    await askReceipt(w.ai, 'two'); // 3rd call
    const e = await failure(askReceipt(w.ai, 'three'));
    expect(e.code).toBe('RATE_LIMITED');
    expect(e.message).toBe('AI rate limit reached (3 calls/hour); using rules');
  });
});
