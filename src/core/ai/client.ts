import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Ctx } from '../db/index.js';
import { FinchError } from '../errors/index.js';
import type { SecretBox } from '../secrets/index.js';
import { type AiProvider, describeFailure, type FailureInfo, InvalidOutput, PROVIDER_NAMES, type ProviderName, providerSchema } from './provider.js';
import { openAiProvider } from './providers/openai.js';
import { anthropicProvider } from './providers/anthropic.js';
import { geminiProvider } from './providers/gemini.js';
import { type AiSettings, BASE_URL_ENV_VARS, costMicros, getAiSettings, resolveAiKey } from './settings.js';
import { countAiCallsSince, recordAiUsage, type AiOutcome } from './usage.js';

export interface AiClientOptions {
  /** Decrypts stored keys (`finch.secrets()`). */
  secrets: SecretBox;
  /** Where keys and base URLs are read from (`finch.env`); takes precedence over stored keys. */
  env: NodeJS.ProcessEnv;
  /** The clock for the cache, the rate limit and usage timestamps (tests move it). */
  now?: () => Date;
}

export interface AiRequest<T> {
  /** What the call is for, recorded in the usage ledger: 'chat-parse', 'statement-parse', … */
  purpose: string;
  system: string;
  prompt: string;
  /** The answer's shape. It must convert to JSON Schema (`z.toJSONSchema`): refinements are fine, transforms are not. */
  schema: z.ZodType<T>;
  /** `[A-Za-z0-9_-]{1,64}`: OpenAI's schema name and Anthropic's tool name. */
  schemaName: string;
  maxOutputTokens?: number;
  /** Cancels the request (and the rest of the fallback chain). */
  signal?: AbortSignal;
}

export interface AiResult<T> {
  /** The answer, validated by `schema`. */
  value: T;
  provider: ProviderName;
  model: string;
  /** True when answered from the cache without calling any provider. */
  cached: boolean;
  /** What happened, for the person: e.g. "openai failed (HTTP 500); answered by anthropic". Empty when nothing notable did. */
  notes: string[];
}

export interface AiClient {
  /**
   * Asks the configured providers in order for an answer matching `schema`.
   *
   * 1. An identical request (system, prompt, schema) answered within the cache TTL (24 h) is
   *    returned from the cache: no call, recorded as 'cached', not counted by the rate limit.
   * 2. More provider calls in the last hour than `ai.rate_limit_per_hour` (50) →
   *    FinchError('RATE_LIMITED'); the caller falls back to rules.
   * 3. Each provider in order: an answer that is not JSON or does not match the schema is retried
   *    once on the same provider, then the next provider is tried; an HTTP error, timeout or
   *    refused connection moves straight to the next. Every call is recorded in `ai_usage`.
   * 4. All failed → FinchError('AI_UNAVAILABLE', "AI unavailable: openai failed (HTTP 500), …").
   *
   * ```ts
   * const ai = createAiClient(finch.ctx, { secrets: finch.secrets(), env: finch.env });
   * const { value } = await ai.complete({
   *   purpose: 'demo', system: 'You extract data.', prompt: 'Coffee 3.50',
   *   schema: z.object({ amount: z.string() }), schemaName: 'amount',
   * });
   * ```
   */
  complete<T>(req: AiRequest<T>): Promise<AiResult<T>>;
  /** The providers a request would try now, in order; empty when AI is off or no provider has a key. */
  chain(): Promise<Array<{ provider: ProviderName; model: string }>>;
}

interface ChainLink {
  provider: AiProvider;
  secrets: string[];
}

interface Chain {
  links: ChainLink[];
  /** Why providers in the configured order were left out ("anthropic has no key"). */
  skipped: string[];
  settings: AiSettings;
}

