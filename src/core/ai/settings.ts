import { z } from 'zod';
import type { Ctx } from '../db/index.js';
import { FinchError, invalid } from '../errors/index.js';
import type { SecretBox } from '../secrets/index.js';
import { nowIso } from '../calendar/index.js';
import { PROVIDER_NAMES, type ProviderName } from './provider.js';

/**
 * AI settings live in the `settings` table under keys starting with `ai.`; API keys live encrypted
 * in `ai_keys`. Everything here is per user (ctx.userId).
 *
 * | key | value | default |
 * | --- | --- | --- |
 * | `ai.providers` | provider names in fallback order; `[]` turns AI off | every provider with a key, openai → anthropic → gemini |
 * | `ai.model.<provider>` | model name | `DEFAULT_MODELS` |
 * | `ai.base_url.<provider>` | base URL (OpenAI's includes `/v1`) | env `OPENAI_BASE_URL` / `ANTHROPIC_BASE_URL` / `GOOGLE_GEMINI_BASE_URL`, else the vendor's |
 * | `ai.price.<model>` | `{input, output}` USD per million tokens, decimal strings | `DEFAULT_PRICES`; unknown models cost 0 |
 * | `ai.rate_limit_per_hour` | provider calls allowed per rolling hour | 50 |
 * | `ai.cache_ttl_hours` | how long an identical request is answered from cache; 0 = no cache | 24 |
 * | `ai.timeout_ms` | per-request timeout | 20000 |
 */

/** Default model per provider. Editable with `setAiSetting(ctx, 'ai.model.openai', '…')`. */
export const DEFAULT_MODELS: Readonly<Record<ProviderName, string>> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-3-5-haiku-latest',
  gemini: 'gemini-2.0-flash',
};

/** USD per million tokens (list prices when written); override with `ai.price.<model>`. */
export interface ModelPrice {
  input: string;
  output: string;
}

/** The one table of default prices. Models not listed (local ones, new ones) cost 0 until set. */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o-mini': { input: '0.15', output: '0.60' },
  'gpt-4o': { input: '2.50', output: '10.00' },
  'gpt-4.1-mini': { input: '0.40', output: '1.60' },
  'gpt-4.1-nano': { input: '0.10', output: '0.40' },
  'claude-3-5-haiku-latest': { input: '0.80', output: '4.00' },
  'claude-3-5-sonnet-latest': { input: '3.00', output: '15.00' },
  'gemini-2.0-flash': { input: '0.10', output: '0.40' },
  'gemini-2.0-flash-lite': { input: '0.075', output: '0.30' },
};

export const DEFAULT_RATE_LIMIT_PER_HOUR = 50;
export const DEFAULT_CACHE_TTL_HOURS = 24;
export const DEFAULT_TIMEOUT_MS = 20_000;

/** Environment variables holding keys, first match wins; they take precedence over stored keys. */
export const KEY_ENV_VARS: Readonly<Record<ProviderName, readonly string[]>> = {
  openai: ['OPENAI_API_KEY'],
  anthropic: ['ANTHROPIC_API_KEY'],
  gemini: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
};

/** Environment variables holding base URLs; used when `ai.base_url.<provider>` is not set. */
export const BASE_URL_ENV_VARS: Readonly<Record<ProviderName, string>> = {
  openai: 'OPENAI_BASE_URL',
  anthropic: 'ANTHROPIC_BASE_URL',
  gemini: 'GOOGLE_GEMINI_BASE_URL',
};

/** The AI settings of one user, defaults filled in. */
export interface AiSettings {
  /** Configured fallback order, or null for the default (every provider with a key). */
  providers: ProviderName[] | null;
  models: Record<ProviderName, string>;
  /** Base URLs set in settings (environment variables are applied by the client, after these). */
  baseUrls: Partial<Record<ProviderName, string>>;
  /** Defaults merged with the user's `ai.price.<model>` overrides. */
  prices: Record<string, ModelPrice>;
  rateLimitPerHour: number;
  cacheTtlHours: number;
  timeoutMs: number;
}

const providerName = z.enum(PROVIDER_NAMES);
const PRICE = /^\d{1,6}(?:\.\d{1,6})?$/;
const price = z.string().trim().regex(PRICE, 'a price is USD per million tokens, such as 0.15');

/** Lets the CLI pass plain strings: "openai,gemini", "100", "0.15/0.60", "[...]" JSON. */
function fromText(value: unknown, kind: 'list' | 'number' | 'price' | 'text'): unknown {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  if ((t.startsWith('[') || t.startsWith('{')) && kind !== 'text') {
    try {
      return JSON.parse(t);
    } catch {
      return value;
    }
  }
  if (kind === 'list') return t === '' || t === 'none' ? [] : t.split(/[\s,]+/).filter(Boolean);
  if (kind === 'number') return t === '' ? value : Number(t);
  if (kind === 'price') {
    const [input, output, ...rest] = t.split(/[\s/,]+/);
    return rest.length === 0 && input && output ? { input, output } : value;
  }
  return t;
}

