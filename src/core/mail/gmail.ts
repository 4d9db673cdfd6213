import { createServer } from 'node:http';
import { gmail as gmailApi, auth as googleAuth, type gmail_v1 } from '@googleapis/gmail';
import { FinchError } from '../errors/index.js';
import type { GmailConfig, SyncState } from './mailboxes.js';
import type { Batch, MailSource } from './source.js';

const GET_CONCURRENCY = 50;

export const GMAIL_SCOPE = 'https://www.googleapis.com/auth/gmail.readonly';

/** Where the Gmail API and Google's OAuth endpoints are: the real ones unless the environment points elsewhere (tests). */
export function gmailEndpoints(env: NodeJS.ProcessEnv): { apiRoot?: string; tokenUrl?: string; authUrl?: string } {
  const oauth = env.FINCH_GMAIL_OAUTH_ROOT?.replace(/\/$/, '');
  return {
    apiRoot: env.FINCH_GMAIL_API_ROOT ? `${env.FINCH_GMAIL_API_ROOT.replace(/\/$/, '')}/` : undefined,
    tokenUrl: oauth ? `${oauth}/token` : undefined,
    authUrl: oauth ? `${oauth}/auth` : undefined,
  };
}

function oauthClient(config: Pick<GmailConfig, 'clientId' | 'clientSecret'>, env: NodeJS.ProcessEnv, redirectUri?: string) {
  const ends = gmailEndpoints(env);
  return new googleAuth.OAuth2({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    redirectUri,
    endpoints: { ...(ends.tokenUrl ? { oauth2TokenUrl: ends.tokenUrl } : {}), ...(ends.authUrl ? { oauth2AuthBaseUrl: ends.authUrl } : {}) },
  });
}

/**
 * OAuth 2.0 for installed apps with a loopback redirect: listens on 127.0.0.1 on a free port,
 * hands the consent URL to `openUrl` (the CLI prints it), waits for Google's redirect with the
 * code, and trades it for a refresh token (gmail.readonly only).
 */
export async function authorizeGmail(
  config: Pick<GmailConfig, 'clientId' | 'clientSecret'>,
  options: { env: NodeJS.ProcessEnv; openUrl: (url: string) => void; timeoutMs?: number },
): Promise<{ refreshToken: string; email: string | null }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const redirectUri = `http://127.0.0.1:${port}`;
  const client = oauthClient(config, options.env, redirectUri);
  try {
    const code = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new FinchError('IO', 'no answer from the browser in time', { subject: 'gmail-consent' })), options.timeoutMs ?? 300_000);
      server.on('request', (req, res) => {
        const url = new URL(req.url ?? '/', redirectUri);
        const got = url.searchParams.get('code');
        const error = url.searchParams.get('error');
        res.writeHead(got ? 200 : 400, { 'content-type': 'text/plain; charset=utf-8' }).end(got ? 'finch can read your mail now; you may close this tab.' : `finch was not given access (${error ?? 'no code'}).`);
        if (!got && !error) return;
        clearTimeout(timer);
        if (got) resolve(got);
        else reject(new FinchError('PASSWORD', `Google refused access: ${error}`));
      });
      options.openUrl(client.generateAuthUrl({ access_type: 'offline', prompt: 'consent', scope: [GMAIL_SCOPE] }));
    });
    const { tokens } = await client.getToken(code);
    if (!tokens.refresh_token) throw new FinchError('PASSWORD', 'Google sent no refresh token: remove finch from your account\'s third-party access and try again');
    client.setCredentials(tokens);
    const api = gmailApi({ version: 'v1', auth: client, rootUrl: gmailEndpoints(options.env).apiRoot });
    const profile = await api.users.getProfile({ userId: 'me' }).catch(() => null);
    return { refreshToken: tokens.refresh_token, email: profile?.data.emailAddress ?? null };
  } finally {
    server.close();
  }
}

