import { inTransaction, parseJson, type Ctx, type Database, type MailTransactionStatus } from '../db/index.js';
import { FinchError, notFound } from '../errors/index.js';
import { nowIso, type CalendarDate } from '../calendar/index.js';
import { currencyCode, minorToDecimal } from '../money/index.js';
import { addTransaction, listAccounts, listCategories } from '../ledger/index.js';
import { categorizeText, learnerFromHistory } from '../chat/index.js';

/** A transaction read from a mail, pending until the person (or a rule, or a statement) confirms it. */
export interface MailTransaction {
  id: string;
  status: MailTransactionStatus;
  mailbox: string;
  sender: string;
  date: CalendarDate;
  amountMinor: number;
  amount: string;
  currency: string;
  original: { amount: string; currency: string } | null;
  merchant: string | null;
  account: string | null;
  confidence: number;
  transactionId: string | null;
  /** How a statement row matched it, when one did. */
  match: { fileId: string; row: number; explanation: string } | null;
  /** A statement of its account covered its date without a row for it. */
  unmatchedStatement: string | null;
  createdAt: string;
}

type Row = Database['mail_transactions'] & { mailbox_name: string; account_name: string | null };

function toMailTransaction(r: Row): MailTransaction {
  const currency = currencyCode(r.currency);
  const original = r.original_minor !== null && r.original_currency ? { amount: minorToDecimal(Number(r.original_minor), currencyCode(r.original_currency)), currency: r.original_currency } : null;
  return {
    id: r.id,
    status: r.status,
    mailbox: r.mailbox_name,
    sender: r.sender,
    date: r.date as CalendarDate,
    amountMinor: Number(r.amount_minor),
    amount: minorToDecimal(Number(r.amount_minor), currency),
    currency,
    original,
    merchant: r.merchant,
    account: r.account_name,
    confidence: Number(r.confidence),
    transactionId: r.transaction_id,
    match: parseJson(r.match_json, null),
    unmatchedStatement: r.unmatched_file_id,
    createdAt: r.created_at,
  };
}

function baseQuery(ctx: Ctx) {
  return ctx.db
    .selectFrom('mail_transactions as mt')
    .innerJoin('mailboxes as mb', 'mb.id', 'mt.mailbox_id')
    .leftJoin('accounts as a', 'a.id', 'mt.account_id')
    .selectAll('mt')
    .select(['mb.name as mailbox_name', 'a.name as account_name'])
    .where('mt.user_id', '=', ctx.userId);
}

export async function listMailTransactions(ctx: Ctx, options: { status?: MailTransactionStatus; unmatched?: boolean } = {}): Promise<MailTransaction[]> {
  let q = baseQuery(ctx);
  if (options.status) q = q.where('mt.status', '=', options.status);
  if (options.unmatched) q = q.where('mt.unmatched_file_id', 'is not', null).where('mt.match_json', 'is', null).where('mt.status', '!=', 'rejected');
  return (await q.orderBy('mt.date').orderBy('mt.id').execute()).map((r) => toMailTransaction(r as Row));
}

export async function getMailTransaction(ctx: Ctx, idOrPrefix: string): Promise<MailTransaction> {
  const rows = await baseQuery(ctx).where('mt.id', 'like', `${idOrPrefix.trim().toLowerCase()}%`).limit(2).execute();
  if (rows.length === 0) throw notFound(`no mail transaction ${idOrPrefix}`);
  if (rows.length > 1) throw new FinchError('INVALID_INPUT', `id prefix "${idOrPrefix}" is ambiguous`);
  return toMailTransaction(rows[0] as Row);
}

/** Decides the ledger category once per batch: the user's history first, then keywords. */
export async function categoriser(ctx: Ctx): Promise<(merchant: string | null, income: boolean) => string | undefined> {
  const learner = await learnerFromHistory(ctx);
  const kinds = new Map((await listCategories(ctx)).map((c) => [c.slug, c.kind]));
  return (merchant, income) => {
    if (!merchant) return undefined;
    const slug = categorizeText(merchant, learner);
    const kind = slug ? kinds.get(slug) : undefined;
    return slug && (kind === (income ? 'income' : 'expense') || kind === 'transfer') ? slug : undefined;
  };
}

