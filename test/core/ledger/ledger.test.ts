import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import type { Finch } from '../../../src/core/index.js';
import { DEFAULT_CATEGORIES } from '../../../src/core/index.js';

describeEachDialect('ledger', (t) => {
  let finch: Finch;
  beforeEach(async () => {
    finch = await t.open();
    await finch.accounts.add({ name: 'Checking', kind: 'bank', currency: 'USD', openingBalance: '1000' });
  });
  afterEach(async () => {
    await finch.close();
    await t.cleanup();
  });

  it('opens with the default user and the default category taxonomy', async () => {
    expect(finch.user.name).toBe('me');
    const cats = await finch.categories.list();
    expect(cats.map((c) => c.slug).sort()).toEqual(DEFAULT_CATEGORIES.map((c) => c.slug).sort());
  });

  it('keeps the balance as opening balance plus signed transactions', async () => {
    await finch.transactions.add({ amount: '12.50', description: 'lunch', category: 'dining', account: 'checking' });
    await finch.transactions.add({ amount: '2000', description: 'pay', category: 'salary', account: 'Checking' });
    const a = await finch.accounts.get('Checking');
    expect(a.balanceMinor).toBe(100000 - 1250 + 200000);
    expect(a.transactionCount).toBe(2);
  });

  it('signs amounts from the type: expenses out, income in, +amount means income', async () => {
    const e = await finch.transactions.add({ amount: '5', description: 'coffee' });
    const i = await finch.transactions.add({ amount: '5', description: 'refund', type: 'income' });
    const plus = await finch.transactions.add({ amount: '+7.25', description: 'found money' });
    const tr = await finch.transactions.add({ amount: '100', description: 'to savings', category: 'transfer' });
    expect([e.amount, e.type]).toEqual(['-5.00', 'expense']);
    expect([i.amount, i.type]).toEqual(['5.00', 'income']);
    expect([plus.amount, plus.type]).toEqual(['7.25', 'income']);
    expect([tr.amount, tr.type]).toEqual(['-100.00', 'transfer']);
  });

  it('rejects bad input and leaves the database unchanged', async () => {
    const bad = [
      { amount: 'abc', description: 'x' },
      { amount: '1.234', description: 'x' },
      { amount: '0', description: 'x' },
      { amount: '5', description: '   ' },
      { amount: '5', description: 'x', date: '2024-02-30' },
      { amount: '5', description: 'x', currency: 'ZZZ' },
      { amount: '5', description: 'x', account: 'nope' },
      { amount: '5', description: 'x', category: 'nope' },
      { amount: '5', description: 'x', account: 'Checking', currency: 'EUR' },
      { amount: '5', description: 'x', split: 'exact:me=1,bob=2' },
    ];
    for (const input of bad) {
      await expect(finch.transactions.add(input)).rejects.toMatchObject({ name: 'FinchError' });
    }
    expect(await finch.transactions.count()).toBe(0);
    expect((await finch.tags.list()).length).toBe(0);
  });

  it('adds a batch all or nothing', async () => {
    const good = Array.from({ length: 50 }, (_, i) => ({ amount: `${i + 1}`, description: `row ${i}`, date: '2024-01-15', tags: ['batch'] }));
    await expect(finch.transactions.addMany([...good, { amount: 'oops', description: 'bad' }])).rejects.toThrow(/transaction 51: invalid transaction amount/);
    expect(await finch.transactions.count()).toBe(0);
    const ids = await finch.transactions.addMany(good);
    expect(ids).toHaveLength(50);
    expect(await finch.transactions.count({ tag: 'batch' })).toBe(50);
  });

  it('filters by date range, account, category with children, tag, amount and text; sorts and limits', async () => {
    await finch.accounts.add({ name: 'Card', kind: 'card', currency: 'USD' });
    await finch.categories.add({ name: 'Coffee', parent: 'dining' });
    await finch.transactions.addMany([
      { date: '2024-01-05', amount: '4.50', description: 'Latte', category: 'coffee', account: 'Card', tags: ['morning'] },
      { date: '2024-01-10', amount: '40', description: 'Dinner at Luigi', category: 'dining', account: 'Checking' },
      { date: '2024-02-01', amount: '120', description: 'Groceries Kroger', category: 'groceries', account: 'Checking', tags: ['weekly'] },
      { date: '2024-02-15', amount: '3000', description: 'Salary', category: 'salary', account: 'Checking' },
      { date: '2024-03-01', amount: '9.99', description: '100% juice_bar', merchant: 'Juice Bar', account: 'Card' },
    ]);
    const desc = (xs: { description: string }[]) => xs.map((x) => x.description);
    expect(desc(await finch.transactions.list({ from: '2024-01-01', to: '2024-01-31' }))).toEqual(['Dinner at Luigi', 'Latte']);
    expect(desc(await finch.transactions.list({ category: 'dining', sort: 'date', order: 'asc' }))).toEqual(['Latte', 'Dinner at Luigi']);
    expect(desc(await finch.transactions.list({ account: 'card' }))).toEqual(['100% juice_bar', 'Latte']);
    expect(desc(await finch.transactions.list({ tag: '#Weekly' }))).toEqual(['Groceries Kroger']);
    expect(desc(await finch.transactions.list({ minAmount: '40', maxAmount: '200' }))).toEqual(['Groceries Kroger', 'Dinner at Luigi']);
    expect(desc(await finch.transactions.list({ text: 'luigi' }))).toEqual(['Dinner at Luigi']);
    expect(desc(await finch.transactions.list({ text: '100%' }))).toEqual(['100% juice_bar']);
    expect(desc(await finch.transactions.list({ text: 'r_k' }))).toEqual([]);
    expect(desc(await finch.transactions.list({ text: 'juice bar' }))).toEqual(['100% juice_bar']);
    expect(desc(await finch.transactions.list({ type: 'income' }))).toEqual(['Salary']);
    expect(desc(await finch.transactions.list({ sort: 'amount', order: 'asc', limit: 2 }))).toEqual(['Groceries Kroger', 'Dinner at Luigi']);
    expect(desc(await finch.transactions.list({ sort: 'description', limit: 2 }))).toEqual(['100% juice_bar', 'Dinner at Luigi']);
    expect((await finch.transactions.list({ tag: 'morning' }))[0]!.tags).toEqual(['morning']);
    await expect(finch.transactions.list({ from: '2024-02-01', to: '2024-01-01' })).rejects.toThrow(/after the to date/);
    await expect(finch.transactions.list({ from: '01/02/2024' })).rejects.toThrow(/invalid from date/);
  });

  it('splits equally, exactly, by percent and by shares, always summing to the total', async () => {
    await finch.people.add({ name: 'John' });
    await finch.people.add({ name: 'Kate' });
    const eq = await finch.transactions.add({ amount: '100', description: 'dinner', split: 'equal:john,kate' });
    expect(eq.splits.map((s) => [s.person, s.shareMinor])).toEqual([['me', 3334], ['john', 3333], ['kate', 3333]]);
    expect(eq.splits.find((s) => s.person === 'me')!.paidMinor).toBe(10000);
    const ex = await finch.transactions.add({ amount: '50', description: 'cab', split: 'exact:me=20,john=30' });
    expect(ex.splits.map((s) => s.share)).toEqual(['20.00', '30.00']);
    const pc = await finch.transactions.add({ amount: '10', description: 'snacks', split: 'percent:me=33.3,john=33.3,kate=33.4' });
    expect(pc.splits.reduce((a, s) => a + s.shareMinor, 0)).toBe(1000);
    const sh = await finch.transactions.add({ amount: '90', description: 'house', split: 'shares:me=2,john=1' });
    expect(sh.splits.map((s) => s.shareMinor)).toEqual([6000, 3000]);
    await expect(finch.transactions.add({ amount: '10', description: 'x', split: 'percent:me=50,john=40' })).rejects.toThrow(/90%/);
    await expect(finch.transactions.add({ amount: '10', description: 'x', split: 'equal:ghost' })).rejects.toThrow(/unknown person "ghost"/);
  });

  it('splits a group expense among its members and me', async () => {
    await finch.people.add({ name: 'Ana' });
    await finch.people.add({ name: 'Bo' });
    await finch.groups.add({ name: 'Flat', members: ['ana', 'bo'] });
    const tx = await finch.transactions.add({ amount: '61', description: 'cleaning', split: 'equal:@flat', mentions: ['flat'] });
    expect(tx.splits.map((s) => [s.person, s.shareMinor, s.group])).toEqual([
      ['me', 2034, 'flat'],
      ['ana', 2033, 'flat'],
      ['bo', 2033, 'flat'],
    ]);
    expect(tx.mentions).toEqual(['flat']);
  });

  it('never shows one user the rows of another', async () => {
    await finch.transactions.add({ amount: '5', description: 'mine', account: 'Checking', tags: ['secret'] });
    await finch.people.add({ name: 'John' });
    const other = await t.open({ user: 'alice', homeCurrency: 'EUR' });
    try {
      expect(other.user.homeCurrency).toBe('EUR');
      expect(await other.transactions.list()).toEqual([]);
      expect(await other.accounts.list()).toEqual([]);
      expect(await other.people.list()).toEqual([]);
      expect(await other.tags.list()).toEqual([]);
      expect(await other.search('mine')).toEqual([]);
      await expect(other.accounts.get('Checking')).rejects.toThrow(/unknown account/);
      const mine = await finch.transactions.list();
      await expect(other.transactions.get(mine[0]!.id)).rejects.toThrow(/no transaction/);
      expect(await other.transactions.bulk.delete({})).toBe(0);
      expect(await finch.transactions.count()).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('refuses to open an unknown named user when asked not to create one', async () => {
    await expect(t.open({ user: 'bob', createUser: false })).rejects.toThrow(/unknown user "bob"/);
  });

  it('edits and deletes a transaction, and keeps split amounts consistent', async () => {
    const tx = await finch.transactions.add({ amount: '10', description: 'lunch', tags: ['a'] });
    const edited = await finch.transactions.edit(tx.id.slice(0, 12), { amount: '12', category: 'dining', addTags: ['b'], removeTags: ['a'] });
    expect([edited.amount, edited.category, edited.tags]).toEqual(['-12.00', 'dining', ['b']]);
    const asIncome = await finch.transactions.edit(tx.id, { type: 'income' });
    expect(asIncome.amount).toBe('12.00');
    await finch.people.add({ name: 'Kim' });
    const split = await finch.transactions.add({ amount: '30', description: 'taxi', split: 'equal:kim' });
    // A new amount re-allocates the shares (equal stays equal) instead of refusing the edit.
    const resplit = await finch.transactions.edit(split.id, { amount: '40' });
    expect(resplit.splits.map((x) => [x.person, x.share, x.paidMinor])).toEqual([['me', '20.00', 4000], ['kim', '20.00', 0]]);
    await finch.transactions.delete(tx.id);
    await expect(finch.transactions.get(tx.id)).rejects.toThrow(/no transaction/);
    expect(await finch.transactions.count()).toBe(1);
  });

  it('applies bulk actions to everything a filter matches', async () => {
    await finch.transactions.addMany(
      Array.from({ length: 30 }, (_, i) => ({ amount: '1', description: i % 2 ? 'Uber trip' : 'Tesco', date: '2024-05-01' })),
    );
    const preview = await finch.transactions.bulk.preview({ text: 'uber' });
    expect(preview.count).toBe(15);
    expect(preview.sample.length).toBe(10);
    expect(await finch.transactions.bulk.recategorize({ text: 'uber' }, 'transport')).toBe(15);
    expect(await finch.transactions.count({ category: 'transport' })).toBe(15);
    expect(await finch.transactions.bulk.tag({ category: 'transport' }, ['work'])).toBe(15);
    expect(await finch.transactions.bulk.tag({ category: 'transport' }, ['work'])).toBe(15);
    expect(await finch.transactions.count({ tag: 'work' })).toBe(15);
    expect(await finch.transactions.bulk.delete({ text: 'tesco' })).toBe(15);
    expect(await finch.transactions.count()).toBe(15);
  });

  it('searches transactions, accounts, categories, people and groups at once', async () => {
    await finch.people.add({ name: 'Mario Rossi', handle: 'mario' });
    await finch.groups.add({ name: 'Mario Kart Club', members: ['mario'] });
    await finch.transactions.add({ amount: '8', description: 'Super Mario game' });
    const kinds = (await finch.search('mario')).map((h) => h.kind).sort();
    expect(kinds).toEqual(['group', 'person', 'transaction']);
    expect((await finch.search('check')).map((h) => h.kind)).toEqual(['account']);
    expect((await finch.search('groc')).map((h) => h.title)).toEqual(['groceries']);
  });

  it('manages accounts: duplicate names, kinds, currencies and archiving', async () => {
    await expect(finch.accounts.add({ name: 'checking' })).rejects.toThrow(/already exists/);
    await expect(finch.accounts.add({ name: 'X', kind: 'piggy' })).rejects.toThrow(/invalid account kind/);
    await expect(finch.accounts.add({ name: 'X', currency: 'EURO' })).rejects.toThrow(/unknown currency/);
    const yen = await finch.accounts.add({ name: 'Tokyo', currency: 'jpy', openingBalance: '5000' });
    expect(yen.openingBalanceMinor).toBe(5000);
    await finch.transactions.add({ amount: '300', description: 'ramen', account: 'Tokyo' });
    await expect(finch.accounts.edit('Tokyo', { currency: 'USD' })).rejects.toThrow(/cannot change/);
    await finch.accounts.edit('Tokyo', { name: 'Japan wallet', kind: 'wallet' });
    await finch.accounts.archive('Japan wallet');
    expect((await finch.accounts.list()).map((a) => a.name)).toEqual(['Checking']);
    expect((await finch.accounts.list({ includeArchived: true })).map((a) => a.name)).toEqual(['Checking', 'Japan wallet']);
    await expect(finch.transactions.add({ amount: '1', description: 'x', account: 'Japan wallet' })).rejects.toThrow(/archived/);
  });
});
