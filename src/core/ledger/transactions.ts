import { type Expression, type SqlBool, expressionBuilder, sql } from 'kysely';
import { z } from 'zod';
import { bulkInsert, newId, inTransaction, type Ctx, type Database, type TransactionSource, type TransactionType } from '../db/index.js';
import { invalid, notFound } from '../errors/index.js';
import { type CalendarDate, nowIso, toCalendarDate, today } from '../calendar/index.js';
import { type CurrencyCode, currencyCode, decimalToMinor, minorToDecimal } from '../money/index.js';
import { type Account, getAccount } from './accounts.js';
import { type Category, categoryFamilyIds, getCategory } from './categories.js';
import { ensureTags, normalizeTag } from './tags.js';
import { type SplitSpec, REST, computeShares, parseSplitText } from './splits.js';
import { accountAmountFor } from './foreign.js';
import { typeForCategory } from './entries.js';
import { type Group, type Person, findGroup, findPerson, getPerson } from './people.js';
import { type ShareRow, editSplit, resolveSplit } from './split-rows.js';

export const TRANSACTION_TYPES: readonly TransactionType[] = ['expense', 'income', 'transfer'];

export interface SplitShare {
  person: string; // handle, or "me"
  shareMinor: number;
  share: string;
  paidMinor: number;
  method: string;
  methodValue: string | null;
  group: string | null;
}

