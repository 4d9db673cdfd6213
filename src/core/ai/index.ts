/**
 * The AI layer: one provider interface, three real SDK clients (OpenAI, Anthropic, Gemini),
 * structured output validated with zod, a fallback chain, a 24 h cache, a rate limit and a usage
 * ledger. Keys come from the environment or from encrypted settings.
 *
 * ```ts
 * const ai = createAiClient(finch.ctx, { secrets: finch.secrets(), env: finch.env });
 * try {
 *   const { value: suggestion, provider, notes } = await aiParseMessage(ai, 'lunch 12.50 yesterday', { today, currency: 'USD' });
 * } catch (e) {
 *   if (isFinchError(e) && (e.code === 'AI_UNAVAILABLE' || e.code === 'RATE_LIMITED')) {
 *     // fall back to the rules parser and show e.message
 *   }
 * }
 * ```
 *
 * Settings (`setAiSetting`): `ai.providers`, `ai.model.<provider>`, `ai.base_url.<provider>`,
 * `ai.price.<model>`, `ai.rate_limit_per_hour`, `ai.cache_ttl_hours`, `ai.timeout_ms`.
 * Keys: `setAiKey` / `removeAiKey` / `listAiKeys`; OPENAI_API_KEY, ANTHROPIC_API_KEY and
 * GEMINI_API_KEY (or GOOGLE_API_KEY) in the environment take precedence over stored keys.
 * Whether AI can be used at all right now: `(await ai.chain()).length > 0`.
 */
export { createAiClient, jsonSchemaOf, type AiClient, type AiClientOptions, type AiRequest, type AiResult } from './client.js';
export { PROVIDER_NAMES, type ProviderName, type AiProvider, type GenerateRequest, type GenerateResult, InvalidOutput } from './provider.js';
export {
  getAiSettings,
  setAiSetting,
  setAiKey,
  removeAiKey,
  listAiKeys,
  costMicros,
  AI_SETTING_KEYS,
  DEFAULT_MODELS,
  DEFAULT_PRICES,
  DEFAULT_RATE_LIMIT_PER_HOUR,
  DEFAULT_CACHE_TTL_HOURS,
  DEFAULT_TIMEOUT_MS,
  KEY_ENV_VARS,
  BASE_URL_ENV_VARS,
  type AiSettings,
  type AiKeyStatus,
  type ModelPrice,
} from './settings.js';
export { resealAiKeys } from './settings.js';
export { aiUsageReport, microsToUsd, type AiUsageReport, type AiUsageRow } from './usage.js';
export { aiParseMessage, chatSuggestionSchema, type AiParseMessageOptions } from './tasks/chat-parse.js';
export { aiParseStatement, aiParseStatementDetailed, statementChunkSchema, type AiParseStatementOptions, type AiStatementResult } from './tasks/statement-parse.js';
export { aiSuggestBudget, budgetSuggestionSchema, type AiBudgetSuggestion, type AiBudgetLine, type BudgetHistoryInput } from './tasks/budget-suggest.js';
