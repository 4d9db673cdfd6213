import { GoogleGenAI } from '@google/genai';
import { type AiProvider, type GenerateRequest, type GenerateResult, InvalidOutput, parseJsonAnswer, providerSchema } from '../provider.js';

export interface GeminiProviderOptions {
  apiKey: string;
  model: string;
  /** Without the API version, e.g. `http://127.0.0.1:8080`. Default: generativelanguage.googleapis.com. */
  baseURL?: string;
  timeoutMs: number;
}

export const GEMINI_DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';

/**
 * Google Gemini (Developer API, not Vertex) through @google/genai: `models.generateContent` with
 * `responseMimeType: 'application/json'` and `responseJsonSchema`. The SDK does not retry unless
 * asked to, and `httpOptions.timeout` bounds each request.
 */
export function geminiProvider(opts: GeminiProviderOptions): AiProvider {
  const client = new GoogleGenAI({
    apiKey: opts.apiKey,
    vertexai: false,
    httpOptions: { baseUrl: opts.baseURL ?? GEMINI_DEFAULT_BASE_URL, timeout: opts.timeoutMs },
  });
  return {
    name: 'gemini',
    model: opts.model,
    async generate(req: GenerateRequest): Promise<GenerateResult> {
      const response = await client.models.generateContent({
        model: opts.model,
        contents: [{ role: 'user', parts: [{ text: req.prompt }] }],
        config: {
          systemInstruction: req.system,
          responseMimeType: 'application/json',
          responseJsonSchema: providerSchema(req.jsonSchema),
          maxOutputTokens: req.maxOutputTokens ?? 4096,
          ...(req.signal ? { abortSignal: req.signal } : {}),
        },
      });
      const inputTokens = response.usageMetadata?.promptTokenCount ?? 0;
      const outputTokens = response.usageMetadata?.candidatesTokenCount ?? 0;
      const parts = response.candidates?.[0]?.content?.parts ?? [];
      const raw = parts.map((p) => (p.thought ? '' : (p.text ?? ''))).join('');
      if (!raw.trim()) {
        const reason = response.candidates?.[0]?.finishReason ?? response.promptFeedback?.blockReason ?? 'no candidates';
        throw new InvalidOutput(`returned no answer (${reason})`, '', inputTokens, outputTokens);
      }
      return { json: parseJsonAnswer(raw, inputTokens, outputTokens), raw, inputTokens, outputTokens };
    },
  };
}