export interface Transaction {
  id: string;
  date: CalendarDate;
  /** Signed minor units: negative is money out. */
  amountMinor: number;
  /** The same, as a decimal string. */
  amount: string;
  currency: CurrencyCode;
  description: string;
  merchant: string | null;
  category: string | null;
  categoryId: string | null;
  account: string | null;
  accountId: string | null;
  type: TransactionType;
  tags: string[];
  notes: string | null;
  source: TransactionSource;
  sourceRef: string | null;
  /** What was paid, when spent in another currency than the account's (amount is what the account was charged). */
  original: { amountMinor: number; amount: string; currency: CurrencyCode } | null;
  /** Covered by a stated balance (`finch account reconcile`). */
  cleared: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface TransactionDetail extends Transaction {
  splits: SplitShare[];
  mentions: string[];
}

const decimalText = z.string().trim().regex(/^[+-]?\d+(\.\d+)?$/, 'expected a decimal number such as 12.50');

/** What a caller (CLI, chat, statements, library user) hands in. Validated here, at the edge. */
export const transactionInputSchema = z.object({
  date: z.string().optional(),
  amount: decimalText,
  currency: z.string().optional(),
  account: z.string().optional(),
  category: z.string().optional(),
  // Bank descriptions (SEPA remittance lines) run past 1,000 characters; they are kept whole and
  // shortened only where they are shown.
  description: z.string().max(20_000),
  merchant: z.string().max(200).optional(),
  type: z.enum(['expense', 'income', 'transfer']).optional(),
  tags: z.array(z.string()).optional(),
  notes: z.string().max(5000).optional(),
  split: z.union([z.string(), z.custom<SplitSpec>((v) => typeof v === 'object' && v !== null)]).optional(),
  /** Handles of people or groups the entry mentions. */
  mentions: z.array(z.string()).optional(),
  /** Who paid, when it was not me: a handle. Without a split the whole cost is my share, owed to them. */
  payer: z.string().optional(),
  source: z.enum(['manual', 'chat', 'statement', 'import', 'settlement']).optional(),
  sourceRef: z.string().optional(),
  importKey: z.string().optional(),
  /** Spent in `currency`, another than the account's: 1 currency = rate account currency… */
  rate: z.string().optional(),
  /** …or what the account was charged, in its own currency. */
  accountAmount: decimalText.optional(),
});
export type TransactionInput = z.input<typeof transactionInputSchema>;

interface Prepared {
  row: Database['transactions'];
  tags: string[];
  shares: ShareRow[];
  mentions: Array<{ personId: string | null; groupId: string | null; text: string }>;
}

/** Lookups repeated across a batch are done once. */
class Resolver {
  /** One timestamp for the whole batch. */
  readonly now = nowIso();
  private accounts = new Map<string, Account>();
  private categories = new Map<string, Category>();
  constructor(private readonly ctx: Ctx) {}
  async account(name: string): Promise<Account> {
    const key = name.toLowerCase();
    let a = this.accounts.get(key);
    if (!a) {
      a = await getAccount(this.ctx, name);
      this.accounts.set(key, a);
    }
    return a;
  }
  async category(name: string): Promise<Category> {
    const key = name.toLowerCase();
    let c = this.categories.get(key);
    if (!c) {
      c = await getCategory(this.ctx, name);
      this.categories.set(key, c);
    }
    return c;
  }
}

function signedAmount(text: string, type: TransactionType | undefined, categoryKind: string | undefined, currency: CurrencyCode, zeroAllowed: boolean): { minor: number; type: TransactionType } {
  const minor = decimalToMinor(text, currency);
  if (minor === 0 && !zeroAllowed) throw invalid('amount must not be zero');
  const explicitPlus = text.trim().startsWith('+');
  const abs = Math.abs(minor);
  const resolvedType: TransactionType =
    type ?? (categoryKind === 'income' ? 'income' : categoryKind === 'transfer' ? 'transfer' : explicitPlus ? 'income' : 'expense');
  switch (resolvedType) {
    case 'expense':
      return { minor: -abs, type: resolvedType };
    case 'income':
      return { minor: abs, type: resolvedType };
    case 'transfer':
      return { minor: explicitPlus ? abs : minor < 0 ? minor : -abs, type: resolvedType };
  }
}

async function prepare(ctx: Ctx, raw: TransactionInput, resolver: Resolver): Promise<Prepared> {
  const parsed = transactionInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(`invalid transaction ${issue.path.join('.') || 'input'}: ${issue.message}`);
  }
  const input = parsed.data;
  const description = input.description.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (!description) throw invalid('a transaction needs a description');
  const date = input.date ? toCalendarDate(input.date) : today();
  const account = input.account ? await resolver.account(input.account) : undefined;
  if (account?.archived) throw invalid(`account "${account.name}" is archived`);
  const spentIn = input.currency ? currencyCode(input.currency) : (account?.currency ?? ctx.homeCurrency);
  const currency = account?.currency ?? spentIn;
  const category = input.category ? await resolver.category(input.category) : undefined;
  // A bank prints 0.00 rows (card checks, fee waivers): an import keeps them as they are.
  const zeroAllowed = input.source === 'statement' || input.source === 'import';
  // Spent abroad: the entry keeps what was paid there and books what the account was charged.
  let original: { minor: number; currency: CurrencyCode } | null = null;
  let amountText = input.amount;
  if (account && spentIn !== currency) {
    const paid = decimalToMinor(input.amount, spentIn);
    const charged = await accountAmountFor(ctx, { originalMinor: paid, from: spentIn, to: currency, date, accountName: account.name, rate: input.rate, accountAmount: input.accountAmount });
    amountText = `${input.amount.trim()[0] === '+' ? '+' : input.amount.trim()[0] === '-' ? '-' : ''}${minorToDecimal(charged, currency)}`;
    original = { minor: paid, currency: spentIn };
  }
  const { minor, type } = signedAmount(amountText, input.type, category?.kind, currency, zeroAllowed);
  if (original) original.minor = Math.sign(minor) * Math.abs(original.minor);
  const now = resolver.now;
  const row: Database['transactions'] = {
    id: '',
    user_id: ctx.userId,
    account_id: account?.id ?? null,
    date,
    amount_minor: minor,
    currency,
    description,
    merchant: input.merchant?.trim() || null,
    category_id: category?.id ?? null,
    type,
    notes: input.notes?.trim() || null,
    source: input.source ?? 'manual',
    source_ref: input.sourceRef ?? null,
    import_key: input.importKey ?? null,
    created_at: now,
    updated_at: now,
    // Always present: a batch is inserted with the first row's columns.
    original_amount_minor: original?.minor ?? null,
    original_currency: original?.currency ?? null,
  };
  const tags = (input.tags ?? []).map(normalizeTag);
  const split = withPayer(input.split === undefined ? undefined : typeof input.split === 'string' ? parseSplitText(input.split) : input.split, input.payer);
  const mentions = input.mentions?.length ? await resolveMentions(ctx, input.mentions) : [];
  const mentionedGroups = mentions.filter((m) => m.groupId !== null).map((m) => m.text);
  const shares = split ? await resolveSplit(ctx, split, Math.abs(minor), currency, mentionedGroups) : [];
  return { row, tags, shares, mentions };
}

