import { sql } from 'kysely';
import { inTransaction, newId, type Ctx } from '../db/index.js';
import { invalid } from '../errors/index.js';
import { type CalendarDate, addDays, nowIso, toCalendarDate, today } from '../calendar/index.js';
import { type CurrencyCode, decimalToMinor, minorToDecimal } from '../money/index.js';
import { getAccount } from './accounts.js';
import { accountMinor, entrySource } from './entries.js';

/**
 * Balance assertions: the balance an account had at the end of a day, as a bank statement printed
 * it or the user stated it. finch's balance (opening + what the entries moved, up to that day)
 * must equal it; the exports write the ones that hold as hledger/ledger `= AMOUNT` and beancount
 * `balance` directives, and `account reconcile` reports the ones that do not.
 */
export interface BalanceAssertion {
  id: string;
  account: string;
  accountId: string;
  currency: CurrencyCode;
  /** End of this day. */
  date: CalendarDate;
  balanceMinor: number;
  balance: string;
  source: 'statement' | 'user';
  sourceRef: string | null;
  /** finch's balance at the end of the day. */
  actualMinor: number;
  actual: string;
  /** actual − asserted; 0 when it holds. */
  differenceMinor: number;
  difference: string;
  holds: boolean;
}

/** Opening balance plus everything the account's entries moved up to the end of `date`. */
export async function balanceAsOf(ctx: Ctx, accountId: string, date: CalendarDate, opening?: number): Promise<number> {
  const start = opening ?? Number((await ctx.db.selectFrom('accounts').select('opening_balance_minor').where('id', '=', accountId).where('user_id', '=', ctx.userId).executeTakeFirstOrThrow()).opening_balance_minor);
  const r = await entrySource(ctx, sql`t.user_id = ${ctx.userId} and t.account_id = ${accountId} and t.date <= ${date}`)
    .select(sql<number | string | null>`sum(${accountMinor})`.as('total'))
    .executeTakeFirst();
  return start + Number(r?.total ?? 0);
}

export async function recordBalanceAssertion(
  ctx: Ctx,
  input: { accountId: string; date: CalendarDate; balanceMinor: number; source: 'statement' | 'user'; sourceRef?: string | null },
): Promise<void> {
  await ctx.db
    .insertInto('balance_assertions')
    .values({ id: newId(), user_id: ctx.userId, account_id: input.accountId, date: input.date, balance_minor: input.balanceMinor, source: input.source, source_ref: input.sourceRef ?? null, created_at: nowIso() })
    .onConflict((oc) => oc.columns(['user_id', 'account_id', 'date']).doUpdateSet({ balance_minor: input.balanceMinor, source: input.source, source_ref: input.sourceRef ?? null }))
    .execute();
}

/** Every assertion (of one account, or all), oldest first, each checked against finch's balance. */
export async function listBalanceAssertions(ctx: Ctx, accountId?: string): Promise<BalanceAssertion[]> {
  let q = ctx.db
    .selectFrom('balance_assertions as b')
    .innerJoin('accounts as a', 'a.id', 'b.account_id')
    .select(['b.id', 'b.account_id', 'b.date', 'b.balance_minor', 'b.source', 'b.source_ref', 'a.name', 'a.currency', 'a.opening_balance_minor'])
    .where('b.user_id', '=', ctx.userId);
  if (accountId) q = q.where('b.account_id', '=', accountId);
  const rows = await q.orderBy('b.date').orderBy('a.name').execute();
  const out: BalanceAssertion[] = [];
  for (const r of rows) {
    const currency = r.currency as CurrencyCode;
    const balanceMinor = Number(r.balance_minor);
    const actualMinor = await balanceAsOf(ctx, r.account_id, r.date as CalendarDate, Number(r.opening_balance_minor));
    out.push({
      id: r.id,
      account: r.name,
      accountId: r.account_id,
      currency,
      date: r.date as CalendarDate,
      balanceMinor,
      balance: minorToDecimal(balanceMinor, currency),
      source: r.source,
      sourceRef: r.source_ref,
      actualMinor,
      actual: minorToDecimal(actualMinor, currency),
      differenceMinor: actualMinor - balanceMinor,
      difference: minorToDecimal(actualMinor - balanceMinor, currency),
      holds: actualMinor === balanceMinor,
    });
  }
  return out;
}