const providersSchema = z.preprocess(
  (v) => fromText(v, 'list'),
  z.array(providerName).refine((a) => new Set(a).size === a.length, 'a provider is listed twice'),
);
const modelSchema = z.preprocess((v) => fromText(v, 'text'), z.string().min(1).max(200).regex(/^\S+$/, 'a model name has no spaces'));
const baseUrlSchema = z.preprocess(
  (v) => fromText(v, 'text'),
  z.url({ protocol: /^https?$/, error: 'a base URL is http(s)://host[:port][/path]' }).transform((u) => u.replace(/\/+$/, '')),
);
const priceSchema = z.preprocess((v) => fromText(v, 'price'), z.object({ input: price, output: price }).strict());
const rateLimitSchema = z.preprocess((v) => fromText(v, 'number'), z.number().int().min(0).max(100_000));
const cacheTtlSchema = z.preprocess((v) => fromText(v, 'number'), z.number().min(0).max(24 * 365));
const timeoutSchema = z.preprocess((v) => fromText(v, 'number'), z.number().int().min(1).max(600_000));

/** The zod schema that validates a value for `key`, or null when finch has no such AI setting. */
function schemaFor(key: string): z.ZodType | null {
  if (key === 'ai.providers') return providersSchema;
  if (key === 'ai.rate_limit_per_hour') return rateLimitSchema;
  if (key === 'ai.cache_ttl_hours') return cacheTtlSchema;
  if (key === 'ai.timeout_ms') return timeoutSchema;
  const m = /^ai\.(model|base_url)\.(.+)$/.exec(key);
  if (m && providerName.safeParse(m[2]).success) return m[1] === 'model' ? modelSchema : baseUrlSchema;
  if (/^ai\.price\.\S{1,200}$/.test(key)) return priceSchema;
  return null;
}

/** Every AI setting key finch accepts (`<provider>` and `<model>` stand for names). */
export const AI_SETTING_KEYS = [
  'ai.providers',
  'ai.model.<provider>',
  'ai.base_url.<provider>',
  'ai.price.<model>',
  'ai.rate_limit_per_hour',
  'ai.cache_ttl_hours',
  'ai.timeout_ms',
] as const;

function zodMessage(e: z.ZodError): string {
  const issue = e.issues[0];
  return issue ? issue.message : 'invalid value';
}

/**
 * Validates and stores one AI setting; `null` removes it (back to the default). Strings are
 * accepted for every key so the CLI can pass its arguments straight through.
 *
 * ```ts
 * await setAiSetting(ctx, 'ai.providers', 'anthropic,openai');
 * await setAiSetting(ctx, 'ai.model.openai', 'gpt-4.1-mini');
 * await setAiSetting(ctx, 'ai.price.gpt-4.1-mini', { input: '0.40', output: '1.60' });
 * await setAiSetting(ctx, 'ai.rate_limit_per_hour', 100);
 * ```
 */
export async function setAiSetting(ctx: Ctx, key: string, value: unknown): Promise<void> {
  const schema = schemaFor(key);
  if (!schema) throw invalid(`unknown AI setting "${key}": expected one of ${AI_SETTING_KEYS.join(', ')}`);
  if (value === null || value === undefined) {
    await ctx.db.deleteFrom('settings').where('user_id', '=', ctx.userId).where('key', '=', key).execute();
    return;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(`invalid value for ${key}: ${zodMessage(parsed.error)}`);
  const row = { user_id: ctx.userId, key, value_json: JSON.stringify(parsed.data), updated_at: nowIso() };
  await ctx.db
    .insertInto('settings')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'key']).doUpdateSet({ value_json: row.value_json, updated_at: row.updated_at }))
    .execute();
}

/** The user's AI settings with defaults filled in. A stored value that no longer validates reads as the default. */
export async function getAiSettings(ctx: Ctx): Promise<AiSettings> {
  const rows = await ctx.db
    .selectFrom('settings')
    .select(['key', 'value_json'])
    .where('user_id', '=', ctx.userId)
    .where('key', 'like', 'ai.%')
    .execute();
  const settings: AiSettings = {
    providers: null,
    models: { ...DEFAULT_MODELS },
    baseUrls: {},
    prices: { ...DEFAULT_PRICES },
    rateLimitPerHour: DEFAULT_RATE_LIMIT_PER_HOUR,
    cacheTtlHours: DEFAULT_CACHE_TTL_HOURS,
    timeoutMs: DEFAULT_TIMEOUT_MS,
  };
  for (const { key, value_json } of rows) {
    const schema = schemaFor(key);
    if (!schema) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(value_json);
    } catch {
      continue;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) continue;
    const v = parsed.data as never;
    if (key === 'ai.providers') settings.providers = v;
    else if (key === 'ai.rate_limit_per_hour') settings.rateLimitPerHour = v;
    else if (key === 'ai.cache_ttl_hours') settings.cacheTtlHours = v;
    else if (key === 'ai.timeout_ms') settings.timeoutMs = v;
    else if (key.startsWith('ai.model.')) settings.models[key.slice('ai.model.'.length) as ProviderName] = v;
    else if (key.startsWith('ai.base_url.')) settings.baseUrls[key.slice('ai.base_url.'.length) as ProviderName] = v;
    else if (key.startsWith('ai.price.')) settings.prices[key.slice('ai.price.'.length)] = v;
  }
  return settings;
}

