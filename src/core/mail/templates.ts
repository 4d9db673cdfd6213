import { parseJson, type Ctx } from '../db/index.js';
import { nowIso } from '../calendar/index.js';
import type { Evidence, SenderTemplate } from './parse.js';

/** Per-sender templates, keyed by the sender's address (lower case). */
export async function loadTemplates(ctx: Ctx): Promise<Map<string, SenderTemplate>> {
  const rows = await ctx.db.selectFrom('mail_templates').selectAll().where('user_id', '=', ctx.userId).execute();
  return new Map(rows.map((r) => [r.sender, parseJson<SenderTemplate>(r.template_json, {})]));
}

export async function saveTemplate(ctx: Ctx, sender: string, change: SenderTemplate): Promise<SenderTemplate> {
  const key = sender.trim().toLowerCase();
  const current = (await loadTemplates(ctx)).get(key) ?? {};
  const next = { ...current, ...change };
  const json = JSON.stringify(next);
  await ctx.db
    .insertInto('mail_templates')
    .values({ user_id: ctx.userId, sender: key, template_json: json, updated_at: nowIso() })
    .onConflict((oc) => oc.columns(['user_id', 'sender']).doUpdateSet({ template_json: json, updated_at: nowIso() }))
    .execute();
  return next;
}

/**
 * What a correction teaches about its sender: the words before the amount the person chose, the
 * account they picked, the direction. Stored as data; the parser reads it for that sender's next mail.
 */
export function lessonOf(evidence: Evidence, correction: { amount?: string; account?: string; accountId?: string }, parsedMinorSign: number): SenderTemplate {
  const lesson: SenderTemplate = {};
  if (correction.amount) {
    const wanted = correction.amount.replace(/^[+-]/, '');
    const hit = evidence.amounts.find((a) => a.amount === wanted || Number(a.amount) === Number(wanted));
    if (hit?.cue) lesson.amountCue = hit.cue.split(' ').slice(-2).join(' ');
    if (correction.amount.startsWith('+') && parsedMinorSign < 0) lesson.sign = 'credit';
    if (correction.amount.startsWith('-') && parsedMinorSign > 0) lesson.sign = 'debit';
  }
  if (correction.accountId) lesson.account = correction.accountId;
  return lesson;
}
