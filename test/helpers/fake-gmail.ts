/**
 * A local server speaking the Gmail REST shapes finch uses (users.getProfile, users.messages.list
 * and .get with format=raw, users.history.list) and Google's OAuth token endpoint, so the real
 * @googleapis/gmail client can be pointed at it (FINCH_GMAIL_API_ROOT, FINCH_GMAIL_OAUTH_ROOT).
 */
import { createServer, type Server } from 'node:http';

export interface FakeGmail {
  url: string;
  /** Adds a message (raw RFC 822); returns its Gmail id. */
  add(raw: Buffer): string;
  /** Forgets history before now: a history.list from an older point answers 404, as Gmail does. */
  expireHistory(): void;
  requests: string[];
  tokenRequests: Array<{ grantType: string }>;
  /** The refresh token the server accepts, and the authorisation code it trades for it. */
  refreshToken: string;
  code: string;
  close(): Promise<void>;
}

export async function startFakeGmail(options: { accessTokenSeconds?: number; pageSize?: number } = {}): Promise<FakeGmail> {
  const messages: Array<{ id: string; raw: Buffer; historyId: number }> = [];
  let historyId = 1000;
  let oldestHistory = 0;
  let tokenSerial = 0;
  const valid = new Map<string, number>();
  const api = {
    url: '',
    requests: [] as string[],
    tokenRequests: [] as Array<{ grantType: string }>,
    refreshToken: 'refresh-token-abc',
    code: 'auth-code-xyz',
  };
  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    api.requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (req.method === 'POST' && url.pathname === '/token') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const grantType = form.get('grant_type') ?? '';
        api.tokenRequests.push({ grantType });
        const ok = (grantType === 'refresh_token' && form.get('refresh_token') === api.refreshToken) || (grantType === 'authorization_code' && form.get('code') === api.code);
        if (!ok) return json(res, 400, { error: 'invalid_grant', error_description: 'Bad Request' });
        const token = `access-${++tokenSerial}`;
        const seconds = options.accessTokenSeconds ?? 3600;
        valid.set(token, Date.now() + seconds * 1000);
        json(res, 200, { access_token: token, expires_in: seconds, token_type: 'Bearer', scope: 'https://www.googleapis.com/auth/gmail.readonly', ...(grantType === 'authorization_code' ? { refresh_token: api.refreshToken } : {}) });
      });
      return;
    }
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!valid.has(token) || valid.get(token)! < Date.now()) return json(res, 401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
    const path = url.pathname.replace(/^\/gmail\/v1\/users\/me/, '');
    if (path === '/profile') return json(res, 200, { emailAddress: 'sam@example.org', messagesTotal: messages.length, historyId: String(historyId) });
    if (path === '/messages') {
      const after = /after:(\d+)/.exec(url.searchParams.get('q') ?? '');
      const newestFirst = [...messages].reverse().filter((m) => !after || dateOf(m.raw) > Number(after[1]) * 1000);
      const size = Math.min(Number(url.searchParams.get('maxResults') ?? 100), options.pageSize ?? 500);
      const start = Number(url.searchParams.get('pageToken') ?? 0);
      const page = newestFirst.slice(start, start + size);
      return json(res, 200, { messages: page.map((m) => ({ id: m.id, threadId: m.id })), resultSizeEstimate: newestFirst.length, ...(start + size < newestFirst.length ? { nextPageToken: String(start + size) } : {}) });
    }
    const one = /^\/messages\/([^/]+)$/.exec(path);
    if (one) {
      const m = messages.find((x) => x.id === one[1]);
      if (!m) return json(res, 404, { error: { code: 404, message: 'Requested entity was not found.' } });
      if (url.searchParams.get('format') !== 'raw') return json(res, 400, { error: { code: 400, message: 'finch asks for format=raw' } });
      return json(res, 200, { id: m.id, threadId: m.id, historyId: String(m.historyId), raw: m.raw.toString('base64url'), sizeEstimate: m.raw.length });
    }
    if (path === '/history') {
      const start = Number(url.searchParams.get('startHistoryId'));
      if (start < oldestHistory) return json(res, 404, { error: { code: 404, message: 'Requested entity was not found.' } });
      const added = messages.filter((m) => m.historyId > start);
      return json(res, 200, { history: added.map((m) => ({ id: String(m.historyId), messagesAdded: [{ message: { id: m.id, threadId: m.id } }] })), historyId: String(historyId) });
    }
    json(res, 404, { error: { code: 404, message: `no route ${path}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    ...api,
    get url() {
      return api.url;
    },
    add(raw: Buffer) {
      historyId += 3;
      const id = `m${historyId.toString(16)}`;
      messages.push({ id, raw, historyId });
      return id;
    },
    expireHistory() {
      oldestHistory = historyId + 1;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function dateOf(raw: Buffer): number {
  const m = /^Date:\s*(.+)$/im.exec(raw.subarray(0, 4000).toString('latin1'));
  return m ? Date.parse(m[1]!) : 0;
}
