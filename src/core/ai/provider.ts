/**
 * The one interface every AI provider client implements, and the errors they share.
 *
 * A provider turns (system prompt, user prompt, JSON schema) into one JSON value. It does no
 * retrying, caching, validation beyond "is it JSON" or bookkeeping: `client.ts` does all of that
 * the same way for every provider.
 */

/** The providers finch knows, in the default fallback order. */
export const PROVIDER_NAMES = ['openai', 'anthropic', 'gemini'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export interface GenerateRequest {
  system: string;
  prompt: string;
  /** A JSON Schema (draft 2020-12, no `$schema` key) the answer must match. */
  jsonSchema: object;
  /** A short name for the schema: `[A-Za-z0-9_-]{1,64}` (OpenAI schema name, Anthropic tool name). */
  schemaName: string;
  signal?: AbortSignal;
  /** Upper bound on the answer's length; providers that need one default to 4096. */
  maxOutputTokens?: number;
}

export interface GenerateResult {
  /** The parsed JSON answer (not yet checked against the schema). */
  json: unknown;
  /** The answer as the provider sent it. */
  raw: string;
  inputTokens: number;
  outputTokens: number;
}

export interface AiProvider {
  readonly name: ProviderName;
  readonly model: string;
  /** Throws `InvalidOutput` when the answer is not JSON, or the SDK's error for HTTP/network failures. */
  generate(req: GenerateRequest): Promise<GenerateResult>;
}

/**
 * The provider answered, but not with usable JSON (bad JSON, a refusal, no tool call). Carries the
 * tokens so the usage ledger still counts what was paid for.
 */
export class InvalidOutput extends Error {
  override readonly name = 'InvalidOutput';
  constructor(
    message: string,
    readonly raw: string,
    readonly inputTokens = 0,
    readonly outputTokens = 0,
  ) {
    super(message);
  }
}

/** Parses a provider's text answer as JSON, tolerating a Markdown code fence around it. */
export function parseJsonAnswer(raw: string, inputTokens: number, outputTokens: number): unknown {
  const text = raw
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidOutput('returned invalid JSON', raw, inputTokens, outputTokens);
  }
}

/** Removes keys providers reject or do not need (`$schema`) from a zod-made JSON Schema. */
export function providerSchema(schema: object): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
  return rest;
}

/** What went wrong with one provider call, classified for the fallback chain and the usage ledger. */
export interface FailureInfo {
  kind: 'http' | 'timeout' | 'connection' | 'invalid' | 'other';
  status?: number;
  /** Short phrase for one-line messages: "HTTP 500", "timed out", "returned invalid JSON". */
  short: string;
  /** Longer text for the usage ledger's error column, secrets removed. */
  detail: string;
}

const SECRET_LIKE = /\b(?:sk-[A-Za-z0-9_*-]{6,}|AIza[A-Za-z0-9_*-]{6,}|[A-Za-z0-9_-]{32,})\b/g;

/** Removes `secrets` (and anything shaped like an API key) from text meant for logs or the DB. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  return out.replace(SECRET_LIKE, '[redacted]');
}

function chainOfCauses(e: unknown): unknown[] {
  const out: unknown[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 6 && cur && typeof cur === 'object'; i++) {
    out.push(cur);
    cur = (cur as { cause?: unknown }).cause;
  }
  return out;
}

/** Classifies an error thrown by any of the three SDKs (or by `generate` itself). */
export function describeFailure(e: unknown, secrets: readonly string[] = []): FailureInfo {
  const oneLine = (s: string) => redact(s.replace(/\s+/g, ' ').trim(), secrets).slice(0, 300);
  if (e instanceof InvalidOutput) return { kind: 'invalid', short: e.message, detail: oneLine(e.message) };
  const causes = chainOfCauses(e);
  const message = e instanceof Error ? e.message : String(e);
  const status = (e as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status > 0) {
    return { kind: 'http', status, short: `HTTP ${status}`, detail: oneLine(`HTTP ${status}: ${message}`) };
  }
  const names = causes.map((c) => `${(c as Error).name ?? ''} ${(c as { code?: unknown }).code ?? ''} ${(c as Error).message ?? ''}`).join(' ');
  if (/timeout|timed out|TimeoutError|AbortError|aborted/i.test(names)) {
    return { kind: 'timeout', short: 'timed out', detail: oneLine(`timed out: ${message}`) };
  }
  if (/ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|socket hang up|Connection error|fetch failed/i.test(names)) {
    const refused = /ECONNREFUSED/.test(names);
    return {
      kind: 'connection',
      short: refused ? 'connection refused' : 'connection failed',
      detail: oneLine(`${refused ? 'connection refused' : 'connection failed'}: ${message}`),
    };
  }
  const text = oneLine(message || 'unknown error');
  return { kind: 'other', short: text.length > 80 ? `${text.slice(0, 77)}...` : text, detail: text };
}