export interface StatementBalances {
  accountId: string;
  fileId: string;
  period: { start: CalendarDate; end: CalendarDate } | null;
  /** Decimal text as printed. */
  opening: string | null;
  closing: string | null;
}

/**
 * What an imported statement's printed balances tell the ledger: an account with no opening
 * balance gets the one that makes its balance at the period's start equal the statement's opening
 * balance, and the closing balance becomes an assertion at the period's end. Returns whether
 * finch's balance now equals the statement's closing balance (null when it prints none).
 */
export async function applyStatementBalances(ctx: Ctx, s: StatementBalances): Promise<{ openingSet: boolean; agrees: boolean | null; balanceMinor: number | null }> {
  const account = await getAccount(ctx, s.accountId);
  const currency = account.currency as CurrencyCode;
  let openingSet = false;
  if (s.opening !== null && s.period && account.openingBalanceMinor === 0) {
    const printed = decimalToMinor(s.opening, currency, 'opening balance');
    const before = await balanceAsOf(ctx, account.id, addDays(s.period.start, -1), 0);
    if (printed - before !== 0) {
      await ctx.db.updateTable('accounts').set({ opening_balance_minor: printed - before, updated_at: nowIso() }).where('id', '=', account.id).where('user_id', '=', ctx.userId).execute();
      openingSet = true;
    }
  }
  if (s.closing === null || !s.period) return { openingSet, agrees: null, balanceMinor: null };
  const closing = decimalToMinor(s.closing, currency, 'closing balance');
  await recordBalanceAssertion(ctx, { accountId: account.id, date: s.period.end, balanceMinor: closing, source: 'statement', sourceRef: s.fileId });
  const actual = await balanceAsOf(ctx, account.id, s.period.end);
  return { openingSet, agrees: actual === closing, balanceMinor: actual };
}

export interface ReconcileResult {
  account: string;
  currency: CurrencyCode;
  /** The stated balance recorded by this call, if one was given. */
  stated: BalanceAssertion | null;
  /** Entries marked cleared by this call. */
  cleared: number;
  assertions: BalanceAssertion[];
  /** Assertions finch's entries no longer agree with. */
  broken: BalanceAssertion[];
}

/**
 * Checks an account against its assertions; with a stated balance (on `date`, default today) it
 * records that as an assertion and, when it holds, marks the entries up to that day cleared.
 */
export async function reconcileAccount(ctx: Ctx, nameOrId: string, options: { balance?: string; date?: string } = {}): Promise<ReconcileResult> {
  const account = await getAccount(ctx, nameOrId);
  const currency = account.currency as CurrencyCode;
  if (options.date && options.balance === undefined) throw invalid('give the balance (--balance) the account had on that date');
  let cleared = 0;
  await inTransaction(ctx, async (tx) => {
    if (options.balance === undefined) return;
    const date = options.date ? toCalendarDate(options.date, 'reconcile date') : today();
    const balanceMinor = decimalToMinor(options.balance, currency, 'balance');
    await recordBalanceAssertion(tx, { accountId: account.id, date, balanceMinor, source: 'user' });
    if ((await balanceAsOf(tx, account.id, date)) !== balanceMinor) return;
    const r = await tx.db
      .updateTable('transactions')
      .set({ cleared: 1 })
      .where('user_id', '=', tx.userId)
      .where('account_id', '=', account.id)
      .where('date', '<=', date)
      .where('cleared', '=', 0)
      .executeTakeFirst();
    cleared = Number(r.numUpdatedRows ?? 0);
  });
  const assertions = await listBalanceAssertions(ctx, account.id);
  const stated = options.balance === undefined ? null : (assertions.find((a) => a.date === (options.date ? toCalendarDate(options.date, 'reconcile date') : today())) ?? null);
  return { account: account.name, currency, stated, cleared, assertions, broken: assertions.filter((a) => !a.holds) };
}
