import { newId, type Ctx, type Database, type SplitMethod } from '../db/index.js';
import { invalid } from '../errors/index.js';
import { type CurrencyCode, allocate, decimalToMinor, minorToDecimal } from '../money/index.js';
import { type SplitSpec, REST, computeShares } from './splits.js';
import { type Group, type Person, findGroup, getPerson } from './people.js';

/** One split row as written: a participant's share and what they paid. */
export interface ShareRow {
  personId: string | null;
  groupId: string | null;
  shareMinor: number;
  paidMinor: number;
  method: string;
  methodValue: string | null;
}

/**
 * Turns a split spec into rows: each participant's share, and the payer paying the whole. A payer
 * who takes no share ("@tom owes me 15", "kate paid for tom") is recorded with a zero share so the
 * money is traced. `mentionedGroups` are groups the entry mentions: a split among members of one
 * of them belongs to it ("--mention flat --split equal:me,ana" counts in `group balances flat`).
 */
export async function resolveSplit(
  ctx: Ctx,
  spec: SplitSpec,
  totalMinor: number,
  currency: CurrencyCode,
  mentionedGroups: readonly string[] = [],
): Promise<ShareRow[]> {
  let group: Group | undefined;
  let participants = spec.participants;
  if (spec.group) {
    group = await findGroup(ctx, spec.group);
    const namesOnlyTheGroup = participants.length === 0 || (participants.length === 1 && participants[0]!.person === group?.handle);
    if (group && namesOnlyTheGroup) {
      // A group split is shared by the group's members and me, equally unless listed otherwise.
      participants = [{ person: 'me' }, ...group.members.map((m) => ({ person: m.handle }))];
    }
  }
  if (spec.method === 'equal' && !participants.some((p) => p.person === 'me')) {
    participants = [{ person: 'me' }, ...participants];
  }
  const people = new Map<string, Person | null>();
  const keyed: SplitSpec['participants'] = [];
  for (const p of participants) {
    const person = p.person === 'me' ? null : await getPerson(ctx, p.person);
    const key = person?.handle ?? 'me';
    people.set(key, person);
    keyed.push({ ...p, person: key });
  }
  group ??= await groupOfMembers(ctx, mentionedGroups, [...people.values()]);
  const payer = spec.paidBy && spec.paidBy.replace(/^@/, '').toLowerCase() !== 'me' ? await getPerson(ctx, spec.paidBy) : null;
  const payerKey = payer?.handle ?? 'me';
  const shares = computeShares(totalMinor, { ...spec, participants: keyed }, (d) => decimalToMinor(d, currency, 'split amount'));
  const rows: ShareRow[] = shares.map((s) => ({
    personId: people.get(s.person)?.id ?? null,
    groupId: group?.id ?? null,
    shareMinor: s.shareMinor,
    paidMinor: s.person === payerKey ? Math.abs(totalMinor) : 0,
    method: spec.method,
    methodValue: s.methodValue,
  }));
  if (!rows.some((r) => r.paidMinor > 0)) {
    rows.push({ personId: payer?.id ?? null, groupId: group?.id ?? null, shareMinor: 0, paidMinor: Math.abs(totalMinor), method: spec.method, methodValue: spec.method === 'equal' ? null : '0' });
  }
  return rows;
}

async function groupOfMembers(ctx: Ctx, handles: readonly string[], people: ReadonlyArray<Person | null>): Promise<Group | undefined> {
  for (const h of handles) {
    const g = await findGroup(ctx, h);
    if (!g) continue;
    const members = new Set(g.members.map((m) => m.id));
    if (people.every((p) => p === null || members.has(p.id))) return g;
  }
  return undefined;
}

/** The split rows of one transaction, as stored. */
export async function splitRowsOf(ctx: Ctx, transactionId: string): Promise<ShareRow[]> {
  const rows = await ctx.db.selectFrom('splits').selectAll().where('user_id', '=', ctx.userId).where('transaction_id', '=', transactionId).orderBy('id').execute();
  return rows.map((r) => ({
    personId: r.person_id,
    groupId: r.group_id,
    shareMinor: Number(r.share_minor),
    paidMinor: Number(r.paid_minor),
    method: r.method,
    methodValue: r.method_value,
  }));
}

/**
 * The same split for a new total: an exact split with a "rest" keeps the listed amounts and the
 * rest takes the difference; every other split keeps its proportions (equal stays equal, percent
 * and shares keep their values, exact amounts scale). The payer pays the new total.
 */
