import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import { dumpTables } from '../../helpers/table-dump.js';
import type { Finch } from '../../../src/core/index.js';

describeEachDialect('history and undo', (t) => {
  let finch: Finch;
  beforeEach(async () => {
    finch = await t.open({ homeCurrency: 'EUR' });
    await finch.accounts.add({ name: 'Checking', currency: 'EUR' });
    for (const name of ['Kate', 'Tom']) await finch.people.add({ name });
    await finch.groups.add({ name: 'Flat', members: ['kate', 'tom'] });
  });
  afterEach(async () => {
    await finch.close();
    await t.cleanup();
  });

  /** Runs `write`, then undo, and checks every journaled table is exactly as before. */
  const undoRestores = async (label: RegExp, write: () => Promise<unknown>) => {
    const before = await dumpTables(finch);
    await write();
    const changed = await dumpTables(finch);
    expect(changed).not.toEqual(before);
    const undone = await finch.history.undo();
    expect(undone.label).toMatch(label);
    expect(undone.state).toBe('undone');
    expect(await dumpTables(finch)).toEqual(before);
  };

  it('undoes an add, an edit of splits and payer, and a delete, each restoring the rows exactly', async () => {
    await undoRestores(/^tx add 12.50 lunch/, () => finch.transactions.add({ amount: '12.50', description: 'lunch', account: 'Checking', tags: ['work'], split: 'equal:me,kate', mentions: ['tom'] }));
    const x = await finch.transactions.add({ amount: '90', description: 'dinner', account: 'Checking', category: 'dining', tags: ['out'], split: 'exact:kate=30,tom=20,me=rest' });
    await undoRestores(/^tx edit/, () => finch.transactions.edit(x.id, { amount: '100', description: 'dinner and wine', removeTags: ['out'] }));
    await undoRestores(/^tx delete/, () => finch.transactions.delete(x.id));
  });

  it('undoes a bulk delete of many rows with their splits, tags and mentions', async () => {
    const inputs = Array.from({ length: 40 }, (_, i) => ({ amount: `${i + 1}.25`, description: `coffee ${i}`, account: 'Checking', tags: ['coffee'], split: i % 2 ? 'equal:me,tom' : undefined, mentions: ['kate'] }));
    await finch.transactions.addMany(inputs);
    await undoRestores(/^bulk delete/, () => finch.transactions.bulk.delete({ text: 'coffee' }));
    expect(await finch.transactions.count({ text: 'coffee' })).toBe(40);
  });

  it('undoes a settle-up, after which the group owes again', async () => {
    await finch.transactions.add({ amount: '120', description: 'groceries', split: { method: 'equal', participants: [], group: 'flat' } });
    await finch.transactions.add({ amount: '60', description: 'pizza', split: { method: 'equal', participants: [], group: 'flat', paidBy: 'kate' } });
    await undoRestores(/^group settle flat/, () => finch.groups.settle('flat', { date: '2026-05-31' }));
    expect((await finch.groups.balances('flat')).settled).toBe(false);
  });

  it('undoes a budget apply', async () => {
    await finch.transactions.add({ amount: '500', description: 'rent', category: 'rent', date: '2026-04-02' });
    await undoRestores(/^budget set/, () => finch.budgets.set('rent', '900', { month: '2026-05' }));
  });

  it('undoes a statement import, a rejected row and a budget template apply', async () => {
    const csv = 'Date,Description,Amount\n2026-03-01,COFFEE SHOP,-4.50\n2026-03-02,GROCER,-40.00\n2026-03-05,BOOKSHOP,-20.00\n';
    const beforeImport = await dumpTables(finch);
    const imported = await finch.statements.import({ bytes: Buffer.from(csv), filename: 'mar.csv', account: 'Checking' });
    expect(await finch.transactions.count({ account: 'Checking' })).toBe(3);
    const undone = await finch.history.undo();
    expect(undone.label).toBe('statement import mar.csv');
    expect(await finch.transactions.count({ account: 'Checking' })).toBe(0);
    // The file's record goes back to where the create stage found it (a later CLI process retries it).
    const afterUndo = await dumpTables(finch);
    expect(afterUndo.transactions).toEqual(beforeImport.transactions);
    expect(afterUndo.splits).toEqual(beforeImport.splits);
    const other = csv.replace('COFFEE SHOP', 'TEA SHOP');
    const again = await finch.statements.import({ bytes: Buffer.from(other), filename: 'mar2.csv', account: 'Checking' });
    expect([again.fileId === imported.fileId, again.created]).toEqual([false, 3]);
    await undoRestores(/^statement reject row 1/, () => finch.statements.rejectRow(again.fileId, 1));
    expect(await finch.transactions.count({ text: 'GROCER' })).toBe(1);
    await undoRestores(/^budget apply/, () => finch.budgets.apply('50-30-20', { month: '2026-04', income: '3000' }));
  });

  it('undoes a chat save with a split and its message link', async () => {
    // The message itself was kept when it was parsed; the save is what gets undone.
    const r = await finch.chat.parse('dinner 42 split with @kate', { today: '2026-05-10' as never });
    expect(r.messageId).toBeTruthy();
    await undoRestores(/^chat save 42/, () => finch.chat.save(r.suggestion, { messageId: r.messageId ?? undefined }));
    expect((await finch.chat.history()).find((m) => m.id === r.messageId)?.status).toBe('completed');
  });

  it('lists operations newest first, skips ones that changed nothing, and undoes them in turn', async () => {
    const a = await finch.transactions.add({ amount: '5', description: 'a' });
    await finch.transactions.add({ amount: '6', description: 'b' });
    await expect(finch.transactions.edit(a.id, { date: 'not a date' })).rejects.toThrow();
    await finch.transactions.bulk.recategorize({ text: 'nothing matches this' }, 'dining');
    const h = await finch.history.list();
    expect(h.slice(0, 2).map((e) => e.label)).toEqual(['tx add 6 b', 'tx add 5 a']);
    expect(h[0]!.changes.transactions).toEqual({ insert: 1 });
    await finch.history.undo();
    await finch.history.undo();
    expect(await finch.transactions.count()).toBe(0);
    const after = await finch.history.list();
    expect(after.slice(0, 2).map((e) => e.state)).toEqual(['undone', 'undone']);
  });

  it('keeps each profile\'s history apart: one user\'s undo never touches another\'s rows', async () => {
    const db = t.target();
    const alice = await t.open({ db, user: 'alice', homeCurrency: 'EUR' });
    const bob = await t.open({ db, user: 'bob', homeCurrency: 'EUR' });
    try {
      await alice.transactions.add({ amount: '1', description: 'alice one' });
      await bob.transactions.add({ amount: '2', description: 'bob one' });
      expect((await alice.history.list()).map((h) => h.label)).toEqual(['tx add 1 alice one']);
      await alice.history.undo();
      expect(await alice.transactions.count()).toBe(0);
      expect((await bob.transactions.list()).map((x) => x.description)).toEqual(['bob one']);
      await expect(alice.history.undo()).rejects.toThrow(/nothing to undo/);
      expect((await bob.history.list()).map((h) => h.state)).toEqual(['done']);
    } finally {
      await alice.close();
      await bob.close();
    }
  });

  it('records nothing for a write that fails, and undo with nothing left says so', async () => {
    const fresh = await t.open({ db: t.target(), homeCurrency: 'EUR' });
    try {
      await expect(fresh.transactions.add({ amount: '5', description: 'x', account: 'Nope' })).rejects.toThrow();
      expect(await fresh.history.list()).toEqual([]);
      await expect(fresh.history.undo()).rejects.toThrow(/nothing to undo/);
    } finally {
      await fresh.close();
    }
  });
});