/** A JSON Schema for a zod schema, in the form all three providers accept. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  return providerSchema(z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'throw' }));
}

/** Creates the AI client for one user. Settings and keys are read on every request, so changes apply at once. */
export function createAiClient(ctx: Ctx, options: AiClientOptions): AiClient {
  const now = options.now ?? (() => new Date());
  const env = options.env;

  async function buildChain(): Promise<Chain> {
    const settings = await getAiSettings(ctx);
    const order = settings.providers ?? PROVIDER_NAMES;
    const links: ChainLink[] = [];
    const skipped: string[] = [];
    for (const name of order) {
      const baseURL = settings.baseUrls[name] ?? (env[BASE_URL_ENV_VARS[name]]?.trim() || undefined);
      let key: string | null;
      try {
        key = await resolveAiKey(ctx, options.secrets, env, name);
      } catch (e) {
        skipped.push(`${name}: ${(e as Error).message}`);
        continue;
      }
      // An OpenAI-compatible local server (Ollama, llama.cpp) needs a base URL but no key.
      if (!key && name === 'openai' && baseURL) key = 'no-key';
      if (!key) {
        if (settings.providers) skipped.push(`${name} has no key`);
        continue;
      }
      const common = { apiKey: key, model: settings.models[name], baseURL, timeoutMs: settings.timeoutMs };
      const provider = name === 'openai' ? openAiProvider(common) : name === 'anthropic' ? anthropicProvider(common) : geminiProvider(common);
      links.push({ provider, secrets: [key] });
    }
    return { links, skipped, settings };
  }

  async function record(
    req: AiRequest<unknown>,
    provider: string,
    model: string,
    settings: AiSettings,
    outcome: AiOutcome,
    o: { inputTokens?: number; outputTokens?: number; latencyMs?: number; error?: string | null } = {},
  ): Promise<void> {
    const inputTokens = o.inputTokens ?? 0;
    const outputTokens = o.outputTokens ?? 0;
    await recordAiUsage(ctx, {
      provider,
      model,
      purpose: req.purpose,
      inputTokens,
      outputTokens,
      costMicros: outcome === 'cached' || outcome === 'rate_limited' ? 0 : costMicros(settings.prices, model, inputTokens, outputTokens),
      latencyMs: o.latencyMs ?? 0,
      outcome,
      error: o.error ?? null,
      createdAt: now(),
    });
  }

  async function complete<T>(req: AiRequest<T>): Promise<AiResult<T>> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(req.schemaName)) {
      throw new FinchError('INVALID_INPUT', `invalid schema name "${req.schemaName}": letters, digits, _ and - only`);
    }
    const jsonSchema = jsonSchemaOf(req.schema);
    const chain = await buildChain();
    const { settings } = chain;
    const untyped = req as AiRequest<unknown>;

    // 1. Cache.
    const ttlMs = settings.cacheTtlHours * 3_600_000;
    const cacheKey = createHash('sha256')
      .update(JSON.stringify({ v: 1, user: ctx.userId, system: req.system, prompt: req.prompt, schemaName: req.schemaName, schema: jsonSchema }))
      .digest('hex');
    if (ttlMs > 0) {
      const started = performance.now();
      const hit = await ctx.db
        .selectFrom('ai_cache')
        .select(['provider', 'response_json', 'created_at'])
        .where('key', '=', cacheKey)
        .where('user_id', '=', ctx.userId)
        .where('expires_at', '>', now().toISOString())
        .executeTakeFirst();
      if (hit) {
        let stored: { model?: string; json?: unknown } = {};
        try {
          stored = JSON.parse(hit.response_json);
        } catch {
          /* a corrupt entry is a miss */
        }
        const parsed = req.schema.safeParse(stored.json);
        if (parsed.success) {
          const model = stored.model ?? '';
          await record(untyped, hit.provider, model, settings, 'cached', { latencyMs: performance.now() - started });
          return {
            value: parsed.data,
            provider: hit.provider as ProviderName,
            model,
            cached: true,
            notes: [`answered from the cache (${hit.provider}, ${ageText(now().getTime() - Date.parse(hit.created_at))} old)`],
          };
        }
      }
    }

    if (chain.links.length === 0) {
      const why =
        settings.providers?.length === 0
          ? 'AI is turned off (ai.providers is empty)'
          : chain.skipped.length > 0
            ? chain.skipped.join(', ')
            : 'no AI provider has an API key';
      throw new FinchError('AI_UNAVAILABLE', `AI unavailable: ${why}`);
    }

    // 2. Rate limit.
    const limit = settings.rateLimitPerHour;
    const calls = await countAiCallsSince(ctx, new Date(now().getTime() - 3_600_000));
    if (calls >= limit) {
      const first = chain.links[0]!.provider;
      await record(untyped, first.name, first.model, settings, 'rate_limited', { error: `${calls} calls in the last hour; limit ${limit}` });
      throw new FinchError('RATE_LIMITED', `AI rate limit reached (${limit} calls/hour); using rules`);
    }

    // 3. Providers in order.
    // Providers skipped for want of a key only matter when every other one fails.
    const failures: string[] = [...chain.skipped];
    const events: string[] = [];
    for (const { provider, secrets } of chain.links) {
      let prompt = req.prompt;
      for (let attempt = 1; attempt <= 2; attempt++) {
        if (req.signal?.aborted) throw new FinchError('AI_UNAVAILABLE', 'AI request cancelled', { cause: req.signal.reason });
        const timeout = AbortSignal.timeout(settings.timeoutMs + 1_000);
        const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
        const started = performance.now();
        let failure: FailureInfo;
        try {
          const out = await provider.generate({ system: req.system, prompt, jsonSchema, schemaName: req.schemaName, signal, maxOutputTokens: req.maxOutputTokens });
          const latencyMs = performance.now() - started;
          const tokens = { inputTokens: out.inputTokens, outputTokens: out.outputTokens, latencyMs };
          const parsed = req.schema.safeParse(out.json);
          if (parsed.success) {
            await record(untyped, provider.name, provider.model, settings, 'ok', tokens);
            if (ttlMs > 0) await writeCache(cacheKey, provider, out.json, ttlMs);
            return {
              value: parsed.data,
              provider: provider.name,
              model: provider.model,
              cached: false,
              notes: events.length > 0 ? [`${events.join('; ')}; answered by ${provider.name}`] : [],
            };
          }
          const why = issuesText(parsed.error);
          failure = { kind: 'invalid', short: 'returned output that does not match the schema', detail: `schema mismatch: ${why}` };
          await record(untyped, provider.name, provider.model, settings, 'invalid', { ...tokens, error: failure.detail });
        } catch (e) {
          const latencyMs = performance.now() - started;
          failure = describeFailure(e, secrets);
          const tokens = e instanceof InvalidOutput ? { inputTokens: e.inputTokens, outputTokens: e.outputTokens } : {};
          await record(untyped, provider.name, provider.model, settings, failure.kind === 'invalid' ? 'invalid' : 'error', { ...tokens, latencyMs, error: failure.detail });
        }
        if (req.signal?.aborted) throw new FinchError('AI_UNAVAILABLE', 'AI request cancelled', { cause: req.signal.reason });
        if (failure.kind === 'invalid' && attempt === 1) {
          events.push(`${provider.name} ${failure.short}, retried`);
          prompt = `${req.prompt}\n\nYour previous answer was rejected (${failure.detail}). Answer again with JSON that matches the schema exactly.`;
          continue;
        }
        const phrase = failurePhrase(provider.name, failure);
        failures.push(phrase);
        events.push(phrase);
        break;
      }
    }
    throw new FinchError('AI_UNAVAILABLE', `AI unavailable: ${failures.join(', ')}`);
  }

  async function writeCache(key: string, provider: AiProvider, json: unknown, ttlMs: number): Promise<void> {
    const at = now();
    const row = {
      key,
      user_id: ctx.userId,
      provider: provider.name,
      response_json: JSON.stringify({ model: provider.model, json }),
      created_at: at.toISOString(),
      expires_at: new Date(at.getTime() + ttlMs).toISOString(),
    };
    await ctx.db.deleteFrom('ai_cache').where('user_id', '=', ctx.userId).where('expires_at', '<=', row.created_at).execute();
    await ctx.db
      .insertInto('ai_cache')
      .values(row)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ provider: row.provider, response_json: row.response_json, created_at: row.created_at, expires_at: row.expires_at }),
      )
      .execute();
  }

  return {
    complete,
    async chain() {
      const c = await buildChain();
      return c.links.map((l) => ({ provider: l.provider.name, model: l.provider.model }));
    },
  };
}

function failurePhrase(provider: string, f: FailureInfo): string {
  if (f.kind === 'timeout') return `${provider} timed out`;
  if (f.kind === 'invalid') return `${provider} ${f.short}`;
  return `${provider} failed (${f.short})`;
}

function issuesText(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ')
    .slice(0, 400);
}

function ageText(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  return `${Math.round(minutes / 60)} h`;
}
