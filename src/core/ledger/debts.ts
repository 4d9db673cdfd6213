import { sql } from 'kysely';
import type { Ctx } from '../db/index.js';
import { invalid } from '../errors/index.js';
import { type CalendarDate } from '../calendar/index.js';
import { type CurrencyCode, minorToDecimal } from '../money/index.js';
import { getPerson } from './people.js';
import { type TransactionDetail, addTransaction } from './transactions.js';

/*
 * Debts with people, from the split rows (the one model): every split row says a participant's
 * share and what they paid; one participant paid the whole. Between me and a person P, an entry
 * moves P's balance with me by
 *     (I paid ? P's share : 0) − (P paid ? my share : 0)
 * so "I paid, we split" makes P owe me their share, "kate paid 80 for groceries" makes me owe
 * kate my share, and an entry neither of us paid (tom paid for kate, in a group) is not between
 * us. A repayment is an entry too: "@tom paid me back 25" is tom paying 25 of which I take the
 * whole as my "share" (−25 to what tom owes me); "paid @kate back 50" is me paying 50 that kate
 * takes as hers (+50). Group settle-ups are recorded the same way. Positive: they owe me.
 */

/** One participant of one entry, as the debt rule reads it. `person` is a handle or "me". */
export interface DebtParticipant {
  person: string;
  shareMinor: number;
  paidMinor: number;
}

/** How one entry moves each other person's balance with me (positive: they owe me more). */
export function debtEffects(rows: readonly DebtParticipant[]): Map<string, number> {
  const me = rows.find((r) => r.person === 'me');
  const out = new Map<string, number>();
  if (!me) return out;
  for (const r of rows) {
    if (r.person === 'me') continue;
    const effect = (me.paidMinor > 0 ? r.shareMinor : 0) - (r.paidMinor > 0 ? me.shareMinor : 0);
    if (effect !== 0) out.set(r.person, (out.get(r.person) ?? 0) + effect);
  }
  return out;
}

export interface DebtAmount {
  currency: CurrencyCode;
  /** Positive: they owe me; negative: I owe them. */
  netMinor: number;
  net: string;
}

export interface PersonBalance {
  person: string;
  name: string;
  /** Per currency, everything together. */
  currencies: DebtAmount[];
  /** The same, per group (null: entries outside any group). */
  byGroup: Array<{ group: string | null } & DebtAmount>;
}

/** Each person's net with me across groups and outside them, per currency, aggregated in SQL. */
export async function personBalances(ctx: Ctx, options: { person?: string } = {}): Promise<PersonBalance[]> {
  const only = options.person ? await getPerson(ctx, options.person) : undefined;
  let q = ctx.db
    .selectFrom('splits as s')
    .innerJoin('splits as m', (j) => j.onRef('m.transaction_id', '=', 's.transaction_id').on('m.person_id', 'is', null))
    .innerJoin('transactions as t', 't.id', 's.transaction_id')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .leftJoin('groups as g', 'g.id', 's.group_id')
    .select(['p.handle', 'p.name', 't.currency', 'g.handle as group_handle'])
    .select(sql<number | string>`sum(case when m.paid_minor > 0 then s.share_minor else 0 end) - sum(case when s.paid_minor > 0 then m.share_minor else 0 end)`.as('net'))
    .where('s.user_id', '=', ctx.userId)
    .where('m.user_id', '=', ctx.userId)
    .where('t.user_id', '=', ctx.userId)
    .groupBy(['p.handle', 'p.name', 't.currency', 'g.handle']);
  if (only) q = q.where('s.person_id', '=', only.id);
  const rows = await q.execute();
  const people = new Map<string, PersonBalance>();
  if (only) people.set(only.handle, { person: only.handle, name: only.name, currencies: [], byGroup: [] });
  for (const r of rows) {
    const currency = r.currency as CurrencyCode;
    const netMinor = Number(r.net);
    const p = people.get(r.handle) ?? { person: r.handle, name: r.name, currencies: [], byGroup: [] };
    people.set(r.handle, p);
    if (netMinor !== 0) p.byGroup.push({ group: r.group_handle, currency, netMinor, net: minorToDecimal(netMinor, currency) });
    const total = p.currencies.find((c) => c.currency === currency);
    if (total) {
      total.netMinor += netMinor;
      total.net = minorToDecimal(total.netMinor, currency);
    } else {
      p.currencies.push({ currency, netMinor, net: minorToDecimal(netMinor, currency) });
    }
  }
  for (const p of people.values()) {
    p.currencies = p.currencies.filter((c) => c.netMinor !== 0).sort((a, b) => a.currency.localeCompare(b.currency));
    p.byGroup.sort((a, b) => (a.group ?? '').localeCompare(b.group ?? '') || a.currency.localeCompare(b.currency));
  }
  return [...people.values()].sort((a, b) => a.person.localeCompare(b.person));
}