/** `payer` overrides the split's; alone it makes the whole cost my share, paid by them. */
function withPayer(split: SplitSpec | undefined, payer: string | undefined): SplitSpec | undefined {
  if (payer === undefined) return split;
  if (split) return { ...split, paidBy: payer };
  if (payer.replace(/^@/, '').toLowerCase() === 'me') return undefined;
  return { method: 'exact', participants: [{ person: 'me', value: REST }], paidBy: payer };
}

async function resolveMentions(ctx: Ctx, handles: readonly string[]): Promise<Prepared['mentions']> {
  const out: Prepared['mentions'] = [];
  for (const h of new Set(handles.map((x) => x.replace(/^@/, '').toLowerCase()))) {
    const person = await findPerson(ctx, h);
    if (person) {
      out.push({ personId: person.id, groupId: null, text: `@${person.handle}` });
      continue;
    }
    const group = await findGroup(ctx, h);
    if (group) {
      out.push({ personId: null, groupId: group.id, text: `@${group.handle}` });
      continue;
    }
    throw notFound(`unknown person or group "@${h}"`, 'mention');
  }
  return out;
}

// SQLite allows 32,766 bound values per statement; rows of 16 columns in chunks of 1,000 stay
// well inside that and keep Kysely's compile step cheap.
const CHUNK = 1000;

async function writePrepared(ctx: Ctx, all: Prepared[], options: { skipKnownImportKeys?: boolean } = {}): Promise<void> {
  // Rows go in by date, with ids handed out in that order, so every index grows at its end
  // instead of splitting pages all over (a third faster for a 100k-row import).
  const ordered = all.length > 1 ? [...all].sort((a, b) => (a.row.date < b.row.date ? -1 : a.row.date > b.row.date ? 1 : 0)) : all;
  for (const p of ordered) p.row.id = newId();
  const inserted = await bulkInsert(ctx, 'transactions', ordered.map((p) => p.row), options.skipKnownImportKeys ? { skipConflicts: { key: 'id' } } : {});
  let batch = all;
  if (inserted) {
    // A row the unique import key kept out was never written: it gets no id and nothing hangs on it.
    for (const p of all) if (!inserted.has(p.row.id)) p.row.id = '';
    batch = all.filter((p) => p.row.id !== '');
  }
  const tagNames = [...new Set(batch.flatMap((p) => p.tags))];
  if (tagNames.length) {
    const ids = await ensureTags(ctx, tagNames);
    const links = batch.flatMap((p) => [...new Set(p.tags)].map((t) => ({ transaction_id: p.row.id, tag_id: ids.get(t)!, user_id: ctx.userId })));
    await bulkInsert(ctx, 'transaction_tags', links);
  }
  const splits = batch.flatMap((p) =>
    p.shares.map((s) => ({
      id: newId(),
      user_id: ctx.userId,
      transaction_id: p.row.id,
      person_id: s.personId,
      group_id: s.groupId,
      share_minor: s.shareMinor,
      paid_minor: s.paidMinor,
      method: s.method as Database['splits']['method'],
      method_value: s.methodValue,
    })),
  );
  await bulkInsert(ctx, 'splits', splits);
  const mentions = batch.flatMap((p) =>
    p.mentions.map((m) => ({ id: newId(), user_id: ctx.userId, transaction_id: p.row.id, chat_message_id: null, person_id: m.personId, group_id: m.groupId, text: m.text })),
  );
  await bulkInsert(ctx, 'mentions', mentions);
}