function checkProvider(provider: string): ProviderName {
  const p = providerName.safeParse(provider.trim().toLowerCase());
  if (!p.success) throw invalid(`unknown AI provider "${provider}": expected one of ${PROVIDER_NAMES.join(', ')}`);
  return p.data;
}

/**
 * Stores an API key for `provider`, encrypted with `box` (AES-256-GCM); replaces any earlier one.
 *
 * ```ts
 * await setAiKey(finch.ctx, finch.secrets(), 'anthropic', 'sk-ant-…');
 * ```
 */
export async function setAiKey(ctx: Ctx, box: SecretBox, provider: string, key: string): Promise<void> {
  const name = checkProvider(provider);
  const k = key.trim();
  if (!k || /\s/.test(k) || k.length > 1000) throw invalid(`invalid ${name} API key: expected one word with no spaces`);
  const row = { user_id: ctx.userId, provider: name, ciphertext: box.seal(k), created_at: nowIso() };
  await ctx.db
    .insertInto('ai_keys')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'provider']).doUpdateSet({ ciphertext: row.ciphertext, created_at: row.created_at }))
    .execute();
}

/** Re-encrypts every stored AI key of the profile (`finch secrets rotate`); returns how many. */
export async function resealAiKeys(ctx: Ctx, reseal: (sealed: string) => string): Promise<number> {
  const rows = await ctx.db.selectFrom('ai_keys').select(['provider', 'ciphertext']).where('user_id', '=', ctx.userId).execute();
  for (const r of rows) {
    await ctx.db.updateTable('ai_keys').set({ ciphertext: reseal(r.ciphertext) }).where('user_id', '=', ctx.userId).where('provider', '=', r.provider).execute();
  }
  return rows.length;
}

/** Deletes the stored key for `provider`; returns whether there was one. Environment keys are untouched. */
export async function removeAiKey(ctx: Ctx, provider: string): Promise<boolean> {
  const name = checkProvider(provider);
  const r = await ctx.db.deleteFrom('ai_keys').where('user_id', '=', ctx.userId).where('provider', '=', name).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export interface AiKeyStatus {
  provider: ProviderName;
  /** Where the key the client would use comes from. The key itself is never returned. */
  source: 'env' | 'stored' | 'none';
  /** The environment variable, when source is 'env'. */
  envVar?: string;
}

function envKey(env: NodeJS.ProcessEnv, provider: ProviderName): { value: string; envVar: string } | null {
  for (const envVar of KEY_ENV_VARS[provider]) {
    const value = env[envVar]?.trim();
    if (value) return { value, envVar };
  }
  return null;
}

/** Which providers have a key, and where it comes from (env takes precedence over stored). */
export async function listAiKeys(ctx: Ctx, env: NodeJS.ProcessEnv): Promise<AiKeyStatus[]> {
  const stored = await ctx.db.selectFrom('ai_keys').select('provider').where('user_id', '=', ctx.userId).execute();
  const have = new Set(stored.map((r) => r.provider));
  return PROVIDER_NAMES.map((provider) => {
    const fromEnv = envKey(env, provider);
    if (fromEnv) return { provider, source: 'env', envVar: fromEnv.envVar };
    return { provider, source: have.has(provider) ? 'stored' : 'none' };
  });
}

/**
 * The key the client uses for `provider`: the environment first, else the decrypted stored key,
 * else null. For finch's own AI client; front ends should show `listAiKeys` instead.
 */
export async function resolveAiKey(ctx: Ctx, box: SecretBox, env: NodeJS.ProcessEnv, provider: ProviderName): Promise<string | null> {
  const fromEnv = envKey(env, provider);
  if (fromEnv) return fromEnv.value;
  const row = await ctx.db
    .selectFrom('ai_keys')
    .select('ciphertext')
    .where('user_id', '=', ctx.userId)
    .where('provider', '=', provider)
    .executeTakeFirst();
  if (!row) return null;
  try {
    return box.open(row.ciphertext);
  } catch (e) {
    throw new FinchError('AI_UNAVAILABLE', `cannot read the stored ${provider} key: ${(e as Error).message}`, { cause: e });
  }
}

/** Cost in micro-dollars of a call, from the price table (0 for a model with no price). */
export function costMicros(prices: Record<string, ModelPrice>, model: string, inputTokens: number, outputTokens: number): number {
  const p = prices[model];
  if (!p) return 0;
  // price × 1e6 is micro-dollars per million tokens, an exact integer for ≤ 6 decimals.
  return Math.round((inputTokens * microsOf(p.input) + outputTokens * microsOf(p.output)) / 1_000_000);
}

function microsOf(price: string): number {
  const [whole = '0', frac = ''] = price.split('.');
  return Number(whole) * 1_000_000 + Number(frac.padEnd(6, '0').slice(0, 6));
}