export function reallocate(rows: readonly ShareRow[], newTotalMinor: number, currency: CurrencyCode): ShareRow[] {
  const total = Math.abs(newTotalMinor);
  const restAt = rows.findIndex((r) => r.methodValue === REST);
  let shares: number[];
  if (restAt >= 0 && rows[restAt]!.method === 'exact') {
    const fixed = rows.reduce((a, r, i) => (i === restAt ? a : a + r.shareMinor), 0);
    if (fixed > total) throw invalid(`the listed split amounts (${minorToDecimal(fixed, currency)}) are more than the new total`);
    shares = rows.map((r, i) => (i === restAt ? total - fixed : r.shareMinor));
  } else {
    shares = allocate(total, rows.map((r) => r.shareMinor));
  }
  return rows.map((r, i) => ({
    ...r,
    shareMinor: shares[i]!,
    paidMinor: r.paidMinor > 0 ? total : 0,
    methodValue: r.method === 'exact' && r.methodValue !== REST && r.methodValue !== '0' ? minorToDecimal(shares[i]!, currency) : r.methodValue,
  }));
}

/** Replaces a transaction's split rows. */
export async function replaceSplitRows(ctx: Ctx, transactionId: string, rows: readonly ShareRow[]): Promise<void> {
  await ctx.db.deleteFrom('splits').where('user_id', '=', ctx.userId).where('transaction_id', '=', transactionId).execute();
  if (rows.length === 0) return;
  await ctx.db
    .insertInto('splits')
    .values(
      rows.map((s) => ({
        id: newId(),
        user_id: ctx.userId,
        transaction_id: transactionId,
        person_id: s.personId,
        group_id: s.groupId,
        share_minor: s.shareMinor,
        paid_minor: s.paidMinor,
        method: s.method as Database['splits']['method'],
        method_value: s.methodValue,
      })),
    )
    .execute();
}


export interface SplitEdit {
  /** The entry's total after the edit (positive). */
  totalMinor: number;
  /** A new split; null removes it; undefined keeps it (re-allocated when the total changed). */
  split?: SplitSpec | null;
  /** A new payer (a handle or "me"). */
  payer?: string;
  mentionedGroups: readonly string[];
}

/**
 * `tx edit --split/--payer/--amount` on the split rows: a new split is resolved like a new entry's
 * (keeping the current payer unless one is given); a new payer alone moves the payment; a new
 * amount alone re-allocates the shares (see `reallocate`).
 */
export async function editSplit(
  ctx: Ctx,
  current: { id: string; amountMinor: number; currency: CurrencyCode; splits: ReadonlyArray<{ person: string; paidMinor: number }> },
  edit: SplitEdit,
): Promise<void> {
  const rows = await splitRowsOf(ctx, current.id);
  const currentPayer = current.splits.find((s) => s.paidMinor > 0)?.person;
  if (edit.split === null) {
    if (edit.payer !== undefined) throw invalid('a payer needs a split; give --split too');
    return replaceSplitRows(ctx, current.id, []);
  }
  if (edit.split || (edit.payer !== undefined && rows.length === 0)) {
    if (!edit.split && (edit.payer ?? 'me').replace(/^@/, '').toLowerCase() === 'me') return;
    const spec: SplitSpec = edit.split
      ? { ...edit.split, paidBy: edit.payer ?? edit.split.paidBy ?? currentPayer ?? 'me' }
      : { method: 'exact', participants: [{ person: 'me', value: REST }], paidBy: edit.payer };
    return replaceSplitRows(ctx, current.id, await resolveSplit(ctx, spec, edit.totalMinor, current.currency, edit.mentionedGroups));
  }
  if (rows.length === 0) return;
  let next = edit.totalMinor !== Math.abs(current.amountMinor) ? reallocate(rows, edit.totalMinor, current.currency) : rows;
  if (edit.payer !== undefined) next = await movePayment(ctx, next, edit.payer, edit.totalMinor);
  if (next !== rows) await replaceSplitRows(ctx, current.id, next);
}

/** The payment moves to `payer`; a row that only recorded the old payer goes, one is added for a new outsider. */
async function movePayment(ctx: Ctx, rows: readonly ShareRow[], payerHandle: string, totalMinor: number): Promise<ShareRow[]> {
  const payer = payerHandle.replace(/^@/, '').toLowerCase() === 'me' ? null : await getPerson(ctx, payerHandle);
  const payerId = payer?.id ?? null;
  const out = rows
    .filter((r) => !(r.paidMinor > 0 && r.shareMinor === 0 && r.personId !== payerId))
    .map((r) => ({ ...r, paidMinor: r.personId === payerId ? totalMinor : 0 }));
  if (!out.some((r) => r.paidMinor > 0)) {
    const first = rows[0]!;
    out.push({ personId: payerId, groupId: first.groupId, shareMinor: 0, paidMinor: totalMinor, method: first.method, methodValue: first.method === 'equal' ? null : '0' });
  }
  return out;
}