function apiError(e: unknown): FinchError {
  const status = (e as { status?: number; code?: number | string }).status ?? Number((e as { code?: unknown }).code);
  const message = (e as Error).message ?? String(e);
  if (status === 401 || /invalid_grant|unauthorized/i.test(message)) return new FinchError('PASSWORD', `Gmail refused the saved authorisation (${message})`, { cause: e, subject: 'gmail-consent' });
  return new FinchError('IO', `Gmail API: ${message}`, { cause: e });
}

/**
 * Gmail through the official client: the first sync lists the messages (since a date when
 * given), later ones read the history after the saved historyId; each message comes raw (RFC 822).
 */
export class GmailSource implements MailSource {
  private readonly api: gmail_v1.Gmail;

  constructor(config: GmailConfig, refreshToken: string, env: NodeJS.ProcessEnv) {
    const client = oauthClient(config, env);
    client.setCredentials({ refresh_token: refreshToken });
    this.api = gmailApi({ version: 'v1', auth: client, rootUrl: gmailEndpoints(env).apiRoot });
  }

  private async newIds(state: SyncState, since: Date | undefined): Promise<{ ids: string[]; historyId: string }> {
    const profile = await this.api.users.getProfile({ userId: 'me' });
    const latest = profile.data.historyId ?? '0';
    if (state.historyId && !since) {
      try {
        const ids: string[] = [];
        let pageToken: string | undefined;
        let historyId = state.historyId;
        do {
          const r = await this.api.users.history.list({ userId: 'me', startHistoryId: state.historyId, historyTypes: ['messageAdded'], pageToken });
          for (const h of r.data.history ?? []) for (const a of h.messagesAdded ?? []) if (a.message?.id) ids.push(a.message.id);
          historyId = r.data.historyId ?? historyId;
          pageToken = r.data.nextPageToken ?? undefined;
        } while (pageToken);
        return { ids: [...new Set(ids)], historyId };
      } catch (e) {
        // 404: the saved point is too old for Gmail's history; list everything again (Message-IDs keep each once).
        if ((e as { status?: number }).status !== 404) throw e;
      }
    }
    const ids: string[] = [];
    let pageToken: string | undefined;
    const q = since ? `after:${Math.floor(since.getTime() / 1000)}` : undefined;
    do {
      const r = await this.api.users.messages.list({ userId: 'me', q, maxResults: 500, pageToken });
      for (const m of r.data.messages ?? []) if (m.id) ids.push(m.id);
      pageToken = r.data.nextPageToken ?? undefined;
    } while (pageToken);
    // The list is newest first; read oldest first so a stop leaves a clean prefix done.
    return { ids: ids.reverse(), historyId: latest };
  }

  async *batches(state: SyncState, options: { since?: Date; batchSize: number }): AsyncIterable<Batch> {
    let found;
    try {
      found = await this.newIds(state, options.since);
    } catch (e) {
      throw apiError(e);
    }
    for (let i = 0; i < found.ids.length; i += options.batchSize) {
      const slice = found.ids.slice(i, i + options.batchSize);
      const messages: Batch['messages'] = [];
      // A few requests in flight at a time: quicker than one by one, gentler than a whole batch at once.
      for (let j = 0; j < slice.length; j += GET_CONCURRENCY) {
        const got = await Promise.all(
          slice.slice(j, j + GET_CONCURRENCY).map(async (id) => {
            try {
              const r = await this.api.users.messages.get({ userId: 'me', id, format: 'raw' });
              return { ref: id, raw: Buffer.from(r.data.raw ?? '', 'base64url') };
            } catch (e) {
              throw apiError(e);
            }
          }),
        );
        messages.push(...got);
      }
      const last = i + options.batchSize >= found.ids.length;
      // Until the last batch is stored, the saved point stays where it was: a stop re-reads, never skips.
      yield { messages, state: last ? { historyId: found.historyId } : state };
    }
    if (found.ids.length === 0) yield { messages: [], state: { historyId: found.historyId } };
  }

  async close(): Promise<void> {}
}
