import { sql } from 'kysely';
import type { Ctx } from '../db/index.js';
import { type CurrencyCode, minorToDecimal } from '../money/index.js';
import { getGroup } from './people.js';

/**
 * Group balances from the splits table. Every split row says what one participant owes
 * (`share_minor`) and what they paid (`paid_minor`); the payer of a shared expense paid the whole.
 * A member's net is paid − share over all the group's splits: positive means the others owe them,
 * negative means they owe. "me" (person_id null) is the ledger's owner. When an entry did not say
 * who paid, finch recorded "me" as the payer (the me-paid model): the others owe me their shares.
 * Settlement payments are split rows too (the payer "paid" the amount, the payee takes it as a
 * "share"), so after `settleGroup` every net is zero, and so is every balance with me.
 */
export interface MemberBalance {
  /** A handle, or "me". */
  person: string;
  paidMinor: number;
  shareMinor: number;
  /** paid − share: positive is owed to them, negative is what they owe. */
  netMinor: number;
  paid: string;
  share: string;
  net: string;
}

export interface Payment {
  from: string;
  to: string;
  amountMinor: number;
  amount: string;
  currency: CurrencyCode;
}

export interface CurrencyBalances {
  currency: CurrencyCode;
  members: MemberBalance[];
  /** The payments that settle everyone (see `settlementPlan`). */
  payments: Payment[];
}

export interface GroupBalances {
  group: string;
  name: string;
  currencies: CurrencyBalances[];
  settled: boolean;
}

/**
 * Debt simplification: repeatedly the largest creditor is paid by the largest debtor, as much as
 * the smaller of the two. Each payment zeroes at least one of them, so n people with a non-zero
 * net need at most n − 1 payments. Ties break by name, so the result is deterministic.
 */
export function simplifyDebts(nets: ReadonlyMap<string, number>): Array<{ from: string; to: string; amountMinor: number }> {
  const sum = [...nets.values()].reduce((a, b) => a + b, 0);
  if (sum !== 0) throw new Error(`balances do not sum to zero (${sum}); the splits are inconsistent`);
  const creditors = [...nets].filter(([, v]) => v > 0).map(([k, v]) => ({ k, v }));
  const debtors = [...nets].filter(([, v]) => v < 0).map(([k, v]) => ({ k, v: -v }));
  const pick = (list: Array<{ k: string; v: number }>) =>
    list.reduce((best, x) => (x.v > best.v || (x.v === best.v && x.k < best.k) ? x : best), list[0]!);
  const out: Array<{ from: string; to: string; amountMinor: number }> = [];
  while (creditors.length > 0 && debtors.length > 0) {
    const c = pick(creditors);
    const d = pick(debtors);
    const amount = Math.min(c.v, d.v);
    out.push({ from: d.k, to: c.k, amountMinor: amount });
    c.v -= amount;
    d.v -= amount;
    if (c.v === 0) creditors.splice(creditors.indexOf(c), 1);
    if (d.v === 0) debtors.splice(debtors.indexOf(d), 1);
  }
  return out;
}

/**
 * The payments that settle a group so that both books end at zero: each member's group net
 * (paid − share) and each person's balance with me (`withMe`, see debts.ts). First every person
 * and I settle what is between us, then the others' remaining nets are simplified among them. A
 * simplification through me alone (tom pays me what he owes kate) would zero the group nets but
 * leave kate as a receivable in my books and tom as a payable.
 */
export function settlementPlan(nets: ReadonlyMap<string, number>, withMe: ReadonlyMap<string, number>): Array<{ from: string; to: string; amountMinor: number }> {
  const left = new Map(nets);
  const out: Array<{ from: string; to: string; amountMinor: number }> = [];
  for (const [person, owed] of [...withMe].sort(([a], [b]) => a.localeCompare(b))) {
    if (owed === 0) continue;
    out.push(owed > 0 ? { from: person, to: 'me', amountMinor: owed } : { from: 'me', to: person, amountMinor: -owed });
    left.set(person, (left.get(person) ?? 0) + owed);
    left.set('me', (left.get('me') ?? 0) - owed);
  }
  return [...out, ...simplifyDebts(left)];
}

/** Each person's balance with me from one group's entries, per currency (the rule in debts.ts). */
async function withMeInGroup(ctx: Ctx, groupId: string): Promise<Map<string, Map<string, number>>> {
  const rows = await ctx.db
    .selectFrom('splits as s')
    .innerJoin('splits as m', (j) => j.onRef('m.transaction_id', '=', 's.transaction_id').on('m.person_id', 'is', null))
    .innerJoin('transactions as t', 't.id', 's.transaction_id')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .select(['t.currency', 'p.handle'])
    .select(sql<number | string>`sum(case when m.paid_minor > 0 then s.share_minor else 0 end) - sum(case when s.paid_minor > 0 then m.share_minor else 0 end)`.as('net'))
    .where('s.user_id', '=', ctx.userId)
    .where('m.user_id', '=', ctx.userId)
    .where('t.user_id', '=', ctx.userId)
    .where('s.group_id', '=', groupId)
    .groupBy(['t.currency', 'p.handle'])
    .execute();
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const m = out.get(r.currency) ?? new Map<string, number>();
    m.set(r.handle, Number(r.net));
    out.set(r.currency, m);
  }
  return out;
}

/** Who owes whom in a group, per currency, aggregated in SQL over the group's splits. */
export async function groupBalances(ctx: Ctx, groupHandle: string): Promise<GroupBalances> {
  const group = await getGroup(ctx, groupHandle);
  const rows = await ctx.db
    .selectFrom('splits as s')
    .innerJoin('transactions as t', 't.id', 's.transaction_id')
    .leftJoin('people as p', 'p.id', 's.person_id')
    .select(['t.currency', 'p.handle'])
    .select(sql<string | number>`sum(s.paid_minor)`.as('paid'))
    .select(sql<string | number>`sum(s.share_minor)`.as('share'))
    .where('s.user_id', '=', ctx.userId)
    .where('t.user_id', '=', ctx.userId)
    .where('s.group_id', '=', group.id)
    .groupBy(['t.currency', 'p.handle'])
    .execute();
  const withMe = await withMeInGroup(ctx, group.id);
  const byCurrency = new Map<string, MemberBalance[]>();
  for (const r of rows) {
    const currency = r.currency as CurrencyCode;
    const paidMinor = Number(r.paid);
    const shareMinor = Number(r.share);
    const netMinor = paidMinor - shareMinor;
    const list = byCurrency.get(currency) ?? [];
    list.push({
      person: r.handle ?? 'me',
      paidMinor,
      shareMinor,
      netMinor,
      paid: minorToDecimal(paidMinor, currency),
      share: minorToDecimal(shareMinor, currency),
      net: minorToDecimal(netMinor, currency),
    });
    byCurrency.set(currency, list);
  }
  const currencies = [...byCurrency]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, members]) => {
      const currency = code as CurrencyCode;
      members.sort((a, b) => (a.person === 'me' ? -1 : b.person === 'me' ? 1 : a.person.localeCompare(b.person)));
      const nets = new Map(members.map((m) => [m.person, m.netMinor]));
      const payments = settlementPlan(nets, withMe.get(code) ?? new Map()).map((p) => ({
        ...p,
        amount: minorToDecimal(p.amountMinor, currency),
        currency,
      }));
      return { currency, members, payments };
    });
  return { group: group.handle, name: group.name, currencies, settled: currencies.every((c) => c.payments.length === 0) };
}
