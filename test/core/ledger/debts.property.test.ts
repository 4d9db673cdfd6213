import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import { dumpTables } from '../../helpers/table-dump.js';
import type { Finch, SplitSpec } from '../../../src/core/index.js';

const PEOPLE = ['kate', 'tom', 'ana'] as const;
type Who = (typeof PEOPLE)[number];

type Command =
  | { kind: 'entry'; total: number; currency: 'EUR' | 'USD'; people: Who[]; withMe: boolean; method: SplitSpec['method']; payer: number; inGroup: boolean; weights: number[] }
  | { kind: 'repay'; person: Who; toMe: boolean; amount: number; currency: 'EUR' | 'USD' }
  | { kind: 'settle' };

const entry = fc.record({
  kind: fc.constant('entry' as const),
  total: fc.integer({ min: 1, max: 50_000 }),
  currency: fc.constantFrom('EUR' as const, 'USD' as const),
  people: fc.subarray([...PEOPLE], { minLength: 1 }),
  withMe: fc.boolean(),
  method: fc.constantFrom('equal' as const, 'exact' as const, 'percent' as const, 'shares' as const),
  payer: fc.nat(),
  inGroup: fc.boolean(),
  weights: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 4, maxLength: 4 }),
});
const repay = fc.record({
  kind: fc.constant('repay' as const),
  person: fc.constantFrom(...PEOPLE),
  toMe: fc.boolean(),
  amount: fc.integer({ min: 1, max: 20_000 }),
  currency: fc.constantFrom('EUR' as const, 'USD' as const),
});
const command: fc.Arbitrary<Command> = fc.oneof({ weight: 6, arbitrary: entry }, { weight: 2, arbitrary: repay }, { weight: 1, arbitrary: fc.constant({ kind: 'settle' as const }) });

const dec = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/** Whole parts of `total` in proportion to `weights`, the remainder to the last. */
function parts(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.floor((total * w) / sum));
  out[out.length - 1]! += total - out.reduce((a, b) => a + b, 0);
  return out;
}

function specFor(c: Extract<Command, { kind: 'entry' }>): { spec: SplitSpec; who: string[]; exact?: number[] } {
  const who = [...(c.withMe || c.method === 'equal' ? ['me'] : []), ...c.people];
  const payers = ['me', ...c.people];
  const paidBy = payers[c.payer % payers.length]!;
  const weights = c.weights.slice(0, who.length);
  const group = c.inGroup ? { group: 'flat' } : {};
  switch (c.method) {
    case 'equal':
      return { spec: { method: 'equal', participants: who.map((person) => ({ person })), paidBy, ...group }, who };
    case 'exact': {
      const exact = parts(c.total, weights);
      return { spec: { method: 'exact', participants: who.map((person, i) => ({ person, value: dec(exact[i]!) })), paidBy, ...group }, who, exact };
    }
    case 'percent': {
      const pct = parts(100, weights);
      return { spec: { method: 'percent', participants: who.map((person, i) => ({ person, value: String(pct[i]) })), paidBy, ...group }, who };
    }
    case 'shares':
      return { spec: { method: 'shares', participants: who.map((person, i) => ({ person, value: String(weights[i]) })), paidBy, ...group }, who };
  }
}

/** Balance with me per person, currency and scope ("flat" or "" for outside groups), kept by the test. */
class Model {
  readonly books = new Map<string, number>();
  add(person: string, currency: string, scope: string, minor: number) {
    const k = `${person}|${currency}|${scope}`;
    this.books.set(k, (this.books.get(k) ?? 0) + minor);
  }
  settle(scope: string) {
    for (const k of this.books.keys()) if (k.endsWith(`|${scope}`)) this.books.set(k, 0);
  }
  total(person: string, currency: string): number {
    let sum = 0;
    for (const [k, v] of this.books) if (k.startsWith(`${person}|${currency}|`)) sum += v;
    return sum;
  }
}

async function apply(finch: Finch, c: Command, model: Model): Promise<void> {
  if (c.kind === 'settle') {
    await finch.groups.settle('flat', { date: '2026-06-30' });
    model.settle('flat');
    return;
  }
  if (c.kind === 'repay') {
    await finch.people.repay({ person: c.person, direction: c.toMe ? 'to_me' : 'from_me', amount: dec(c.amount), currency: c.currency, date: '2026-06-15' });
    model.add(c.person, c.currency, '', c.toMe ? -c.amount : c.amount);
    return;
  }
  const { spec, exact } = specFor(c);
  const t = await finch.transactions.add({ amount: dec(c.total), currency: c.currency, description: `${c.method} entry`, date: '2026-06-10', split: spec });
  // The shares always add up to the total, an exact split keeps its amounts, one payer paid it all.
  expect(t.splits.reduce((a, s) => a + s.shareMinor, 0)).toBe(c.total);
  if (exact) for (const [i, p] of spec.participants.entries()) expect(t.splits.find((s) => s.person === p.person)!.shareMinor).toBe(exact[i]);
  const payers = t.splits.filter((s) => s.paidMinor > 0);
  expect(payers.map((s) => [s.person, s.paidMinor])).toEqual([[spec.paidBy, c.total]]);
  const mine = t.splits.find((s) => s.person === 'me')?.shareMinor ?? 0;
  const scope = c.inGroup ? 'flat' : '';
  for (const s of t.splits) {
    if (s.person === 'me') continue;
    if (spec.paidBy === 'me') model.add(s.person, c.currency, scope, s.shareMinor);
    else if (spec.paidBy === s.person) model.add(s.person, c.currency, scope, -mine);
  }
}

describeEachDialect('debts property: balances are shares minus repayments, settle zeroes them, undo restores', (t) => {
  let finch: Finch;
  const runs = t.dialect === 'sqlite' ? 60 : 15;
  beforeAll(async () => {
    finch = await t.open({ homeCurrency: 'EUR' });
    for (const name of PEOPLE) await finch.people.add({ name });
    await finch.groups.add({ name: 'Flat', members: [...PEOPLE] });
  });
  afterAll(async () => {
    await finch.close();
    await t.cleanup();
  });

  it('holds over random sequences of split entries, repayments and settle-ups', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), command, async (commands, extra) => {
        await finch.ctx.db.deleteFrom('transactions').where('user_id', '=', finch.ctx.userId).execute();
        const model = new Model();
        for (const c of commands) await apply(finch, c, model);
        const balances = await finch.people.balances();
        for (const person of PEOPLE) {
          for (const currency of ['EUR', 'USD']) {
            const got = balances.find((b) => b.person === person)?.currencies.find((x) => x.currency === currency)?.netMinor ?? 0;
            expect(got, `${person} ${currency}`).toBe(model.total(person, currency));
          }
        }
        // Right after a settle-up nothing in the group is owed, in either book.
        if (commands.at(-1)!.kind === 'settle') {
          for (const b of balances) expect(b.byGroup.filter((g) => g.group === 'flat')).toEqual([]);
          expect((await finch.groups.balances('flat')).settled).toBe(true);
        }
        // One more write, undone, leaves every table exactly as it was.
        const before = await dumpTables(finch);
        const ops = (await finch.history.list({ limit: 1 }))[0]?.id;
        await apply(finch, extra, new Model());
        if ((await finch.history.list({ limit: 1 }))[0]?.id !== ops) await finch.history.undo();
        expect(await dumpTables(finch)).toEqual(before);
      }),
      { numRuns: runs },
    );
  }, 600_000);
});
