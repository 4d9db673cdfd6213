import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import { FinchError } from '../../../src/core/index.js';
import { secretBox } from '../../../src/core/secrets/index.js';
import {
  DEFAULT_MODELS,
  DEFAULT_PRICES,
  getAiSettings,
  listAiKeys,
  removeAiKey,
  setAiKey,
  setAiSetting,
} from '../../../src/core/ai/index.js';
import { aiWorld, askReceipt, KEYS, receipt, type AiWorld } from './setup.js';

async function failure(p: Promise<unknown>): Promise<FinchError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FinchError) return e;
    throw e;
  }
  throw new Error('expected a FinchError');
}

describeEachDialect('AI keys and settings', (t) => {
  let w: AiWorld | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
    await t.cleanup();
  });

  it('stores keys encrypted and never lists them', async () => {
    w = await aiWorld(t, { keys: ['openai'] });
    const rows = await w.finch.ctx.db.selectFrom('ai_keys').selectAll().execute();
    expect(rows).toHaveLength(1);
    const ciphertext = rows[0]!.ciphertext;
    expect(ciphertext).not.toContain(KEYS.openai);
    expect(ciphertext).not.toContain(KEYS.openai.slice(-12));
    expect(Buffer.from(ciphertext, 'utf8').toString('base64')).not.toContain(Buffer.from(KEYS.openai).toString('base64'));
    expect(w.finch.secrets().open(ciphertext)).toBe(KEYS.openai);

    const listed = await listAiKeys(w.finch.ctx, {});
    expect(listed).toEqual([
      { provider: 'openai', source: 'stored' },
      { provider: 'anthropic', source: 'none' },
      { provider: 'gemini', source: 'none' },
    ]);
    expect(JSON.stringify(listed)).not.toContain(KEYS.openai);

    // The stored key is what the SDK sends.
    w.servers.openai.enqueue({ kind: 'json', value: receipt });
    await askReceipt(w.ai);
    expect(w.servers.openai.requests[0]!.headers.authorization).toBe(`Bearer ${KEYS.openai}`);
  });

  it('replacing and removing a key', async () => {
    w = await aiWorld(t, { keys: ['openai'] });
    await setAiKey(w.finch.ctx, w.finch.secrets(), 'OpenAI', 'sk-replaced-key-000000');
    w.servers.openai.enqueue({ kind: 'json', value: receipt });
    await askReceipt(w.ai);
    expect(w.servers.openai.requests[0]!.headers.authorization).toBe('Bearer sk-replaced-key-000000');
    expect(await w.finch.ctx.db.selectFrom('ai_keys').selectAll().execute()).toHaveLength(1);

    expect(await removeAiKey(w.finch.ctx, 'openai')).toBe(true);
    expect(await removeAiKey(w.finch.ctx, 'openai')).toBe(false);
    expect((await listAiKeys(w.finch.ctx, {}))[0]).toEqual({ provider: 'openai', source: 'none' });
    // The base URL is still set, so OpenAI stays usable as a key-less local server; without it, nothing is.
    await setAiSetting(w.finch.ctx, 'ai.base_url.openai', null);
    expect(await w.ai.chain()).toEqual([]);
  });

  it('environment keys take precedence over stored ones', async () => {
    w = await aiWorld(t);
    const env = { OPENAI_API_KEY: 'sk-from-env-1111111111', GOOGLE_API_KEY: 'AIzaFromEnvGoogle222222' };
    expect(await listAiKeys(w.finch.ctx, env)).toEqual([
      { provider: 'openai', source: 'env', envVar: 'OPENAI_API_KEY' },
      { provider: 'anthropic', source: 'stored' },
      { provider: 'gemini', source: 'env', envVar: 'GOOGLE_API_KEY' },
    ]);
    expect((await listAiKeys(w.finch.ctx, { GEMINI_API_KEY: 'x1', GOOGLE_API_KEY: 'x2' }))[2]).toEqual({ provider: 'gemini', source: 'env', envVar: 'GEMINI_API_KEY' });

    const ai = w.client({ env });
    w.servers.openai.enqueue({ kind: 'status', status: 500 });
    w.servers.anthropic.enqueue({ kind: 'status', status: 500 });
    w.servers.gemini.enqueue({ kind: 'json', value: receipt });
    await askReceipt(ai);
    expect(w.servers.openai.requests[0]!.headers.authorization).toBe('Bearer sk-from-env-1111111111');
    expect(w.servers.gemini.requests[0]!.headers['x-goog-api-key']).toBe('AIzaFromEnvGoogle222222');
    const anthropicAuth = w.servers.anthropic.requests[0]!.headers['x-api-key'] ?? w.servers.anthropic.requests[0]!.headers.authorization;
    expect([KEYS.anthropic, `Bearer ${KEYS.anthropic}`]).toContain(anthropicAuth);
  });

  it('an env key enables a provider that has no stored key', async () => {
    w = await aiWorld(t, { keys: [] });
    await setAiSetting(w.finch.ctx, 'ai.base_url.anthropic', w.servers.anthropic.baseURL);
    expect(await w.client({ env: { ANTHROPIC_API_KEY: 'sk-ant-env' } }).chain()).toEqual([{ provider: 'anthropic', model: DEFAULT_MODELS.anthropic }]);
  });

  it('keys are per user', async () => {
    w = await aiWorld(t, { keys: ['openai', 'gemini'] });
    const other = await t.open({ user: 'sam' });
    try {
      expect((await listAiKeys(other.ctx, {})).map((k) => k.source)).toEqual(['none', 'none', 'none']);
      expect(await removeAiKey(other.ctx, 'openai')).toBe(false);
    } finally {
      await other.close();
    }
    expect((await listAiKeys(w.finch.ctx, {})).map((k) => k.source)).toEqual(['stored', 'none', 'stored']);
  });

  it('a stored key that no longer decrypts leaves that provider out, with the reason when nothing else works', async () => {
    w = await aiWorld(t, { keys: ['openai'] });
    const otherBox = secretBox(Buffer.alloc(32, 7));
    await w.finch.ctx.db.updateTable('ai_keys').set({ ciphertext: otherBox.seal('sk-other') }).execute();
    const e = await failure(askReceipt(w.ai));
    expect(e.code).toBe('AI_UNAVAILABLE');
    expect(e.message).toMatch(/^AI unavailable: openai: cannot read the stored openai key/);
    expect(w.servers.openai.requests).toHaveLength(0);
  });

  it('rejects bad keys and unknown providers', async () => {
    w = await aiWorld(t, { keys: [] });
    const box = w.finch.secrets();
    expect((await failure(setAiKey(w.finch.ctx, box, 'mistral', 'k'))).message).toBe('unknown AI provider "mistral": expected one of openai, anthropic, gemini');
    expect((await failure(setAiKey(w.finch.ctx, box, 'openai', '  '))).code).toBe('INVALID_INPUT');
    expect((await failure(setAiKey(w.finch.ctx, box, 'openai', 'two words'))).code).toBe('INVALID_INPUT');
    expect((await failure(removeAiKey(w.finch.ctx, 'nope'))).code).toBe('INVALID_INPUT');
  });

  it('settings: defaults, validated changes (strings accepted), and reset with null', async () => {
    w = await aiWorld(t, { keys: [] });
    const ctx = w.finch.ctx;
    expect(await getAiSettings(ctx)).toEqual({
      providers: null,
      models: { openai: 'gpt-4o-mini', anthropic: 'claude-3-5-haiku-latest', gemini: 'gemini-2.0-flash' },
      baseUrls: {},
      prices: DEFAULT_PRICES,
      rateLimitPerHour: 50,
      cacheTtlHours: 24,
      timeoutMs: 20000,
    });

    await setAiSetting(ctx, 'ai.providers', 'anthropic, openai');
    await setAiSetting(ctx, 'ai.model.gemini', 'gemini-2.5-flash');
    await setAiSetting(ctx, 'ai.base_url.openai', 'http://127.0.0.1:11434/v1/');
    await setAiSetting(ctx, 'ai.price.gemini-2.5-flash', { input: '0.30', output: '2.50' });
    await setAiSetting(ctx, 'ai.price.gpt-4o-mini', '0.2/0.8');
    await setAiSetting(ctx, 'ai.rate_limit_per_hour', '100');
    await setAiSetting(ctx, 'ai.cache_ttl_hours', 1.5);
    await setAiSetting(ctx, 'ai.timeout_ms', 5000);
    const s = await getAiSettings(ctx);
    expect(s.providers).toEqual(['anthropic', 'openai']);
    expect(s.models.gemini).toBe('gemini-2.5-flash');
    expect(s.baseUrls).toEqual({ openai: 'http://127.0.0.1:11434/v1' });
    expect(s.prices['gemini-2.5-flash']).toEqual({ input: '0.30', output: '2.50' });
    expect(s.prices['gpt-4o-mini']).toEqual({ input: '0.2', output: '0.8' });
    expect(s.prices['claude-3-5-haiku-latest']).toEqual(DEFAULT_PRICES['claude-3-5-haiku-latest']);
    expect([s.rateLimitPerHour, s.cacheTtlHours, s.timeoutMs]).toEqual([100, 1.5, 5000]);

    await setAiSetting(ctx, 'ai.rate_limit_per_hour', null);
    await setAiSetting(ctx, 'ai.providers', null);
    const reset = await getAiSettings(ctx);
    expect(reset.rateLimitPerHour).toBe(50);
    expect(reset.providers).toBeNull();
    // Stored under ai.* keys in the settings table, for this user only.
    const keys = (await ctx.db.selectFrom('settings').select('key').where('user_id', '=', ctx.userId).execute()).map((r) => r.key).sort();
    expect(keys).toEqual(['ai.base_url.openai', 'ai.cache_ttl_hours', 'ai.model.gemini', 'ai.price.gemini-2.5-flash', 'ai.price.gpt-4o-mini', 'ai.timeout_ms']);
  });

  it('settings: invalid values are refused with a one-line reason and change nothing', async () => {
    w = await aiWorld(t, { keys: [] });
    const ctx = w.finch.ctx;
    const bad: Array<[string, unknown, RegExp]> = [
      ['ai.colour', 'blue', /^unknown AI setting "ai.colour"/],
      ['ai.providers', 'openai,mistral', /^invalid value for ai.providers/],
      ['ai.providers', 'openai,openai', /listed twice/],
      ['ai.model.mistral', 'x', /^unknown AI setting/],
      ['ai.model.openai', 'two words', /no spaces/],
      ['ai.base_url.openai', 'ftp://x', /base URL/],
      ['ai.base_url.openai', 'not a url', /base URL/],
      ['ai.price.gpt-4o', '-1/2', /USD per million/],
      ['ai.price.gpt-4o', { input: '1' }, /^invalid value for ai.price.gpt-4o/],
      ['ai.rate_limit_per_hour', -1, /^invalid value/],
      ['ai.rate_limit_per_hour', '2.5', /^invalid value/],
      ['ai.timeout_ms', 'soon', /^invalid value/],
      ['ai.cache_ttl_hours', -3, /^invalid value/],
    ];
    for (const [key, value, message] of bad) {
      const e = await failure(setAiSetting(ctx, key, value));
      expect(e.code, key).toBe('INVALID_INPUT');
      expect(e.message, key).toMatch(message);
      expect(e.message).not.toContain('\n');
    }
    expect(await ctx.db.selectFrom('settings').selectAll().where('key', 'like', 'ai.%').execute()).toEqual([]);
  });

  it('a corrupt stored setting reads as its default', async () => {
    w = await aiWorld(t, { keys: [] });
    const ctx = w.finch.ctx;
    await ctx.db.insertInto('settings').values({ user_id: ctx.userId, key: 'ai.rate_limit_per_hour', value_json: '"lots"', updated_at: new Date().toISOString() }).execute();
    await ctx.db.insertInto('settings').values({ user_id: ctx.userId, key: 'ai.timeout_ms', value_json: '{not json', updated_at: new Date().toISOString() }).execute();
    const s = await getAiSettings(ctx);
    expect(s.rateLimitPerHour).toBe(50);
    expect(s.timeoutMs).toBe(20000);
  });
});
