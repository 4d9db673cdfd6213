import { inTransaction, type Ctx } from '../db/index.js';
import { invalid } from '../errors/index.js';
import { type CalendarDate, toCalendarDate, today } from '../calendar/index.js';
import { minorToDecimal } from '../money/index.js';
import { type GroupBalances, type Payment, groupBalances } from './balances.js';
import { getGroup } from './people.js';
import { addTransaction } from './transactions.js';
import { getAccount } from './accounts.js';

export interface SettleOptions {
  /** The day the payments are recorded on (default today). */
  date?: string;
  /** Your account the payments you make or receive go through (optional; same currency only). */
  account?: string;
}

export interface SettleResult {
  group: string;
  /** The payments recorded, with the id of each transfer transaction. */
  payments: Array<Payment & { transactionId: string }>;
  /** The balances afterwards: every net is zero. */
  after: GroupBalances;
}

/**
 * Records the payments that settle everyone in a group (see `settlementPlan`) as transfer
 * transactions (source "settlement", category "transfer"), all in one database transaction.
 *
 * Each payment also gets two split rows in the group: the payer "paid" the amount and the payee
 * takes it as their "share", which cancels exactly the balance it settles, in the group's books
 * and in each person's balance with me. A payment between two
 * other people is recorded too (with no account): it is their money, not yours, but the group's
 * books need it. A payment you receive is +amount, one you make is −amount.
 */
export async function settleGroup(ctx: Ctx, groupHandle: string, options: SettleOptions = {}): Promise<SettleResult> {
  const date: CalendarDate = options.date ? toCalendarDate(options.date) : today();
  const group = await getGroup(ctx, groupHandle);
  const recorded: SettleResult['payments'] = [];
  await inTransaction(ctx, async (tx) => {
    const before = await groupBalances(tx, group.id);
    const account = options.account ? await getAccount(tx, options.account) : undefined;
    for (const c of before.currencies) {
      if (account && account.currency !== c.currency && c.payments.some((p) => p.from === 'me' || p.to === 'me')) {
        throw invalid(`account "${account.name}" is in ${account.currency}; the group owes in ${c.currency} too`);
      }
      for (const p of c.payments) {
        const involvesMe = p.from === 'me' || p.to === 'me';
        const label = (h: string) => (h === 'me' ? 'me' : `@${h}`);
        const decimal = minorToDecimal(p.amountMinor, p.currency);
        const t = await addTransaction(tx, {
          date,
          amount: p.to === 'me' || !involvesMe ? `+${decimal}` : `-${decimal}`,
          currency: p.currency,
          type: 'transfer',
          category: 'transfer',
          description: `Settle-up @${group.handle}: ${label(p.from)} pays ${label(p.to)}`,
          notes: involvesMe ? undefined : 'between other members of the group; not money in your accounts',
          account: involvesMe && account && account.currency === p.currency ? account.name : undefined,
          source: 'settlement',
          sourceRef: group.id,
          // The payer "pays" the amount and the payee takes it as their "share": the rows cancel
          // exactly the debt it settles (see debts.ts).
          split: { method: 'exact', participants: [{ person: p.to, value: decimal }], paidBy: p.from, group: group.handle },
        });
        recorded.push({ ...p, transactionId: t.id });
      }
    }
  });
  return { group: group.handle, payments: recorded, after: await groupBalances(ctx, group.id) };
}