export async function addTransaction(ctx: Ctx, input: TransactionInput): Promise<TransactionDetail> {
  const id = await inTransaction(ctx, async (tx) => {
    const prepared = await prepare(tx, input, new Resolver(tx));
    await writePrepared(tx, [prepared]);
    return prepared.row.id;
  });
  return getTransaction(ctx, id);
}

/**
 * Adds many transactions in one database transaction: all of them or, on the first bad one, none.
 * Returns the new ids in input order.
 */
export async function addTransactions(ctx: Ctx, inputs: readonly TransactionInput[]): Promise<string[]> {
  return (await addMany(ctx, inputs, {})) as string[];
}

/**
 * Adds imported rows once: a row whose import key the account already holds (the database's
 * unique index says so, ON CONFLICT DO NOTHING) is left out and gets null instead of an id.
 * Otherwise as addTransactions: one database transaction, all or nothing.
 */
export async function addImportedTransactions(ctx: Ctx, inputs: readonly TransactionInput[]): Promise<Array<string | null>> {
  return addMany(ctx, inputs, { skipKnownImportKeys: true });
}

async function addMany(ctx: Ctx, inputs: readonly TransactionInput[], options: { skipKnownImportKeys?: boolean }): Promise<Array<string | null>> {
  return inTransaction(ctx, async (tx) => {
    const resolver = new Resolver(tx);
    const prepared: Prepared[] = [];
    for (const [i, input] of inputs.entries()) {
      try {
        prepared.push(await prepare(tx, input, resolver));
      } catch (e) {
        if (e instanceof Error && inputs.length > 1) e.message = `transaction ${i + 1}: ${e.message}`;
        throw e;
      }
    }
    await writePrepared(tx, prepared, options);
    return prepared.map((p) => p.row.id || null);
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

export const SORT_KEYS = ['date', 'amount', 'description'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const transactionFilterSchema = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  account: z.string().optional(),
  category: z.string().optional(),
  /** Only rows without a category. */
  uncategorized: z.boolean().optional(),
  tag: z.string().optional(),
  /** Bounds on the size of the amount (ignoring its sign), decimal strings. */
  minAmount: decimalText.optional(),
  maxAmount: decimalText.optional(),
  text: z.string().optional(),
  type: z.enum(['expense', 'income', 'transfer']).optional(),
  source: z.string().optional(),
  sourceRef: z.string().optional(),
  ids: z.array(z.string()).optional(),
  sort: z.enum(SORT_KEYS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.number().int().positive().max(10_000_000).optional(),
  offset: z.number().int().nonnegative().optional(),
});
export type TransactionFilter = z.input<typeof transactionFilterSchema>;

type FilterDb = Database & { t: Database['transactions'] };

/**
 * Turns a filter into one WHERE expression over `transactions as t`, shared by the list, bulk
 * actions, counts and reports. Always scoped to the current user.
 */
export async function filterExpression(ctx: Ctx, raw: TransactionFilter): Promise<Expression<SqlBool>> {
  const parsed = transactionFilterSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(`invalid filter ${issue.path.join('.')}: ${issue.message}`);
  }
  const f = parsed.data;
  const eb = expressionBuilder<FilterDb, 't'>();
  const where: Expression<SqlBool>[] = [eb('t.user_id', '=', ctx.userId)];
  if (f.from) where.push(eb('t.date', '>=', toCalendarDate(f.from, 'from date')));
  if (f.to) where.push(eb('t.date', '<=', toCalendarDate(f.to, 'to date')));
  if (f.from && f.to && f.from > f.to) throw invalid(`the from date ${f.from} is after the to date ${f.to}`);
  let currency: CurrencyCode = ctx.homeCurrency;
  if (f.account) {
    const a = await getAccount(ctx, f.account);
    currency = a.currency;
    where.push(eb('t.account_id', '=', a.id));
  }
  if (f.category) {
    const c = await getCategory(ctx, f.category);
    const ids = await categoryFamilyIds(ctx, c);
    where.push(ids.length === 1 ? eb('t.category_id', '=', ids[0]!) : eb('t.category_id', 'in', ids));
  }
  if (f.uncategorized) where.push(eb('t.category_id', 'is', null));
  if (f.tag) {
    const tag = normalizeTag(f.tag);
    where.push(
      eb.exists(
        eb
          .selectFrom('transaction_tags as tt')
          .innerJoin('tags as g', 'g.id', 'tt.tag_id')
          .select('tt.tag_id')
          .whereRef('tt.transaction_id', '=', 't.id')
          .where('g.name', '=', tag),
      ),
    );
  }
  // Amount bounds are in the filter's currency (the account's, else home); minor digits differ.
  if (f.minAmount) {
    const min = Math.abs(decimalToMinor(f.minAmount, currency, 'minimum amount'));
    where.push(eb.or([eb('t.amount_minor', '>=', min), eb('t.amount_minor', '<=', -min)]));
  }
  if (f.maxAmount) {
    const max = Math.abs(decimalToMinor(f.maxAmount, currency, 'maximum amount'));
    where.push(eb('t.amount_minor', '>=', -max), eb('t.amount_minor', '<=', max));
  }
  if (f.text) {
    const pattern = `%${f.text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const like = (col: string) => sql<SqlBool>`lower(coalesce(${sql.ref(col)}, '')) like ${pattern} escape '\\'`;
    where.push(eb.or([like('t.description'), like('t.merchant'), like('t.notes')]));
  }
  if (f.type) where.push(eb('t.type', '=', f.type));
  if (f.source) where.push(eb('t.source', '=', f.source as TransactionSource));
  if (f.sourceRef) where.push(eb('t.source_ref', '=', f.sourceRef));
  if (f.ids) where.push(eb('t.id', 'in', f.ids.length ? f.ids : ['']));
  return eb.and(where);
}

function listQuery(ctx: Ctx) {
  return ctx.db
    .selectFrom('transactions as t')
    .leftJoin('accounts as a', 'a.id', 't.account_id')
    .leftJoin('categories as c', 'c.id', 't.category_id')
    .selectAll('t')
    .select(['a.name as account_name', 'c.slug as category_slug']);
}

type ListRow = Database['transactions'] & { account_name: string | null; category_slug: string | null };

function toTransaction(r: ListRow, tags: string[]): Transaction {
  const currency = r.currency as CurrencyCode;
  const amountMinor = Number(r.amount_minor);
  return {
    id: r.id,
    date: r.date as CalendarDate,
    amountMinor,
    amount: minorToDecimal(amountMinor, currency),
    currency,
    description: r.description,
    merchant: r.merchant,
    category: r.category_slug,
    categoryId: r.category_id,
    account: r.account_name,
    accountId: r.account_id,
    type: r.type,
    tags,
    notes: r.notes,
    source: r.source,
    sourceRef: r.source_ref,
    original: r.original_currency && r.original_amount_minor != null ? { amountMinor: Number(r.original_amount_minor), amount: minorToDecimal(Number(r.original_amount_minor), r.original_currency as CurrencyCode), currency: r.original_currency as CurrencyCode } : null,
    cleared: Number(r.cleared ?? 0) === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function tagsFor(ctx: Ctx, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await ctx.db
      .selectFrom('transaction_tags as tt')
      .innerJoin('tags as g', 'g.id', 'tt.tag_id')
      .select(['tt.transaction_id', 'g.name'])
      .where('tt.user_id', '=', ctx.userId)
      .where('tt.transaction_id', 'in', ids.slice(i, i + CHUNK))
      .orderBy('g.name')
      .execute();
    for (const r of rows) out.set(r.transaction_id, [...(out.get(r.transaction_id) ?? []), r.name]);
  }
  return out;
}

export async function listTransactions(ctx: Ctx, filter: TransactionFilter = {}): Promise<Transaction[]> {
  let q = listQuery(ctx).where(await filterExpression(ctx, filter));
  const order = filter.order ?? (filter.sort === 'description' ? 'asc' : 'desc');
  switch (filter.sort ?? 'date') {
    case 'date':
      q = q.orderBy('t.date', order).orderBy('t.id', order);
      break;
    case 'amount':
      q = q.orderBy('t.amount_minor', order).orderBy('t.date', 'desc');
      break;
    case 'description':
      q = q.orderBy(sql`lower(t.description)`, order).orderBy('t.date', 'desc');
      break;
  }
  if (filter.limit) q = q.limit(filter.limit);
  if (filter.offset) q = (filter.limit ? q : q.limit(-1)).offset(filter.offset);
  const rows = (await q.execute()) as ListRow[];
  const tags = await tagsFor(ctx, rows.map((r) => r.id));
  return rows.map((r) => toTransaction(r, tags.get(r.id) ?? []));
}

export async function countTransactions(ctx: Ctx, filter: TransactionFilter = {}): Promise<number> {
  const where = await filterExpression(ctx, { ...filter, limit: undefined, offset: undefined });
  const r = await ctx.db.selectFrom('transactions as t').where(where).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Finds by full id or by a unique prefix of at least 6 characters (ids are long). */
export async function resolveTransactionId(ctx: Ctx, idOrPrefix: string): Promise<string> {
  const key = idOrPrefix.trim().toLowerCase();
  if (key.length < 6 || !/^[0-9a-f-]+$/.test(key)) throw invalid(`invalid transaction id "${idOrPrefix}"`);
  const rows = await ctx.db
    .selectFrom('transactions')
    .select('id')
    .where('user_id', '=', ctx.userId)
    .where('id', 'like', `${key}%`)
    .limit(2)
    .execute();
  if (rows.length === 0) throw notFound(`no transaction ${idOrPrefix}`);
  if (rows.length > 1) throw invalid(`transaction id prefix "${idOrPrefix}" is ambiguous; give more characters`);
  return rows[0]!.id;
}

export async function getTransaction(ctx: Ctx, idOrPrefix: string): Promise<TransactionDetail> {
  const id = await resolveTransactionId(ctx, idOrPrefix);
  const row = (await listQuery(ctx).where('t.user_id', '=', ctx.userId).where('t.id', '=', id).executeTakeFirst()) as ListRow | undefined;
  if (!row) throw notFound(`no transaction ${idOrPrefix}`);
  const tags = (await tagsFor(ctx, [id])).get(id) ?? [];
  const tx = toTransaction(row, tags);
  const splitRows = await ctx.db
    .selectFrom('splits as s')
    .leftJoin('people as p', 'p.id', 's.person_id')
    .leftJoin('groups as g', 'g.id', 's.group_id')
    .select(['s.share_minor', 's.paid_minor', 's.method', 's.method_value', 'p.handle', 'g.handle as group_handle'])
    .where('s.user_id', '=', ctx.userId)
    .where('s.transaction_id', '=', id)
    .orderBy('s.id')
    .execute();
  const mentionRows = await ctx.db.selectFrom('mentions').select('text').where('user_id', '=', ctx.userId).where('transaction_id', '=', id).orderBy('id').execute();
  return {
    ...tx,
    splits: splitRows.map((s) => ({
      person: s.handle ?? 'me',
      shareMinor: Number(s.share_minor),
      share: minorToDecimal(Number(s.share_minor), tx.currency),
      paidMinor: Number(s.paid_minor),
      method: s.method,
      methodValue: s.method_value,
      group: s.group_handle,
    })),
    mentions: mentionRows.map((m) => m.text.replace(/^@/, '')),
  };
}

export interface TransactionChanges {
  date?: string;
  amount?: string;
  account?: string | null;
  category?: string | null;
  description?: string;
  merchant?: string | null;
  type?: TransactionType;
  notes?: string | null;
  /** Replaces the tag list. */
  tags?: string[];
  addTags?: string[];
  removeTags?: string[];
  /** Replaces the split (the CLI form or a spec); null removes it. */
  split?: string | SplitSpec | null;
  /** Who paid: a handle, or "me". */
  payer?: string;
  /** Replaces the people and groups mentioned. */
  mentions?: string[];
}

export async function editTransaction(ctx: Ctx, idOrPrefix: string, changes: TransactionChanges): Promise<TransactionDetail> {
  const current = await getTransaction(ctx, idOrPrefix);
  await inTransaction(ctx, async (tx) => {
    const set: Partial<Database['transactions']> = { updated_at: nowIso() };
    if (changes.date !== undefined) set.date = toCalendarDate(changes.date);
    let account: Account | undefined;
    if (changes.account !== undefined) {
      account = changes.account === null ? undefined : await getAccount(tx, changes.account);
      if (account && account.currency !== current.currency) throw invalid(`account "${account.name}" is in ${account.currency}, not ${current.currency}`);
      set.account_id = account?.id ?? null;
    }
    let categoryKind: string | undefined;
    if (changes.category !== undefined) {
      const c = changes.category === null ? undefined : await getCategory(tx, changes.category);
      set.category_id = c?.id ?? null;
      categoryKind = c?.kind;
      // A category decides the kind: a transfer category makes a transfer, a spending one spending.
      if (c && changes.type === undefined) set.type = typeForCategory(c.kind);
    }
    if (changes.description !== undefined) {
      const d = changes.description.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
      if (!d) throw invalid('a transaction needs a description');
      set.description = d;
    }
    if (changes.merchant !== undefined) set.merchant = changes.merchant?.trim() || null;
    if (changes.notes !== undefined) set.notes = changes.notes?.trim() || null;
    if (changes.amount !== undefined || changes.type !== undefined) {
      // An amount given with its sign keeps it: +29.99 on a spending entry is money back (a refund).
      const signed = changes.amount !== undefined && changes.type === undefined && /^\s*[+-]/.test(changes.amount);
      const { minor, type } = signed
        ? { minor: decimalToMinor(changes.amount!, current.currency), type: set.type ?? current.type }
        : changes.amount !== undefined
          ? signedAmount(changes.amount, changes.type ?? set.type ?? current.type, categoryKind, current.currency, false)
          : retype(current, changes.type!);
      set.amount_minor = minor;
      set.type = type;
    }
    await tx.db.updateTable('transactions').set(set).where('id', '=', current.id).where('user_id', '=', tx.userId).execute();
    const mentions = changes.mentions ? await resolveMentions(tx, changes.mentions) : undefined;
    if (mentions) {
      await tx.db.deleteFrom('mentions').where('user_id', '=', tx.userId).where('transaction_id', '=', current.id).execute();
      if (mentions.length) {
        await tx.db.insertInto('mentions').values(mentions.map((m) => ({ id: newId(), user_id: tx.userId, transaction_id: current.id, chat_message_id: null, person_id: m.personId, group_id: m.groupId, text: m.text }))).execute();
      }
    }
    await editSplit(tx, current, {
      totalMinor: Math.abs(set.amount_minor ?? current.amountMinor),
      split: changes.split === undefined ? undefined : changes.split === null ? null : typeof changes.split === 'string' ? parseSplitText(changes.split) : changes.split,
      payer: changes.payer,
      // Mentions kept as they were are handles; resolveSplit looks up which of them are groups.
      mentionedGroups: mentions ? mentions.filter((m) => m.groupId !== null).map((m) => m.text) : current.mentions,
    });
    if (changes.tags || changes.addTags || changes.removeTags) {
      const next = new Set(changes.tags ? changes.tags.map(normalizeTag) : current.tags);
      for (const t of changes.addTags ?? []) next.add(normalizeTag(t));
      for (const t of changes.removeTags ?? []) next.delete(normalizeTag(t));
      await tx.db.deleteFrom('transaction_tags').where('transaction_id', '=', current.id).execute();
      const ids = await ensureTags(tx, [...next]);
      if (next.size) {
        await tx.db.insertInto('transaction_tags').values([...next].map((t) => ({ transaction_id: current.id, tag_id: ids.get(t)!, user_id: tx.userId }))).execute();
      }
    }
  });
  return getTransaction(ctx, current.id);
}

function retype(current: Transaction, type: TransactionType): { minor: number; type: TransactionType } {
  const abs = Math.abs(current.amountMinor);
  if (type === 'expense') return { minor: -abs, type };
  if (type === 'income') return { minor: abs, type };
  return { minor: current.amountMinor, type };
}

export async function deleteTransaction(ctx: Ctx, idOrPrefix: string): Promise<Transaction> {
  const current = await getTransaction(ctx, idOrPrefix);
  await inTransaction(ctx, async (tx) => {
    await tx.db.updateTable('chat_messages').set({ transaction_id: null }).where('transaction_id', '=', current.id).execute();
    await tx.db.deleteFrom('transactions').where('id', '=', current.id).where('user_id', '=', tx.userId).execute();
  });
  return current;
}

// ---------------------------------------------------------------------------------------------
// Bulk actions on everything a filter matches

export interface BulkPreview {
  count: number;
  sample: Transaction[];
}

export async function previewBulk(ctx: Ctx, filter: TransactionFilter, sampleSize = 10): Promise<BulkPreview> {
  const count = await countTransactions(ctx, filter);
  const sample = await listTransactions(ctx, { ...filter, limit: sampleSize, offset: undefined });
  return { count, sample };
}

async function matchingIds(ctx: Ctx, filter: TransactionFilter): Promise<string[]> {
  const where = await filterExpression(ctx, { ...filter, limit: undefined, offset: undefined });
  const rows = await ctx.db.selectFrom('transactions as t').where(where).select('t.id').execute();
  return rows.map((r) => r.id);
}

export async function bulkRecategorize(ctx: Ctx, filter: TransactionFilter, category: string): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const c = await getCategory(tx, category);
    const ids = await matchingIds(tx, filter);
    for (let i = 0; i < ids.length; i += CHUNK) {
      await tx.db
        .updateTable('transactions')
        .set({ category_id: c.id, type: typeForCategory(c.kind), updated_at: nowIso() })
        .where('user_id', '=', tx.userId)
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .execute();
    }
    return ids.length;
  });
}

export async function bulkTag(ctx: Ctx, filter: TransactionFilter, tags: string[], remove = false): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const names = tags.map(normalizeTag);
    if (names.length === 0) throw invalid('name at least one tag');
    const ids = await matchingIds(tx, filter);
    const tagIds = await ensureTags(tx, names);
    for (let i = 0; i < ids.length; i += CHUNK) {
      const slice = ids.slice(i, i + CHUNK);
      if (remove) {
        await tx.db.deleteFrom('transaction_tags').where('transaction_id', 'in', slice).where('tag_id', 'in', [...tagIds.values()]).execute();
      } else {
        await tx.db
          .insertInto('transaction_tags')
          .values(slice.flatMap((id) => names.map((n) => ({ transaction_id: id, tag_id: tagIds.get(n)!, user_id: tx.userId }))))
          .onConflict((oc) => oc.columns(['transaction_id', 'tag_id']).doNothing())
          .execute();
      }
    }
    return ids.length;
  });
}

export async function bulkDelete(ctx: Ctx, filter: TransactionFilter): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const ids = await matchingIds(tx, filter);
    for (let i = 0; i < ids.length; i += CHUNK) {
      const slice = ids.slice(i, i + CHUNK);
      await tx.db.updateTable('chat_messages').set({ transaction_id: null }).where('transaction_id', 'in', slice).execute();
      await tx.db.deleteFrom('transactions').where('user_id', '=', tx.userId).where('id', 'in', slice).execute();
    }
    return ids.length;
  });
}
