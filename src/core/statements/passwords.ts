import { newId, type Ctx } from '../db/index.js';
import { conflict, invalid, notFound } from '../errors/index.js';
import { nowIso } from '../calendar/index.js';
import type { SecretBox } from '../secrets/index.js';

export interface SavedPassword {
  id: string;
  label: string;
  createdAt: string;
}

/** Saves a statement password, encrypted at rest; only the label is ever shown. */
export async function addPassword(ctx: Ctx, box: SecretBox, label: string, password: string): Promise<SavedPassword> {
  const l = label.trim();
  if (!l) throw invalid('a saved password needs a label, e.g. the bank\'s name');
  if (!password) throw invalid('the password is empty');
  const exists = await ctx.db.selectFrom('statement_passwords').select('id').where('user_id', '=', ctx.userId).where('label', '=', l).executeTakeFirst();
  if (exists) throw conflict(`a password labelled "${l}" is already saved`);
  const row = { id: newId(), user_id: ctx.userId, label: l, ciphertext: box.seal(password), created_at: nowIso() };
  await ctx.db.insertInto('statement_passwords').values(row).execute();
  return { id: row.id, label: l, createdAt: row.created_at };
}

export async function listPasswords(ctx: Ctx): Promise<SavedPassword[]> {
  const rows = await ctx.db.selectFrom('statement_passwords').select(['id', 'label', 'created_at']).where('user_id', '=', ctx.userId).orderBy('label').execute();
  return rows.map((r) => ({ id: r.id, label: r.label, createdAt: r.created_at }));
}

export async function removePassword(ctx: Ctx, label: string): Promise<void> {
  const r = await ctx.db.deleteFrom('statement_passwords').where('user_id', '=', ctx.userId).where('label', '=', label.trim()).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notFound(`no saved password labelled "${label}"`);
}

/**
 * The saved passwords in the order to try them (oldest first), decrypted in memory only. With
 * `onUnreadable`, one that does not decrypt is skipped and named instead of failing them all.
 */
export async function candidatePasswords(ctx: Ctx, box: SecretBox, onUnreadable?: (label: string) => void): Promise<Array<{ label: string; password: string }>> {
  const rows = await ctx.db.selectFrom('statement_passwords').select(['label', 'ciphertext']).where('user_id', '=', ctx.userId).orderBy('created_at').orderBy('id').execute();
  const out: Array<{ label: string; password: string }> = [];
  for (const r of rows) {
    try {
      out.push({ label: r.label, password: box.open(r.ciphertext) });
    } catch (e) {
      if (!onUnreadable) throw e;
      onUnreadable(r.label);
    }
  }
  return out;
}

/** Re-encrypts every saved password of the profile (`finch secrets rotate`); returns how many. */
export async function resealPasswords(ctx: Ctx, reseal: (sealed: string) => string): Promise<number> {
  const rows = await ctx.db.selectFrom('statement_passwords').select(['id', 'ciphertext']).where('user_id', '=', ctx.userId).execute();
  for (const r of rows) await ctx.db.updateTable('statement_passwords').set({ ciphertext: reseal(r.ciphertext) }).where('id', '=', r.id).execute();
  return rows.length;
}

/** Whether any statement this profile imported was opened with a password (given or saved). */
export async function holdsLockedStatements(ctx: Ctx): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('statement_logs')
    .select('id')
    .where('user_id', '=', ctx.userId)
    .where('stage', '=', 'decrypt')
    .where((eb) => eb.or([eb('details_json', 'like', '%"password":"given"%'), eb('details_json', 'like', '%"password":"saved"%')]))
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}
