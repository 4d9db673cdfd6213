import type { AccountKind, Ctx, TransactionType } from '../db/index.js';
import { type CurrencyCode } from '../money/index.js';
import { type EntryKind, firstDatePerAccount, accountMinor, entryKind, entrySource, originalCurrency, originalMinor, shareMinor } from '../ledger/index.js';
import { reportWhere, type ReportFilter } from '../reports/index.js';

/** One transaction as the writers need it, with its account, category path, tags and splits. */
export interface ExportRow {
  id: string;
  date: string;
  amountMinor: number;
  currency: CurrencyCode;
  type: TransactionType;
  /** The ledger's read side: kind, what moved in the account, my share. */
  kind: EntryKind;
  accountMinor: number;
  shareMinor: number;
  /** What was paid in the currency it was spent in (equal to the amount unless spent abroad). */
  originalMinor: number;
  originalCurrency: CurrencyCode;
  description: string;
  merchant: string | null;
  notes: string | null;
  accountId: string | null;
  categorySlug: string | null;
  tags: string[];
  /** Every split row; person null is the user. */
  splits: Array<{ person: string | null; personName: string | null; shareMinor: number; paidMinor: number }>;
}

export interface ExportAccount {
  id: string;
  name: string;
  kind: AccountKind;
  currency: CurrencyCode;
  openingMinor: number;
  createdDate: string;
  firstDate: string | null;
  archived: boolean;
}

export interface ExportCategory {
  id: string;
  slug: string;
  name: string;
  kind: string;
  parentSlug: string | null;
  parentName: string | null;
}

const PAGE = 5000;
const IN_CHUNK = 1000;

export async function exportAccounts(ctx: Ctx, accountId?: string): Promise<ExportAccount[]> {
  let q = ctx.db.selectFrom('accounts').selectAll().where('user_id', '=', ctx.userId);
  if (accountId) q = q.where('id', '=', accountId);
  const rows = await q.orderBy('name').execute();
  const first = await firstDatePerAccount(ctx);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    currency: r.currency as CurrencyCode,
    openingMinor: Number(r.opening_balance_minor),
    createdDate: r.created_at.slice(0, 10),
    firstDate: first.get(r.id) ?? null,
    archived: r.archived === 1,
  }));
}

export async function exportCategories(ctx: Ctx): Promise<ExportCategory[]> {
  const rows = await ctx.db
    .selectFrom('categories as c')
    .leftJoin('categories as p', 'p.id', 'c.parent_id')
    .select(['c.id', 'c.slug', 'c.name', 'c.kind', 'p.slug as parent_slug', 'p.name as parent_name'])
    .where('c.user_id', '=', ctx.userId)
    .orderBy('c.slug')
    .execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, kind: r.kind, parentSlug: r.parent_slug, parentName: r.parent_name }));
}

/** Reads the matching transactions page by page in (date, id) order, so memory stays flat. */
export async function* exportRows(ctx: Ctx, filter: ReportFilter): AsyncGenerator<ExportRow[]> {
  const where = await reportWhere(ctx, filter);
  let after: { date: string; id: string } | null = null;
  for (;;) {
    let q = entrySource(ctx, where).select([
      't.id',
      't.date',
      't.amount_minor',
      't.currency',
      't.type',
      't.description',
      't.merchant',
      't.notes',
      't.account_id',
      'c.slug as category_slug',
      entryKind.as('kind'),
      accountMinor.as('account_minor'),
      shareMinor.as('share_minor'),
      originalMinor.as('original_minor'),
      originalCurrency.as('original_currency'),
    ]);
    if (after) {
      const a: { date: string; id: string } = after;
      q = q.where((eb) => eb.or([eb('t.date', '>', a.date), eb.and([eb('t.date', '=', a.date), eb('t.id', '>', a.id)])]));
    }
    const rows = await q.orderBy('t.date').orderBy('t.id').limit(PAGE).execute();
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    const tags = new Map<string, string[]>();
    const splits = new Map<string, ExportRow['splits']>();
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const slice = ids.slice(i, i + IN_CHUNK);
      const tagRows = await ctx.db
        .selectFrom('transaction_tags as tt')
        .innerJoin('tags as g', 'g.id', 'tt.tag_id')
        .select(['tt.transaction_id', 'g.name'])
        .where('tt.user_id', '=', ctx.userId)
        .where('tt.transaction_id', 'in', slice)
        .orderBy('g.name')
        .execute();
      for (const r of tagRows) {
        const list = tags.get(r.transaction_id);
        if (list) list.push(r.name);
        else tags.set(r.transaction_id, [r.name]);
      }
      const splitRows = await ctx.db
        .selectFrom('splits as s')
        .leftJoin('people as p', 'p.id', 's.person_id')
        .select(['s.transaction_id', 'p.handle', 'p.name', 's.share_minor', 's.paid_minor'])
        .where('s.user_id', '=', ctx.userId)
        .where('s.transaction_id', 'in', slice)
        .orderBy('s.id')
        .execute();
      for (const r of splitRows) {
        const split = { person: r.handle, personName: r.name, shareMinor: Number(r.share_minor), paidMinor: Number(r.paid_minor) };
        const list = splits.get(r.transaction_id);
        if (list) list.push(split);
        else splits.set(r.transaction_id, [split]);
      }
    }
    yield rows.map((r) => ({
      id: r.id,
      date: r.date,
      amountMinor: Number(r.amount_minor),
      currency: r.currency as CurrencyCode,
      type: r.type,
      kind: r.kind,
      accountMinor: Number(r.account_minor),
      shareMinor: Number(r.share_minor),
      originalMinor: Number(r.original_minor),
      originalCurrency: r.original_currency as CurrencyCode,
      description: r.description,
      merchant: r.merchant,
      notes: r.notes,
      accountId: r.account_id,
      categorySlug: r.category_slug,
      tags: tags.get(r.id) ?? [],
      splits: splits.get(r.id) ?? [],
    }));
    const last = rows[rows.length - 1]!;
    after = { date: last.date, id: last.id };
    if (rows.length < PAGE) return;
  }
}
