/**
 * Local HTTP servers that speak the wire formats of OpenAI chat completions, Anthropic messages
 * and Gemini generateContent, so tests drive the real SDKs end to end. Each server answers from a
 * queue of scripted replies (then a default), and records every request it got.
 *
 * ```ts
 * const fake = await startFakeAiServer('openai');
 * fake.enqueue({ kind: 'status', status: 500 }, { kind: 'json', value: { ok: true } });
 * // … point the SDK at fake.baseURL …
 * await fake.close();
 * ```
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeProvider = 'openai' | 'anthropic' | 'gemini';

export type FakeReply =
  /** A well-formed answer whose structured content is `value`. */
  | { kind: 'json'; value: unknown; inputTokens?: number; outputTokens?: number }
  /** An HTTP error with the provider's error body. */
  | { kind: 'status'; status: number; message?: string }
  /** Never answers (until the server closes): for timeouts. */
  | { kind: 'hang' }
  /** A well-formed response whose content is `text` verbatim (e.g. broken JSON). */
  | { kind: 'content'; text: string; inputTokens?: number; outputTokens?: number };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

export interface FakeAiServer {
  readonly provider: FakeProvider;
  /** The base URL to give the SDK (OpenAI's includes `/v1`). */
  readonly baseURL: string;
  readonly requests: RecordedRequest[];
  /** Replies for the next requests, in order. */
  enqueue(...replies: FakeReply[]): void;
  /** The reply once the queue is empty (initially a `{ ok: true }` JSON answer). */
  setDefault(reply: FakeReply): void;
  close(): Promise<void>;
}

const DEFAULT_TOKENS = { inputTokens: 120, outputTokens: 30 };

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function errorBody(provider: FakeProvider, status: number, message: string): unknown {
  if (provider === 'openai') return { error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'server_error', code: null, param: null } };
  if (provider === 'anthropic') return { type: 'error', error: { type: status === 429 ? 'rate_limit_error' : 'api_error', message } };
  return { error: { code: status, message, status: status === 429 ? 'RESOURCE_EXHAUSTED' : 'INTERNAL' } };
}

/** The provider's success body for content that is `value` (structured) or `text` (verbatim). */
function successBody(provider: FakeProvider, model: string, toolName: string, content: { value: unknown } | { text: string }, tokens: { inputTokens: number; outputTokens: number }): unknown {
  const text = 'text' in content ? content.text : JSON.stringify(content.value);
  if (provider === 'openai') {
    return {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: tokens.inputTokens, completion_tokens: tokens.outputTokens, total_tokens: tokens.inputTokens + tokens.outputTokens },
    };
  }
  if (provider === 'anthropic') {
    // Structured content is a tool call; verbatim text is a plain text block (no tool call).
    const block =
      'text' in content
        ? { type: 'text', text: content.text }
        : { type: 'tool_use', id: 'toolu_fake', name: toolName, input: content.value };
    return {
      id: 'msg_fake',
      type: 'message',
      role: 'assistant',
      model,
      content: [block],
      stop_reason: 'text' in content ? 'end_turn' : 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: tokens.inputTokens, output_tokens: tokens.outputTokens },
    };
  }
  return {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: tokens.inputTokens, candidatesTokenCount: tokens.outputTokens, totalTokenCount: tokens.inputTokens + tokens.outputTokens },
    modelVersion: model,
  };
}

const ROUTES: Record<FakeProvider, RegExp> = {
  openai: /^\/v1\/chat\/completions$/,
  anthropic: /^\/v1\/messages$/,
  gemini: /^\/v1beta\/models\/([^/:]+):generateContent$/,
};

export async function startFakeAiServer(provider: FakeProvider): Promise<FakeAiServer> {
  const queue: FakeReply[] = [];
  let fallback: FakeReply = { kind: 'json', value: { ok: true } };
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* recorded as text */
    }
    const path = (req.url ?? '').split('?')[0] ?? '';
    requests.push({ method: req.method ?? '', path, headers: req.headers, body });
    const route = ROUTES[provider].exec(path);
    if (req.method !== 'POST' || !route) return send(res, 404, errorBody(provider, 404, `no route ${req.method} ${path}`));
    const model = provider === 'gemini' ? decodeURIComponent(route[1] ?? '') : String(body?.model ?? '');
    const toolName = String(body?.tool_choice?.name ?? 'answer');
    const reply = queue.shift() ?? fallback;
    switch (reply.kind) {
      case 'status':
        return send(res, reply.status, errorBody(provider, reply.status, reply.message ?? `fake ${reply.status}`));
      case 'hang':
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      case 'json':
        return send(res, 200, successBody(provider, model, toolName, { value: reply.value }, { ...DEFAULT_TOKENS, ...dropUndefined(reply) }));
      case 'content':
        return send(res, 200, successBody(provider, model, toolName, { text: reply.text }, { ...DEFAULT_TOKENS, ...dropUndefined(reply) }));
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e) => send(res, 500, errorBody(provider, 500, String(e))));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    provider,
    baseURL: provider === 'openai' ? `${origin}/v1` : origin,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    setDefault: (reply) => void (fallback = reply),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function dropUndefined(r: { inputTokens?: number; outputTokens?: number }): Partial<typeof DEFAULT_TOKENS> {
  const out: Partial<typeof DEFAULT_TOKENS> = {};
  if (r.inputTokens !== undefined) out.inputTokens = r.inputTokens;
  if (r.outputTokens !== undefined) out.outputTokens = r.outputTokens;
  return out;
}

export interface FakeAiServers {
  openai: FakeAiServer;
  anthropic: FakeAiServer;
  gemini: FakeAiServer;
  all: FakeAiServer[];
  close(): Promise<void>;
}

/** Starts one fake server per provider; close them all in afterEach. */
export async function startFakeAiServers(): Promise<FakeAiServers> {
  const [openai, anthropic, gemini] = await Promise.all([startFakeAiServer('openai'), startFakeAiServer('anthropic'), startFakeAiServer('gemini')]);
  const all = [openai, anthropic, gemini];
  return { openai, anthropic, gemini, all, close: async () => void (await Promise.all(all.map((s) => s.close()))) };
}

/** A port on 127.0.0.1 with nothing listening (for "connection refused"). */
export async function closedPortURL(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
