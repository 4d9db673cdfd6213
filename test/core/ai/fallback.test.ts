import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import { closedPortURL } from '../../helpers/fake-ai-servers.js';
import { FinchError } from '../../../src/core/index.js';
import { setAiSetting } from '../../../src/core/ai/index.js';
import { aiWorld, askReceipt, KEYS, receipt, type AiWorld } from './setup.js';

async function failure(p: Promise<unknown>): Promise<FinchError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FinchError) return e;
    throw e;
  }
  throw new Error('expected the request to fail');
}

describeEachDialect('AI fallback chain', (t) => {
  let w: AiWorld | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
    await t.cleanup();
  });

  it('HTTP 500 moves to the next provider, once, with a note and a usage row per call', async () => {
    w = await aiWorld(t);
    w.servers.openai.enqueue({ kind: 'status', status: 500 });
    w.servers.anthropic.enqueue({ kind: 'json', value: receipt });
    const result = await askReceipt(w.ai);
    expect(result.provider).toBe('anthropic');
    expect(result.value).toEqual(receipt);
    expect(result.notes).toEqual(['openai failed (HTTP 500); answered by anthropic']);
    // No SDK retries: one request each.
    expect(w.servers.openai.requests).toHaveLength(1);
    expect(w.servers.anthropic.requests).toHaveLength(1);
    expect(w.servers.gemini.requests).toHaveLength(0);
    const usage = await w.usage();
    expect(usage.map((u) => [u.provider, u.outcome])).toEqual([
      ['openai', 'error'],
      ['anthropic', 'ok'],
    ]);
    expect(usage[0]!.error).toMatch(/^HTTP 500/);
    expect(usage[0]!.cost_micros).toBe(0);
  });

  it('HTTP 429 from two providers falls through to the third', async () => {
    w = await aiWorld(t);
    w.servers.openai.enqueue({ kind: 'status', status: 429 });
    w.servers.anthropic.enqueue({ kind: 'status', status: 429 });
    w.servers.gemini.enqueue({ kind: 'json', value: receipt });
    const result = await askReceipt(w.ai);
    expect(result.provider).toBe('gemini');
    expect(result.notes).toEqual(['openai failed (HTTP 429); anthropic failed (HTTP 429); answered by gemini']);
    expect(w.servers.all.map((s) => s.requests.length)).toEqual([1, 1, 1]);
  });

  it('a provider that hangs times out at ai.timeout_ms and the next one answers', async () => {
    w = await aiWorld(t);
    await setAiSetting(w.finch.ctx, 'ai.timeout_ms', 300);
    w.servers.openai.enqueue({ kind: 'hang' });
    w.servers.anthropic.enqueue({ kind: 'json', value: receipt });
    const started = Date.now();
    const result = await askReceipt(w.ai);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.provider).toBe('anthropic');
    expect(result.notes).toEqual(['openai timed out; answered by anthropic']);
    const usage = await w.usage();
    expect(usage[0]).toMatchObject({ provider: 'openai', outcome: 'error' });
    expect(usage[0]!.error).toMatch(/^timed out/);
    expect(usage[0]!.latency_ms).toBeGreaterThanOrEqual(250);
  });

  it('gemini times out too (its own SDK timeout path)', async () => {
    w = await aiWorld(t, { keys: ['gemini', 'openai'] });
    await setAiSetting(w.finch.ctx, 'ai.providers', 'gemini,openai');
    await setAiSetting(w.finch.ctx, 'ai.timeout_ms', '300');
    w.servers.gemini.enqueue({ kind: 'hang' });
    w.servers.openai.enqueue({ kind: 'json', value: receipt });
    const result = await askReceipt(w.ai);
    expect(result.provider).toBe('openai');
    expect(result.notes).toEqual(['gemini timed out; answered by openai']);
  });

  it('malformed JSON is retried once on the same provider, then the next provider is tried', async () => {
    w = await aiWorld(t);
    w.servers.openai.enqueue({ kind: 'content', text: '{"merchant": "Blue' }, { kind: 'content', text: 'sorry, I cannot' });
    w.servers.anthropic.enqueue({ kind: 'json', value: receipt });
    const result = await askReceipt(w.ai);
    expect(result.provider).toBe('anthropic');
    expect(w.servers.openai.requests).toHaveLength(2);
    // The retry tells the model what was wrong.
    const retryPrompt = w.servers.openai.requests[1]!.body.messages[1].content as string;
    expect(retryPrompt).toContain('Blue Bottle coffee 4.50');
    expect(retryPrompt).toContain('previous answer was rejected');
    expect(result.notes).toEqual(['openai returned invalid JSON, retried; openai returned invalid JSON; answered by anthropic']);
    const usage = await w.usage();
    expect(usage.map((u) => [u.provider, u.outcome])).toEqual([
      ['openai', 'invalid'],
      ['openai', 'invalid'],
      ['anthropic', 'ok'],
    ]);
    // Invalid answers were still paid for.
    expect(usage[0]).toMatchObject({ input_tokens: 120, output_tokens: 30 });
    expect(usage[0]!.cost_micros).toBeGreaterThan(0);
  });

  it('one malformed answer then a good one stays on the same provider', async () => {
    w = await aiWorld(t);
    w.servers.openai.enqueue({ kind: 'content', text: 'not json' }, { kind: 'json', value: receipt });
    const result = await askReceipt(w.ai);
    expect(result.provider).toBe('openai');
    expect(result.notes).toEqual(['openai returned invalid JSON, retried; answered by openai']);
    expect(w.servers.openai.requests).toHaveLength(2);
    expect(w.servers.anthropic.requests).toHaveLength(0);
  });

  it('JSON that does not match the schema counts as invalid output', async () => {
    w = await aiWorld(t);
    w.servers.openai.enqueue({ kind: 'json', value: { merchant: 5 } }, { kind: 'json', value: { merchant: 'x' } });
    w.servers.anthropic.enqueue({ kind: 'json', value: { amount: '1' } }, { kind: 'json', value: receipt });
    const result = await askReceipt(w.ai);
    expect(result.provider).toBe('anthropic');
    expect(result.value).toEqual(receipt);
    expect(w.servers.openai.requests).toHaveLength(2);
    expect(w.servers.anthropic.requests).toHaveLength(2);
    const usage = await w.usage();
    expect(usage.map((u) => u.outcome)).toEqual(['invalid', 'invalid', 'invalid', 'ok']);
    expect(usage[0]!.error).toMatch(/^schema mismatch: merchant/);
  });

  it('an Anthropic answer with no tool call is invalid output', async () => {
    w = await aiWorld(t, { keys: ['anthropic', 'gemini'] });
    w.servers.anthropic.enqueue({ kind: 'content', text: 'Here you go' }, { kind: 'content', text: 'Here you go' });
    w.servers.gemini.enqueue({ kind: 'json', value: receipt });
    const result = await askReceipt(w.ai);
    expect(result.provider).toBe('gemini');
    expect(result.notes).toEqual(['anthropic returned no tool call, retried; anthropic returned no tool call; answered by gemini']);
  });

  it('a refused connection moves on', async () => {
    w = await aiWorld(t);
    await setAiSetting(w.finch.ctx, 'ai.base_url.openai', `${await closedPortURL()}/v1`);
    w.servers.anthropic.enqueue({ kind: 'json', value: receipt });
    const result = await askReceipt(w.ai);
    expect(result.provider).toBe('anthropic');
    expect(result.notes).toEqual(['openai failed (connection refused); answered by anthropic']);
  });

  it('all failing → AI_UNAVAILABLE naming what happened to each', async () => {
    w = await aiWorld(t);
    await setAiSetting(w.finch.ctx, 'ai.timeout_ms', 300);
    w.servers.openai.enqueue({ kind: 'status', status: 500 });
    w.servers.anthropic.enqueue({ kind: 'hang' });
    w.servers.gemini.enqueue({ kind: 'content', text: '{{' }, { kind: 'content', text: '{{' });
    const e = await failure(askReceipt(w.ai));
    expect(e.code).toBe('AI_UNAVAILABLE');
    expect(e.message).toBe('AI unavailable: openai failed (HTTP 500), anthropic timed out, gemini returned invalid JSON');
    expect(e.message).not.toContain('\n');
    const usage = await w.usage();
    expect(usage.map((u) => [u.provider, u.outcome])).toEqual([
      ['openai', 'error'],
      ['anthropic', 'error'],
      ['gemini', 'invalid'],
      ['gemini', 'invalid'],
    ]);
  });

  it('follows the configured order and leaves out providers not listed', async () => {
    w = await aiWorld(t);
    await setAiSetting(w.finch.ctx, 'ai.providers', 'gemini,openai');
    expect((await w.ai.chain()).map((c) => c.provider)).toEqual(['gemini', 'openai']);
    w.servers.gemini.enqueue({ kind: 'status', status: 503 });
    w.servers.openai.enqueue({ kind: 'json', value: receipt });
    const result = await askReceipt(w.ai);
    expect(result.provider).toBe('openai');
    expect(w.servers.gemini.requests).toHaveLength(1);
    expect(w.servers.anthropic.requests).toHaveLength(0);
  });

  it('by default uses only providers with a key, in the order openai, anthropic, gemini', async () => {
    w = await aiWorld(t, { keys: ['gemini', 'anthropic'] });
    expect(await w.ai.chain()).toEqual([
      { provider: 'anthropic', model: 'claude-3-5-haiku-latest' },
      { provider: 'gemini', model: 'gemini-2.0-flash' },
    ]);
  });

  it('no provider → AI_UNAVAILABLE without any request; an empty provider list turns AI off', async () => {
    w = await aiWorld(t, { keys: [] });
    expect(await w.ai.chain()).toEqual([]);
    const none = await failure(askReceipt(w.ai));
    expect(none.code).toBe('AI_UNAVAILABLE');
    expect(none.message).toBe('AI unavailable: no AI provider has an API key');

    await setAiSetting(w.finch.ctx, 'ai.providers', []);
    const off = await failure(askReceipt(w.client({ env: { OPENAI_API_KEY: KEYS.openai } })));
    expect(off.message).toBe('AI unavailable: AI is turned off (ai.providers is empty)');
    expect(w.servers.all.every((s) => s.requests.length === 0)).toBe(true);
  });

  it('never writes the key into the usage ledger, even when the provider echoes it', async () => {
    w = await aiWorld(t, { keys: ['openai'] });
    w.servers.openai.enqueue({ kind: 'status', status: 401, message: `Incorrect API key provided: ${KEYS.openai}` });
    const e = await failure(askReceipt(w.ai));
    expect(e.message).toBe('AI unavailable: openai failed (HTTP 401)');
    const usage = await w.usage();
    expect(usage[0]!.error).toMatch(/^HTTP 401/);
    expect(usage[0]!.error).toContain('[redacted]');
    expect(usage[0]!.error).not.toContain(KEYS.openai);
    expect(usage[0]!.error).not.toContain(KEYS.openai.slice(0, 12));
  });
});
