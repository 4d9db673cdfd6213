import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import type { Finch } from '../../../src/core/index.js';
import type { Suggestion } from '../../../src/core/chat/index.js';

/** A suggestion as the chat parser hands it over (issue 13 fills these fields from text). */
function suggestion(amount: string, description: string, fields: Partial<Suggestion> = {}): Suggestion {
  return {
    amount,
    amountMinor: Math.round(Number(amount) * 100),
    currency: 'EUR' as Suggestion['currency'],
    date: '2026-05-10' as Suggestion['date'],
    description,
    merchant: null,
    category: 'dining',
    type: 'expense',
    mentions: [],
    tags: [],
    split: null,
    payer: null,
    repayment: null,
    confidence: 0.9,
    fieldConfidence: { amount: 1, date: 1, category: 1, type: 1 },
    ...fields,
  };
}

describeEachDialect('people, payers, shares and repayments', (t) => {
  let finch: Finch;
  const net = async (person: string, currency = 'EUR') =>
    (await finch.people.balances({ person }))[0]?.currencies.find((c) => c.currency === currency)?.net ?? '0.00';
  const shares = async (id: string) => (await finch.transactions.get(id)).splits.map((s) => [s.person, s.share, s.paidMinor > 0]);

  beforeEach(async () => {
    finch = await t.open({ homeCurrency: 'EUR' });
    await finch.accounts.add({ name: 'Checking', currency: 'EUR' });
    await finch.people.add({ name: 'Kate', aliases: ['Katie'] });
    await finch.people.add({ name: 'Tom' });
    await finch.people.add({ name: 'Ana' });
  });
  afterEach(async () => {
    await finch.close();
    await t.cleanup();
  });

  it('records payer and shares for equal, exact, percent, shares and "rest" splits', async () => {
    const eq = await finch.transactions.add({ amount: '30', description: 'taxi', split: 'equal:me,kate,tom' });
    expect(await shares(eq.id)).toEqual([['me', '10.00', true], ['kate', '10.00', false], ['tom', '10.00', false]]);
    const rest = await finch.transactions.add({ amount: '90', description: 'dinner', split: 'exact:kate=30,tom=20,me=rest' });
    expect(await shares(rest.id)).toEqual([['kate', '30.00', false], ['tom', '20.00', false], ['me', '40.00', true]]);
    const pct = await finch.transactions.add({ amount: '100', description: 'hotel', split: 'percent:me=60,kate=40' });
    expect(await shares(pct.id)).toEqual([['me', '60.00', true], ['kate', '40.00', false]]);
    const pctRest = await finch.transactions.add({ amount: '50', description: 'gift', split: 'percent:kate=10,me=rest' });
    expect(await shares(pctRest.id)).toEqual([['kate', '5.00', false], ['me', '45.00', true]]);
    const sh = await finch.transactions.add({ amount: '10', description: 'wine', split: 'shares:me=2,tom=1' });
    expect(await shares(sh.id)).toEqual([['me', '6.67', true], ['tom', '3.33', false]]);
    // kate: 10 + 30 + 40 + 5; tom: 10 + 20 + 3.33
    expect(await net('kate')).toBe('85.00');
    expect(await net('tom')).toBe('33.33');
    await expect(finch.transactions.add({ amount: '10', description: 'x', split: 'exact:kate=30,me=rest' })).rejects.toThrow(/more than the total/);
    await expect(finch.transactions.add({ amount: '10', description: 'x', split: 'shares:kate=1,me=rest' })).rejects.toThrow(/no rest/);
  });

  it('records an entry where my share is zero and one someone else paid', async () => {
    // "@tom owes me 15 for cinema": I paid, my share is 0.
    const cinema = await finch.transactions.add({ amount: '15', description: 'cinema', split: 'exact:tom=15', account: 'Checking' });
    expect(await shares(cinema.id)).toEqual([['tom', '15.00', false], ['me', '0.00', true]]);
    // "kate paid 80 for groceries": all of it my share, owed to kate; not money from my account.
    const groceries = await finch.transactions.add({ amount: '80', description: 'groceries', category: 'groceries', payer: 'kate' });
    expect(await shares(groceries.id)).toEqual([['me', '80.00', false], ['kate', '0.00', true]]);
    expect(groceries.account).toBeNull();
    // kate paid for a split with tom: I owe kate my 20, tom's share is between them.
    await finch.transactions.add({ amount: '60', description: 'museum', split: 'equal:me,kate,tom', payer: 'katie' });
    expect(await net('tom')).toBe('15.00');
    expect(await net('kate')).toBe('-100.00');
  });

  it('moves a balance with partial and full repayments, which are transfers and not spending', async () => {
    await finch.transactions.add({ amount: '40', description: 'concert', split: 'equal:me,tom', account: 'Checking' });
    expect(await net('tom')).toBe('20.00');
    const part = await finch.people.repay({ person: 'tom', direction: 'to_me', amount: '5', account: 'Checking' });
    expect([part.type, part.category, part.amount]).toEqual(['transfer', 'transfer', '5.00']);
    expect(await net('tom')).toBe('15.00');
    await finch.people.repay({ person: 'tom', direction: 'to_me', amount: '15' });
    expect(await net('tom')).toBe('0.00');
    await finch.transactions.add({ amount: '50', description: 'groceries', payer: 'kate' });
    const back = await finch.people.repay({ person: 'kate', direction: 'from_me', amount: '50', account: 'Checking' });
    expect(back.amount).toBe('-50.00');
    expect(await net('kate')).toBe('0.00');
    const entries = await finch.people.entries('tom');
    expect(entries.map((e) => [e.description, e.effect])).toEqual([['concert', '20.00'], ['@tom paid me back', '-5.00'], ['@tom paid me back', '-15.00']]);
  });

  it('sums balances across groups and outside them, per currency', async () => {
    await finch.groups.add({ name: 'Flat', members: ['kate', 'tom'] });
    await finch.groups.add({ name: 'Trip', members: ['kate'] });
    await finch.transactions.add({ amount: '90', description: 'rent', split: { method: 'equal', participants: [], group: 'flat' } });
    await finch.transactions.add({ amount: '40', description: 'fuel', split: { method: 'equal', participants: [], group: 'trip', paidBy: 'kate' } });
    await finch.transactions.add({ amount: '10', description: 'coffee', split: 'equal:me,kate' });
    await finch.transactions.add({ amount: '30', currency: 'GBP', description: 'train', split: 'equal:me,kate' });
    const [kate] = await finch.people.balances({ person: 'kate' });
    expect(kate!.currencies.map((c) => [c.currency, c.net])).toEqual([['EUR', '15.00'], ['GBP', '15.00']]);
    expect(kate!.byGroup.map((g) => [g.group, g.currency, g.net])).toEqual([[null, 'EUR', '5.00'], [null, 'GBP', '15.00'], ['flat', 'EUR', '30.00'], ['trip', 'EUR', '-20.00']]);
    // A repayment can belong to a group: it clears that group's part and shows in its balances.
    await finch.people.repay({ person: 'kate', direction: 'from_me', amount: '20', group: 'trip' });
    const [after] = await finch.people.balances({ person: 'kate' });
    expect(after!.byGroup.map((g) => g.group)).toEqual([null, null, 'flat']);
    expect((await finch.groups.balances('trip')).settled).toBe(true);
  });

  it('saves chat suggestions with parts, rest, percent, another payer and repayments', async () => {
    const dinner = await finch.chat.save(suggestion('90', 'dinner', { mentions: ['kate', 'tom'], split: { method: 'exact', with: ['kate', 'tom'], parts: [{ who: 'kate', value: '30' }, { who: 'tom', value: '20' }], rest: 'me' } }));
    expect([dinner.amount, ...(await shares(dinner.id))]).toEqual(['-90.00', ['kate', '30.00', false], ['tom', '20.00', false], ['me', '40.00', true]]);
    const hotel = await finch.chat.save(suggestion('100', 'hotel', { mentions: ['kate'], split: { method: 'percent', with: ['kate'], parts: [{ who: 'me', value: '60' }, { who: 'kate', value: '40' }] } }));
    expect(await shares(hotel.id)).toEqual([['me', '60.00', true], ['kate', '40.00', false]]);
    const cinema = await finch.chat.save(suggestion('15', 'cinema', { category: 'entertainment', mentions: ['tom'], split: { method: 'exact', with: ['tom'], parts: [{ who: 'tom', value: '15' }] } }), { account: 'Checking' });
    expect(await shares(cinema.id)).toEqual([['tom', '15.00', false], ['me', '0.00', true]]);
    const groceries = await finch.chat.save(suggestion('80', 'groceries', { category: 'groceries', payer: 'kate' }), { account: 'Checking' });
    expect([groceries.account, groceries.type, ...(await shares(groceries.id))]).toEqual([null, 'expense', ['me', '80.00', false], ['kate', '0.00', true]]);
    const back = await finch.chat.save(suggestion('25', 'paid me back', { type: 'transfer', category: 'transfer', mentions: ['tom'], repayment: { person: 'tom', direction: 'to_me' } }), { account: 'Checking' });
    expect([back.type, back.amount, back.account]).toEqual(['transfer', '25.00', 'Checking']);
    const paid = await finch.chat.save(suggestion('50', 'paid back', { type: 'transfer', category: 'transfer', mentions: ['kate'], repayment: { person: 'Kate', direction: 'from_me' } }));
    expect(paid.amount).toBe('-50.00');
    // kate: 30 + 40 − 80 + 50; tom: 20 + 15 − 25
    expect(await net('kate')).toBe('40.00');
    expect(await net('tom')).toBe('10.00');
    // A new name in the parts is refused unless people may be created.
    await expect(finch.chat.save(suggestion('20', 'lunch', { split: { method: 'exact', with: [], parts: [{ who: 'zed', value: '20' }] } }))).rejects.toThrow(/nobody you know/);
  });

  it('edits split, payer and mentions, and re-allocates shares when the amount changes', async () => {
    await finch.groups.add({ name: 'Flat', members: ['kate', 'tom'] });
    const x = await finch.transactions.add({ amount: '90', description: 'dinner', split: 'exact:kate=30,tom=20,me=rest' });
    const more = await finch.transactions.edit(x.id, { amount: '100' });
    expect(more.splits.map((s) => [s.person, s.share, s.paidMinor])).toEqual([['kate', '30.00', 0], ['tom', '20.00', 0], ['me', '50.00', 10000]]);
    const eq = await finch.transactions.add({ amount: '30', description: 'taxi', split: 'equal:me,kate,tom' });
    expect((await finch.transactions.edit(eq.id, { amount: '45' })).splits.map((s) => s.share)).toEqual(['15.00', '15.00', '15.00']);
    const byKate = await finch.transactions.edit(eq.id, { payer: 'kate' });
    expect(byKate.splits.map((s) => [s.person, s.paidMinor])).toEqual([['me', 0], ['kate', 4500], ['tom', 0]]);
    const resplit = await finch.transactions.edit(eq.id, { split: 'percent:me=50,tom=50', mentions: ['flat'] });
    // The payer stays kate; the new split is among members of the mentioned group, so it counts there.
    expect(resplit.splits.map((s) => [s.person, s.share, s.paidMinor, s.group])).toEqual([['me', '22.50', 0, 'flat'], ['tom', '22.50', 0, 'flat'], ['kate', '0.00', 4500, 'flat']]);
    expect(resplit.mentions).toEqual(['flat']);
    const none = await finch.transactions.edit(eq.id, { split: null, mentions: [] });
    expect([none.splits, none.mentions]).toEqual([[], []]);
  });

  it('counts an entry made with --mention GROUP and a split among its members in the group balances', async () => {
    await finch.groups.add({ name: 'Flat', members: ['katie', 'tom'] });
    expect((await finch.groups.get('flat')).members.map((m) => m.handle)).toEqual(['kate', 'tom']);
    await finch.transactions.add({ amount: '60', description: 'cleaning', mentions: ['flat'], split: 'equal:me,kate,tom' });
    await finch.transactions.add({ amount: '10', description: 'not flat', mentions: ['flat'], split: 'equal:me,ana' });
    const b = await finch.groups.balances('flat');
    expect(b.currencies[0]!.members.map((m) => [m.person, m.net])).toEqual([['me', '40.00'], ['kate', '-20.00'], ['tom', '-20.00']]);
  });

  it('settles a group with several payers so every group net and every balance with me is zero', async () => {
    await finch.groups.add({ name: 'Flat', members: ['kate', 'tom', 'ana'] });
    const g = { method: 'equal' as const, participants: [], group: 'flat' };
    await finch.transactions.add({ amount: '120', description: 'groceries', split: g });
    await finch.transactions.add({ amount: '80', description: 'pizza', split: { ...g, paidBy: 'kate' } });
    await finch.transactions.add({ amount: '44', description: 'wine', split: { ...g, paidBy: 'tom' } });
    await finch.transactions.add({ amount: '10', currency: 'USD', description: 'tip', split: { ...g, paidBy: 'ana' } });
    await finch.transactions.add({ amount: '8', description: 'outside', split: 'equal:me,kate' });
    const r = await finch.groups.settle('flat', { date: '2026-05-31' });
    expect(r.after.settled).toBe(true);
    for (const c of r.after.currencies) for (const m of c.members) expect(m.netMinor).toBe(0);
    const [kate] = await finch.people.balances({ person: 'kate' });
    // Only what is outside the group is left.
    expect(kate!.byGroup.map((x) => [x.group, x.net])).toEqual([[null, '4.00']]);
    for (const p of await finch.people.balances()) expect(p.byGroup.filter((x) => x.group === 'flat')).toEqual([]);
  });
});
