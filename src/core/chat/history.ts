import { newId, parseJson, type ChatStatus, type Ctx, type Database } from '../db/index.js';
import { nowIso } from '../calendar/index.js';
import { notFound } from '../errors/index.js';

export interface ChatMessage {
  id: string;
  conversationId: string;
  content: string;
  status: ChatStatus;
  mode: 'rules' | 'ai' | 'auto';
  provider: string | null;
  parsed: unknown;
  error: string | null;
  transactionId: string | null;
  createdAt: string;
  updatedAt: string;
}

function toMessage(r: Database['chat_messages']): ChatMessage {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    content: r.content,
    status: r.status,
    mode: r.mode,
    provider: r.provider,
    parsed: parseJson(r.parsed_json, null),
    error: r.error,
    transactionId: r.transaction_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function recordMessage(ctx: Ctx, content: string, mode: ChatMessage['mode'], conversationId = 'main'): Promise<string> {
  const id = newId();
  const now = nowIso();
  await ctx.db
    .insertInto('chat_messages')
    .values({ id, user_id: ctx.userId, conversation_id: conversationId, role: 'user', content, status: 'processing', mode, provider: null, parsed_json: null, error: null, transaction_id: null, created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function updateMessage(
  ctx: Ctx,
  id: string,
  changes: { status: ChatStatus; parsed?: unknown; provider?: string | null; error?: string | null; transactionId?: string | null },
): Promise<void> {
  await ctx.db
    .updateTable('chat_messages')
    .set({
      status: changes.status,
      ...(changes.parsed !== undefined ? { parsed_json: JSON.stringify(changes.parsed) } : {}),
      ...(changes.provider !== undefined ? { provider: changes.provider } : {}),
      ...(changes.error !== undefined ? { error: changes.error } : {}),
      ...(changes.transactionId !== undefined ? { transaction_id: changes.transactionId } : {}),
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .where('user_id', '=', ctx.userId)
    .execute();
}

export async function getMessage(ctx: Ctx, id: string): Promise<ChatMessage> {
  const row = await ctx.db.selectFrom('chat_messages').selectAll().where('user_id', '=', ctx.userId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`no chat message ${id}`);
  return toMessage(row);
}

export async function chatHistory(ctx: Ctx, options: { limit?: number; status?: ChatStatus; conversationId?: string } = {}): Promise<ChatMessage[]> {
  let q = ctx.db.selectFrom('chat_messages').selectAll().where('user_id', '=', ctx.userId);
  if (options.status) q = q.where('status', '=', options.status);
  if (options.conversationId) q = q.where('conversation_id', '=', options.conversationId);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit ?? 50).execute();
  return rows.map(toMessage);
}
