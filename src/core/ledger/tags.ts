import { newId, type Ctx } from '../db/index.js';
import { invalid } from '../errors/index.js';

export function normalizeTag(text: string): string {
  const t = text.trim().replace(/^#/, '').toLowerCase();
  if (!/^[\p{L}\p{N}_][\p{L}\p{N}_\-/.]{0,49}$/u.test(t)) throw invalid(`invalid tag "${text}"`);
  return t;
}

/** Returns the ids of the named tags, creating the missing ones. */
export async function ensureTags(ctx: Ctx, names: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(names.map(normalizeTag))];
  const out = new Map<string, string>();
  if (wanted.length === 0) return out;
  await ctx.db
    .insertInto('tags')
    .values(wanted.map((name) => ({ id: newId(), user_id: ctx.userId, name })))
    .onConflict((oc) => oc.columns(['user_id', 'name']).doNothing())
    .execute();
  const rows = await ctx.db.selectFrom('tags').select(['id', 'name']).where('user_id', '=', ctx.userId).where('name', 'in', wanted).execute();
  for (const r of rows) out.set(r.name, r.id);
  return out;
}

export async function listTags(ctx: Ctx): Promise<Array<{ name: string; count: number }>> {
  const rows = await ctx.db
    .selectFrom('tags as g')
    .leftJoin('transaction_tags as tt', 'tt.tag_id', 'g.id')
    .select(['g.name'])
    .select((eb) => eb.fn.count<number>('tt.transaction_id').as('count'))
    .where('g.user_id', '=', ctx.userId)
    .groupBy('g.name')
    .orderBy('g.name')
    .execute();
  return rows.map((r) => ({ name: r.name, count: Number(r.count) }));
}
