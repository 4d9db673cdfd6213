import { parseJson, type Ctx } from '../db/index.js';
import { listAccounts } from '../ledger/index.js';
import type { Evidence } from './parse.js';
import { lessonOf, saveTemplate } from './templates.js';
import { confirmMailTransaction, getMailTransaction, type Correction, type MailTransaction } from './transactions.js';

/** Confirms a mail transaction; what the person corrected becomes the sender's template. */
export async function confirmAndLearn(ctx: Ctx, id: string, correction: Correction = {}, options: { always?: boolean } = {}): Promise<MailTransaction> {
  const before = await getMailTransaction(ctx, id);
  const done = await confirmMailTransaction(ctx, id, correction);
  const row = await ctx.db
    .selectFrom('mail_transactions as mt')
    .innerJoin('mail_messages as mm', 'mm.id', 'mt.message_row_id')
    .select('mm.evidence_json')
    .where('mt.id', '=', done.id)
    .executeTakeFirstOrThrow();
  const evidence = parseJson<Evidence>(row.evidence_json, { amounts: [], cues: [], vetoes: [] });
  const accountId = correction.account ? (await listAccounts(ctx)).find((a) => a.name.toLowerCase() === correction.account!.toLowerCase() || a.id === correction.account)?.id : undefined;
  const lesson = lessonOf(evidence, { amount: correction.amount, accountId }, before.amountMinor);
  if (options.always) lesson.autoSave = true;
  if (Object.keys(lesson).length) await saveTemplate(ctx, before.sender, lesson);
  return done;
}