export interface PersonEntry {
  id: string;
  date: CalendarDate;
  description: string;
  amount: string;
  currency: CurrencyCode;
  type: string;
  group: string | null;
  /** How this entry moved their balance with me (positive: they owe me more); "0.00" for a mention. */
  effectMinor: number;
  effect: string;
}

/** Every entry a person takes part in (a split or a mention), oldest first, with its effect on the balance. */
export async function personEntries(ctx: Ctx, handle: string): Promise<PersonEntry[]> {
  const person = await getPerson(ctx, handle);
  const ids = ctx.db
    .selectFrom('splits')
    .select('transaction_id')
    .where('user_id', '=', ctx.userId)
    .where('person_id', '=', person.id)
    .union(ctx.db.selectFrom('mentions').select((eb) => eb.fn.coalesce('transaction_id', sql<string>`''`).as('transaction_id')).where('user_id', '=', ctx.userId).where('person_id', '=', person.id));
  const txs = await ctx.db
    .selectFrom('transactions as t')
    .select(['t.id', 't.date', 't.description', 't.amount_minor', 't.currency', 't.type'])
    .where('t.user_id', '=', ctx.userId)
    .where('t.id', 'in', ids)
    .orderBy('t.date')
    .orderBy('t.id')
    .execute();
  if (txs.length === 0) return [];
  const splitRows = await ctx.db
    .selectFrom('splits as s')
    .leftJoin('people as p', 'p.id', 's.person_id')
    .leftJoin('groups as g', 'g.id', 's.group_id')
    .select(['s.transaction_id', 'p.handle', 's.share_minor', 's.paid_minor', 'g.handle as group_handle'])
    .where('s.user_id', '=', ctx.userId)
    .where('s.transaction_id', 'in', txs.map((t) => t.id))
    .execute();
  const byTx = new Map<string, typeof splitRows>();
  for (const r of splitRows) byTx.set(r.transaction_id, [...(byTx.get(r.transaction_id) ?? []), r]);
  return txs.map((t) => {
    const currency = t.currency as CurrencyCode;
    const rows = byTx.get(t.id) ?? [];
    const effects = debtEffects(rows.map((r) => ({ person: r.handle ?? 'me', shareMinor: Number(r.share_minor), paidMinor: Number(r.paid_minor) })));
    const effectMinor = effects.get(person.handle) ?? 0;
    return {
      id: t.id,
      date: t.date as CalendarDate,
      description: t.description,
      amount: minorToDecimal(Number(t.amount_minor), currency),
      currency,
      type: t.type,
      group: rows.find((r) => r.group_handle)?.group_handle ?? null,
      effectMinor,
      effect: minorToDecimal(effectMinor, currency),
    };
  });
}

export interface RepaymentInput {
  /** Handle of the person. */
  person: string;
  /** to_me: they paid me back; from_me: I paid them back. */
  direction: 'to_me' | 'from_me';
  /** Positive decimal. */
  amount: string;
  currency?: string;
  date?: string;
  /** My account the money went into or out of. */
  account?: string;
  description?: string;
  group?: string;
  source?: 'manual' | 'chat' | 'settlement';
  sourceRef?: string;
  notes?: string;
}

/**
 * Records a repayment (partial or full): a transfer with the person as counterparty, not spending.
 * Its split rows move the person's balance with me by the amount (see the rule above).
 */
export async function recordRepayment(ctx: Ctx, input: RepaymentInput): Promise<TransactionDetail> {
  const amount = input.amount.trim().replace(/^[+-]/, '');
  if (!/^\d+(\.\d+)?$/.test(amount) || /^0+(\.0+)?$/.test(amount)) throw invalid(`invalid repayment amount "${input.amount}"`);
  const person = await getPerson(ctx, input.person);
  const toMe = input.direction === 'to_me';
  return addTransaction(ctx, {
    date: input.date,
    amount: toMe ? `+${amount}` : `-${amount}`,
    currency: input.currency,
    account: input.account,
    type: 'transfer',
    category: 'transfer',
    description: input.description ?? (toMe ? `@${person.handle} paid me back` : `paid @${person.handle} back`),
    notes: input.notes,
    mentions: [person.handle],
    split: {
      method: 'exact',
      participants: [{ person: toMe ? 'me' : person.handle, value: amount }],
      paidBy: toMe ? person.handle : 'me',
      ...(input.group ? { group: input.group } : {}),
    },
    source: input.source ?? 'manual',
    sourceRef: input.sourceRef,
  });
}
