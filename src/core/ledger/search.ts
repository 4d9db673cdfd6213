import { sql } from 'kysely';
import type { Ctx } from '../db/index.js';
import { minorToDecimal, type CurrencyCode } from '../money/index.js';

export type SearchHitKind = 'transaction' | 'account' | 'category' | 'person' | 'group' | 'statement';

export interface SearchHit {
  kind: SearchHitKind;
  id: string;
  title: string;
  detail: string;
}

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * One search over everything a person keeps: names first (accounts, people, groups, categories,
 * statements), then the newest matching transactions.
 */
export async function search(ctx: Ctx, text: string, limit = 20): Promise<SearchHit[]> {
  const q = text.trim().replace(/^[@#]/, '');
  if (!q) return [];
  const p = likePattern(q);
  const like = (col: string) => sql<boolean>`lower(${sql.ref(col)}) like ${p} escape '\\'`;
  const [accounts, people, groups, categories, files, txs] = await Promise.all([
    ctx.db.selectFrom('accounts').select(['id', 'name', 'kind', 'currency']).where('user_id', '=', ctx.userId).where(like('name')).limit(limit).execute(),
    ctx.db
      .selectFrom('people')
      .select(['id', 'name', 'handle'])
      .where('user_id', '=', ctx.userId)
      .where((eb) => eb.or([like('name'), like('handle'), like('aliases_json')]))
      .limit(limit)
      .execute(),
    ctx.db.selectFrom('groups').select(['id', 'name', 'handle']).where('user_id', '=', ctx.userId).where((eb) => eb.or([like('name'), like('handle')])).limit(limit).execute(),
    ctx.db.selectFrom('categories').select(['id', 'slug', 'name']).where('user_id', '=', ctx.userId).where((eb) => eb.or([like('name'), like('slug')])).limit(limit).execute(),
    ctx.db.selectFrom('uploaded_files').select(['id', 'filename', 'status', 'period_start', 'period_end']).where('user_id', '=', ctx.userId).where(like('filename')).limit(limit).execute(),
    ctx.db
      .selectFrom('transactions')
      .select(['id', 'date', 'description', 'amount_minor', 'currency'])
      .where('user_id', '=', ctx.userId)
      .where((eb) => eb.or([like('description'), sql<boolean>`lower(coalesce(merchant, '')) like ${p} escape '\\'`]))
      .orderBy('date', 'desc')
      .limit(limit)
      .execute(),
  ]);
  const hits: SearchHit[] = [
    ...accounts.map((a) => ({ kind: 'account' as const, id: a.id, title: a.name, detail: `${a.kind} · ${a.currency}` })),
    ...people.map((x) => ({ kind: 'person' as const, id: x.id, title: `@${x.handle}`, detail: x.name })),
    ...groups.map((g) => ({ kind: 'group' as const, id: g.id, title: `@${g.handle}`, detail: g.name })),
    ...categories.map((c) => ({ kind: 'category' as const, id: c.id, title: c.slug, detail: c.name })),
    ...files.map((f) => ({ kind: 'statement' as const, id: f.id, title: f.filename, detail: `${f.status}${f.period_start ? ` · ${f.period_start}…${f.period_end}` : ''}` })),
    ...txs.map((t) => ({
      kind: 'transaction' as const,
      id: t.id,
      title: t.description,
      detail: `${t.date} · ${minorToDecimal(Number(t.amount_minor), t.currency as CurrencyCode)} ${t.currency}`,
    })),
  ];
  return hits.slice(0, limit * 2);
}
