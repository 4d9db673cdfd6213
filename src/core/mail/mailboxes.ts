import { z } from 'zod';
import { newId, parseJson, type Ctx, type Database, type MailboxKind } from '../db/index.js';
import { FinchError, notFound } from '../errors/index.js';
import { nowIso } from '../calendar/index.js';
import type { SecretBox } from '../secrets/index.js';

export interface ImapConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  mailbox: string;
}
export interface GmailConfig {
  email: string | null;
  clientId: string;
  clientSecret: string;
}
export interface SyncState {
  uidValidity?: string;
  lastUid?: number;
  historyId?: string;
}

export interface Mailbox {
  id: string;
  name: string;
  kind: MailboxKind;
  config: ImapConfig | GmailConfig;
  keepBodies: boolean;
  state: SyncState;
  lastSyncAt: string | null;
  createdAt: string;
}

function toMailbox(r: Database['mailboxes']): Mailbox {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    config: parseJson(r.config_json, {} as ImapConfig),
    keepBodies: Number(r.keep_bodies) === 1,
    state: parseJson<SyncState>(r.state_json, {}),
    lastSyncAt: r.last_sync_at,
    createdAt: r.created_at,
  };
}

const nameSchema = z.string().trim().min(1).max(60).regex(/^[\p{L}\p{N} _.-]+$/u, 'letters, digits, space, _ . - only');

/**
 * Reads `imap[s]://USER[:PASSWORD]@HOST[:PORT]/MAILBOX` (user and password percent-encoded).
 * The password, when the URL has one, is returned apart so it is never stored in the config.
 */
export function parseImapUrl(text: string): { config: ImapConfig; password: string | null } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FinchError('INVALID_INPUT', `not an IMAP URL: expected imaps://USER@HOST[:PORT]/MAILBOX`);
  }
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') throw new FinchError('INVALID_INPUT', `not an IMAP URL (${url.protocol}): expected imaps://USER@HOST[:PORT]/MAILBOX`);
  if (!url.username) throw new FinchError('INVALID_INPUT', 'the IMAP URL needs a user: imaps://USER@HOST/MAILBOX');
  const secure = url.protocol === 'imaps:';
  const mailbox = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
  return {
    config: { host: url.hostname, port: url.port ? Number(url.port) : secure ? 993 : 143, secure, user: decodeURIComponent(url.username), mailbox },
    password: url.password ? decodeURIComponent(url.password) : null,
  };
}

export async function addMailbox(
  ctx: Ctx,
  box: SecretBox,
  input: { name: string; kind: MailboxKind; config: ImapConfig | GmailConfig; secret: string; keepBodies?: boolean },
): Promise<Mailbox> {
  const name = nameSchema.parse(input.name);
  const now = nowIso();
  const id = newId();
  const inserted = await ctx.db
    .insertInto('mailboxes')
    .values({
      id,
      user_id: ctx.userId,
      name,
      kind: input.kind,
      config_json: JSON.stringify(input.config),
      secret: box.seal(input.secret),
      keep_bodies: input.keepBodies ? 1 : 0,
      state_json: '{}',
      last_sync_at: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['user_id', 'name']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new FinchError('CONFLICT', `a mailbox named "${name}" exists already`);
  return getMailbox(ctx, name);
}

export async function listMailboxes(ctx: Ctx): Promise<Mailbox[]> {
  return (await ctx.db.selectFrom('mailboxes').selectAll().where('user_id', '=', ctx.userId).orderBy('name').execute()).map(toMailbox);
}

export async function getMailbox(ctx: Ctx, name: string): Promise<Mailbox> {
  const r = await ctx.db.selectFrom('mailboxes').selectAll().where('user_id', '=', ctx.userId).where('name', '=', name).executeTakeFirst();
  if (!r) throw notFound(`no mailbox "${name}"`, 'mailbox');
  return toMailbox(r);
}

/** The stored password or refresh token, opened. */
export async function mailboxSecret(ctx: Ctx, box: SecretBox, id: string): Promise<string> {
  const r = await ctx.db.selectFrom('mailboxes').select('secret').where('user_id', '=', ctx.userId).where('id', '=', id).executeTakeFirstOrThrow();
  if (!r.secret) throw new FinchError('INVALID_INPUT', 'this mailbox has no saved credentials: remove it and add it again');
  return box.open(r.secret);
}

/** Re-encrypts every stored mailbox credential of the profile (`finch secrets rotate`). */
export async function resealMailboxSecrets(ctx: Ctx, reseal: (sealed: string) => string): Promise<number> {
  const rows = await ctx.db.selectFrom('mailboxes').select(['id', 'secret']).where('user_id', '=', ctx.userId).where('secret', 'is not', null).execute();
  for (const r of rows) await ctx.db.updateTable('mailboxes').set({ secret: reseal(r.secret!) }).where('user_id', '=', ctx.userId).where('id', '=', r.id).execute();
  return rows.length;
}

export async function removeMailbox(ctx: Ctx, name: string): Promise<void> {
  const m = await getMailbox(ctx, name);
  await ctx.db.deleteFrom('mailboxes').where('id', '=', m.id).execute();
}

export async function saveState(ctx: Ctx, id: string, state: SyncState): Promise<void> {
  const now = nowIso();
  await ctx.db.updateTable('mailboxes').set({ state_json: JSON.stringify(state), last_sync_at: now, updated_at: now }).where('id', '=', id).where('user_id', '=', ctx.userId).execute();
}