/**
 * Writes the ledger transaction for a mail transaction (inside the caller's database
 * transaction when there is one) and marks it confirmed.
 */
export async function saveToLedger(
  ctx: Ctx,
  row: Pick<Database['mail_transactions'], 'id' | 'account_id' | 'date' | 'amount_minor' | 'currency' | 'original_minor' | 'original_currency' | 'merchant' | 'sender'>,
  category: string | undefined,
): Promise<string> {
  const currency = currencyCode(row.currency);
  const minor = Number(row.amount_minor);
  const original = row.original_minor !== null && row.original_currency ? `${minorToDecimal(Number(row.original_minor), currencyCode(row.original_currency))} ${row.original_currency}` : null;
  const saved = await addTransaction(ctx, {
    date: row.date,
    amount: minor < 0 ? minorToDecimal(minor, currency) : `+${minorToDecimal(minor, currency)}`,
    currency,
    account: row.account_id ?? undefined,
    description: row.merchant ?? `mail from ${row.sender}`,
    merchant: row.merchant ?? undefined,
    category,
    type: minor < 0 ? 'expense' : 'income',
    notes: original ? `paid ${original}` : undefined,
    source: 'import',
    sourceRef: row.id,
    importKey: `mail:${row.id}`,
  });
  const id = saved.id;
  await ctx.db.updateTable('mail_transactions').set({ status: 'confirmed', transaction_id: id, updated_at: nowIso() }).where('id', '=', row.id).execute();
  return id;
}

export interface Correction {
  amount?: string;
  merchant?: string;
  account?: string;
  date?: string;
}

/** Confirms a pending mail transaction (corrected first when asked): it becomes a ledger transaction. */
export async function confirmMailTransaction(ctx: Ctx, id: string, correction: Correction = {}): Promise<MailTransaction> {
  const mt = await getMailTransaction(ctx, id);
  if (mt.status !== 'pending') throw new FinchError('CONFLICT', `mail transaction ${mt.id.slice(0, 13)} is ${mt.status}`);
  const categorise = await categoriser(ctx);
  await inTransaction(ctx, async (tx) => {
    const changes: Partial<Database['mail_transactions']> = {};
    if (correction.account) {
      const account = (await listAccounts(tx)).find((a) => a.name.toLowerCase() === correction.account!.toLowerCase() || a.id === correction.account);
      if (!account) throw notFound(`no account "${correction.account}"`);
      changes.account_id = account.id;
    }
    if (correction.merchant) changes.merchant = correction.merchant;
    if (correction.date) changes.date = correction.date;
    if (correction.amount) {
      const { decimalToMinor } = await import('../money/index.js');
      const minor = decimalToMinor(correction.amount.replace(/^\+/, ''), currencyCode(mt.currency));
      changes.amount_minor = correction.amount.trim().startsWith('+') || (!correction.amount.trim().startsWith('-') && mt.amountMinor > 0) ? Math.abs(minor) : -Math.abs(minor);
    }
    if (Object.keys(changes).length) await tx.db.updateTable('mail_transactions').set({ ...changes, updated_at: nowIso() }).where('id', '=', mt.id).execute();
    const row = await tx.db.selectFrom('mail_transactions').selectAll().where('id', '=', mt.id).executeTakeFirstOrThrow();
    await saveToLedger(tx, row, categorise(row.merchant, Number(row.amount_minor) > 0));
  });
  return getMailTransaction(ctx, mt.id);
}

export async function rejectMailTransaction(ctx: Ctx, id: string): Promise<MailTransaction> {
  const mt = await getMailTransaction(ctx, id);
  if (mt.status !== 'pending') throw new FinchError('CONFLICT', `mail transaction ${mt.id.slice(0, 13)} is ${mt.status}`);
  await ctx.db.updateTable('mail_transactions').set({ status: 'rejected', updated_at: nowIso() }).where('id', '=', mt.id).execute();
  return getMailTransaction(ctx, mt.id);
}
