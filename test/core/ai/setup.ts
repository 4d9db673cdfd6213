/** Shared setup for the AI tests: a fresh Finch, three fake provider servers, keys and base URLs. */
import { z } from 'zod';
import type { Finch } from '../../../src/core/index.js';
import type { TestDb } from '../../helpers/dialects.js';
import { startFakeAiServers, type FakeAiServers } from '../../helpers/fake-ai-servers.js';
import { createAiClient, setAiKey, setAiSetting, type AiClient, type ProviderName } from '../../../src/core/ai/index.js';
import type { AiUsageTable } from '../../../src/core/db/index.js';

export const KEYS: Record<ProviderName, string> = {
  openai: 'sk-test-openai-0123456789abcdef',
  anthropic: 'sk-ant-test-0123456789abcdef',
  gemini: 'AIzaTestGemini0123456789abcdef',
};

/** A small answer shape most tests ask for. */
export const receiptSchema = z.object({ merchant: z.string(), amount: z.string() });
export const receipt = { merchant: 'Blue Bottle', amount: '4.50' };

export interface AiWorld {
  finch: Finch;
  servers: FakeAiServers;
  ai: AiClient;
  /** A client with other options (env, clock) over the same database. */
  client(options?: { env?: NodeJS.ProcessEnv; now?: () => Date }): AiClient;
  usage(): Promise<AiUsageTable[]>;
  close(): Promise<void>;
}

export async function aiWorld(
  t: TestDb,
  options: { keys?: readonly ProviderName[]; env?: NodeJS.ProcessEnv; now?: () => Date; baseUrls?: boolean } = {},
): Promise<AiWorld> {
  const finch = await t.open();
  const servers = await startFakeAiServers();
  try {
    // Base URLs only for providers with a key: an OpenAI base URL alone enables OpenAI (local servers need no key).
    const keyed = options.keys ?? (['openai', 'anthropic', 'gemini'] as const);
    for (const p of keyed) {
      if (options.baseUrls ?? true) await setAiSetting(finch.ctx, `ai.base_url.${p}`, servers[p].baseURL);
      await setAiKey(finch.ctx, finch.secrets(), p, KEYS[p]);
    }
  } catch (e) {
    await servers.close();
    await finch.close();
    throw e;
  }
  const client = (o: { env?: NodeJS.ProcessEnv; now?: () => Date } = {}) =>
    createAiClient(finch.ctx, { secrets: finch.secrets(), env: o.env ?? options.env ?? {}, now: o.now ?? options.now });
  return {
    finch,
    servers,
    ai: client(),
    client,
    usage: async () =>
      (await finch.ctx.db.selectFrom('ai_usage').selectAll().where('user_id', '=', finch.ctx.userId).orderBy('created_at').orderBy('id').execute()).map((r) => ({
        ...r,
        input_tokens: Number(r.input_tokens),
        output_tokens: Number(r.output_tokens),
        cost_micros: Number(r.cost_micros),
        latency_ms: Number(r.latency_ms),
      })),
    close: async () => {
      await servers.close();
      await finch.close();
    },
  };
}

/** Sends the receipt request. */
export function askReceipt(ai: AiClient, prompt = 'Blue Bottle coffee 4.50') {
  return ai.complete({ purpose: 'test', system: 'Extract the receipt.', prompt, schema: receiptSchema, schemaName: 'receipt' });
}
