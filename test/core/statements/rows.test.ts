import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import type { Finch } from '../../../src/core/index.js';

const CSV = 'Date,Description,Amount\n2024-03-01,COFFEE SHOP,-4.50\n2024-03-02,GROCER,-40.00\n2024-03-05,BOOKSHOP,-20.00\n';

describeEachDialect('statement row review (accept, edit, reject)', (t) => {
  let finch: Finch;
  let id: string;
  beforeEach(async () => {
    finch = await t.open();
    await finch.accounts.add({ name: 'Checking', currency: 'USD' });
    id = (await finch.statements.import({ bytes: Buffer.from(CSV), filename: 'mar.csv', account: 'Checking' })).fileId;
  });
  afterEach(async () => {
    await finch.close();
    await t.cleanup();
  });

  it('edit corrects the stored row and the transaction it created', async () => {
    await finch.statements.editRow(id, 1, { amount: '-41.00', description: 'GROCER 22', date: '2024-03-03' });
    const [t1] = await finch.transactions.list({ text: 'GROCER' });
    expect([t1!.amount, t1!.description, t1!.date, t1!.type]).toEqual(['-41.00', 'GROCER 22', '2024-03-03', 'expense']);
    const row = (await finch.statements.compare(id)).rows[1]!;
    expect([row.amount, row.description, row.date, row.confidence, row.review]).toEqual(['-41.00', 'GROCER 22', '2024-03-03', 1, []]);
    expect(await finch.statements.rowDecisions(id)).toEqual({ 1: 'edited' });
    await expect(finch.statements.editRow(id, 1, { amount: '0' })).rejects.toThrow(/must not be zero/);
    await expect(finch.statements.editRow(id, 9, { amount: '1' })).rejects.toThrow(/no row 10/);
  });

  it('reject deletes the row\'s transaction; accept brings a row that is not imported back', async () => {
    const r = await finch.statements.rejectRow(id, 2);
    expect(r).toMatchObject({ index: 2, decision: 'rejected', transactionId: null });
    expect(await finch.transactions.count()).toBe(2);
    expect((await finch.statements.compare(id)).rows[2]!.outcome).toBe('not imported');
    expect((await finch.statements.show(id)).created).toBe(2);
    const a = await finch.statements.acceptRow(id, 2);
    expect(a.transactionId).toBeTruthy();
    expect((await finch.transactions.get(a.transactionId!)).description).toBe('BOOKSHOP');
    expect((await finch.statements.compare(id)).rows[2]!.outcome).toBe('created');
    expect(await finch.statements.rowDecisions(id)).toEqual({ 2: 'accepted' });
    // accepting a row that is already in the ledger creates nothing
    await finch.statements.acceptRow(id, 0);
    expect(await finch.transactions.count()).toBe(3);
  });
});
