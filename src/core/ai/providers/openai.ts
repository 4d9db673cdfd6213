import OpenAI from 'openai';
import { type AiProvider, type GenerateRequest, type GenerateResult, InvalidOutput, parseJsonAnswer, providerSchema } from '../provider.js';

export interface OpenAiProviderOptions {
  apiKey: string;
  model: string;
  /** Includes `/v1`, e.g. `http://127.0.0.1:11434/v1` for Ollama. Default: api.openai.com. */
  baseURL?: string;
  timeoutMs: number;
}

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/**
 * OpenAI (or any OpenAI-compatible server such as Ollama or llama.cpp) through the official SDK:
 * `chat.completions` with `response_format: json_schema` in strict mode. No SDK retries: the
 * client's fallback chain decides what happens after a failure.
 */
export function openAiProvider(opts: OpenAiProviderOptions): AiProvider {
  const client = new OpenAI({
    apiKey: opts.apiKey,
    baseURL: opts.baseURL ?? OPENAI_DEFAULT_BASE_URL,
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: opts.timeoutMs,
  });
  return {
    name: 'openai',
    model: opts.model,
    async generate(req: GenerateRequest): Promise<GenerateResult> {
      const completion = await client.chat.completions.create(
        {
          model: opts.model,
          messages: [
            { role: 'system', content: req.system },
            { role: 'user', content: req.prompt },
          ],
          max_completion_tokens: req.maxOutputTokens ?? 4096,
          response_format: {
            type: 'json_schema',
            json_schema: { name: req.schemaName, schema: providerSchema(req.jsonSchema), strict: true },
          },
        },
        { signal: req.signal },
      );
      const inputTokens = completion.usage?.prompt_tokens ?? 0;
      const outputTokens = completion.usage?.completion_tokens ?? 0;
      const message = completion.choices?.[0]?.message;
      if (!message) throw new InvalidOutput('returned no answer', '', inputTokens, outputTokens);
      if (message.refusal) throw new InvalidOutput('refused to answer', message.refusal, inputTokens, outputTokens);
      // Some compatible servers answer with a tool call even when asked for a JSON response.
      const raw = message.content ?? firstToolArguments(message) ?? '';
      if (!raw.trim()) throw new InvalidOutput('returned an empty answer', raw, inputTokens, outputTokens);
      return { json: parseJsonAnswer(raw, inputTokens, outputTokens), raw, inputTokens, outputTokens };
    },
  };
}

function firstToolArguments(message: OpenAI.Chat.Completions.ChatCompletionMessage): string | undefined {
  for (const call of message.tool_calls ?? []) {
    if (call.type === 'function') return call.function.arguments;
  }
  return undefined;
}
