import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import { jsonSchemaOf, setAiSetting, type ProviderName } from '../../../src/core/ai/index.js';
import { aiWorld, askReceipt, KEYS, receipt, receiptSchema, type AiWorld } from './setup.js';

describeEachDialect('AI providers through the real SDKs', (t) => {
  let w: AiWorld | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
    await t.cleanup();
  });

  const expected: Record<ProviderName, { model: string; path: RegExp; cost: number }> = {
    // 1000 input + 200 output tokens at the default prices (USD per million): 0.15/0.60, 0.80/4.00, 0.10/0.40.
    openai: { model: 'gpt-4o-mini', path: /^\/v1\/chat\/completions$/, cost: 270 },
    anthropic: { model: 'claude-3-5-haiku-latest', path: /^\/v1\/messages$/, cost: 1600 },
    gemini: { model: 'gemini-2.0-flash', path: /^\/v1beta\/models\/gemini-2\.0-flash:generateContent$/, cost: 180 },
  };

  for (const provider of ['openai', 'anthropic', 'gemini'] as const) {
    it(`${provider}: answers a structured request and records tokens and cost`, async () => {
      w = await aiWorld(t, { keys: [provider] });
      const server = w.servers[provider];
      server.enqueue({ kind: 'json', value: receipt, inputTokens: 1000, outputTokens: 200 });

      const result = await askReceipt(w.ai);
      expect(result).toEqual({ value: receipt, provider, model: expected[provider].model, cached: false, notes: [] });

      // Exactly one request, to the right path, with the key and the schema.
      expect(server.requests).toHaveLength(1);
      const req = server.requests[0]!;
      expect(req.path).toMatch(expected[provider].path);
      const schema = jsonSchemaOf(receiptSchema);
      expect(schema).not.toHaveProperty('$schema');
      if (provider === 'openai') {
        expect(req.headers.authorization).toBe(`Bearer ${KEYS.openai}`);
        expect(req.body.model).toBe('gpt-4o-mini');
        expect(req.body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'receipt', schema, strict: true } });
        expect(req.body.messages).toEqual([
          { role: 'system', content: 'Extract the receipt.' },
          { role: 'user', content: 'Blue Bottle coffee 4.50' },
        ]);
      } else if (provider === 'anthropic') {
        const auth = req.headers['x-api-key'] ?? req.headers.authorization;
        expect([KEYS.anthropic, `Bearer ${KEYS.anthropic}`]).toContain(auth);
        expect(req.body.model).toBe('claude-3-5-haiku-latest');
        expect(req.body.system).toBe('Extract the receipt.');
        expect(req.body.tools).toEqual([expect.objectContaining({ name: 'receipt', input_schema: schema })]);
        expect(req.body.tool_choice).toEqual({ type: 'tool', name: 'receipt' });
      } else {
        expect(req.headers['x-goog-api-key']).toBe(KEYS.gemini);
        expect(req.body.generationConfig).toMatchObject({ responseMimeType: 'application/json', responseJsonSchema: schema });
        expect(JSON.stringify(req.body.systemInstruction)).toContain('Extract the receipt.');
        expect(JSON.stringify(req.body.contents)).toContain('Blue Bottle coffee 4.50');
      }
      for (const other of w.servers.all) if (other !== server) expect(other.requests).toHaveLength(0);

      const usage = await w.usage();
      expect(usage).toHaveLength(1);
      expect(usage[0]).toMatchObject({
        provider,
        model: expected[provider].model,
        purpose: 'test',
        input_tokens: 1000,
        output_tokens: 200,
        cost_micros: expected[provider].cost,
        outcome: 'ok',
        error: null,
      });
      expect(usage[0]!.latency_ms).toBeGreaterThanOrEqual(0);
    });
  }

  it('uses the model and price from settings, not constants in code', async () => {
    w = await aiWorld(t, { keys: ['openai'] });
    await setAiSetting(w.finch.ctx, 'ai.model.openai', 'llama3.2');
    w.servers.openai.enqueue({ kind: 'json', value: receipt, inputTokens: 1000, outputTokens: 1000 });
    const first = await askReceipt(w.ai, 'first');
    expect(first.model).toBe('llama3.2');
    expect(w.servers.openai.requests[0]!.body.model).toBe('llama3.2');

    await setAiSetting(w.finch.ctx, 'ai.price.llama3.2', '1.5/2');
    w.servers.openai.enqueue({ kind: 'json', value: receipt, inputTokens: 1000, outputTokens: 1000 });
    await askReceipt(w.ai, 'second');
    const usage = await w.usage();
    // A model with no price costs nothing; once priced, 1000 × 1.5 + 1000 × 2 micro-dollars.
    expect(usage.map((u) => [u.model, u.cost_micros])).toEqual([
      ['llama3.2', 0],
      ['llama3.2', 3500],
    ]);
  });

  it('talks to an OpenAI-compatible local server (OPENAI_BASE_URL) with no key', async () => {
    w = await aiWorld(t, { keys: [], baseUrls: false });
    const ai = w.client({ env: { OPENAI_BASE_URL: w.servers.openai.baseURL } });
    expect(await ai.chain()).toEqual([{ provider: 'openai', model: 'gpt-4o-mini' }]);
    w.servers.openai.enqueue({ kind: 'json', value: receipt });
    const result = await askReceipt(ai);
    expect(result.provider).toBe('openai');
    expect(w.servers.openai.requests).toHaveLength(1);
  });

  it('reads base URLs from ANTHROPIC_BASE_URL and GOOGLE_GEMINI_BASE_URL when settings have none', async () => {
    w = await aiWorld(t, { keys: ['anthropic', 'gemini'], baseUrls: false });
    const ai = w.client({ env: { ANTHROPIC_BASE_URL: w.servers.anthropic.baseURL, GOOGLE_GEMINI_BASE_URL: w.servers.gemini.baseURL } });
    w.servers.anthropic.enqueue({ kind: 'status', status: 500 });
    w.servers.gemini.enqueue({ kind: 'json', value: receipt });
    const result = await askReceipt(ai);
    expect(result.provider).toBe('gemini');
    expect(w.servers.anthropic.requests).toHaveLength(1);
    expect(w.servers.gemini.requests).toHaveLength(1);
  });
});
