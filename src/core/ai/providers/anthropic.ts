import Anthropic from '@anthropic-ai/sdk';
import { type AiProvider, type GenerateRequest, type GenerateResult, InvalidOutput, providerSchema } from '../provider.js';

export interface AnthropicProviderOptions {
  apiKey: string;
  model: string;
  /** Without `/v1`. Default: api.anthropic.com. */
  baseURL?: string;
  timeoutMs: number;
}

export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';

/**
 * Anthropic Claude through the official SDK. Structured output is a single tool whose
 * `input_schema` is the JSON Schema, forced with `tool_choice: {type: 'tool', name}`; the tool
 * call's `input` is the answer. The key is passed explicitly so the SDK looks nowhere else.
 */
export function anthropicProvider(opts: AnthropicProviderOptions): AiProvider {
  const client = new Anthropic({
    apiKey: opts.apiKey,
    authToken: null,
    baseURL: opts.baseURL ?? ANTHROPIC_DEFAULT_BASE_URL,
    maxRetries: 0,
    timeout: opts.timeoutMs,
  });
  return {
    name: 'anthropic',
    model: opts.model,
    async generate(req: GenerateRequest): Promise<GenerateResult> {
      const message = await client.messages.create(
        {
          model: opts.model,
          max_tokens: req.maxOutputTokens ?? 4096,
          system: req.system,
          messages: [{ role: 'user', content: req.prompt }],
          tools: [
            {
              name: req.schemaName,
              description: 'Record the answer. Call this tool exactly once with the complete answer.',
              input_schema: providerSchema(req.jsonSchema) as Anthropic.Messages.Tool.InputSchema,
            },
          ],
          tool_choice: { type: 'tool', name: req.schemaName },
        },
        { signal: req.signal },
      );
      const inputTokens = message.usage?.input_tokens ?? 0;
      const outputTokens = message.usage?.output_tokens ?? 0;
      const call = message.content.find((b) => b.type === 'tool_use' && b.name === req.schemaName) ?? message.content.find((b) => b.type === 'tool_use');
      if (!call || call.type !== 'tool_use') {
        const text = message.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
        throw new InvalidOutput('returned no tool call', text, inputTokens, outputTokens);
      }
      // Some proxies pass the arguments through as a JSON string rather than an object.
      let json: unknown = call.input;
      if (typeof json === 'string') {
        try {
          json = JSON.parse(json);
        } catch {
          throw new InvalidOutput('returned invalid JSON', json as string, inputTokens, outputTokens);
        }
      }
      return { json, raw: JSON.stringify(call.input), inputTokens, outputTokens };
    },
  };
}
