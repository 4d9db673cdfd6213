import type { Ctx } from '../db/index.js';

/*
 * Writes other modules need on the ledger's tables, done here because the ledger is the only
 * module that writes them (test/core/ledger/only-ledger-writes.test.ts checks the sources).
 */

/** Deletes every transaction a source (e.g. a statement file) created; returns how many. */
export async function deleteTransactionsFromSource(ctx: Ctx, sourceRef: string): Promise<number> {
  const r = await ctx.db.deleteFrom('transactions').where('user_id', '=', ctx.userId).where('source_ref', '=', sourceRef).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Links the mentions of a transaction to the chat message they were written in. */
export async function linkMentionsToMessage(ctx: Ctx, transactionId: string, messageId: string): Promise<void> {
  await ctx.db.updateTable('mentions').set({ chat_message_id: messageId }).where('transaction_id', '=', transactionId).execute();
}
