import { afterEach, beforeEach, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDialect } from '../../helpers/dialects.js';
import type { Finch } from '../../../src/core/index.js';
import type { ExportFormat } from '../../../src/core/exports/index.js';
import { beancountBalances, hledgerBalances, ledgerBalances } from '../exports/journal-tools.js';

/*
 * The defects of issue 10's first section, each as the user met it: every test here failed on the
 * code before the ledger had one read side for money.
 */

/** A bank CSV that prints a running balance: opening 2222.16, closing 6626.73, rows summing to 4404.57. */
const STATEMENT = [
  'Posting Date,Description,Debit,Credit,Balance',
  '03/27/2026,"GROCERIES VIA MOBILE BANKING",230.00,,6626.73',
  '03/12/2026,"ONLINE PAYMENT AMEX",120.33,,6856.73',
  '03/05/2026,"LASTSCHRIFT STADTWERKE MUENCHEN",245.10,,6977.06',
  '03/01/2026,"SALARY ACME GMBH",,5000.00,7222.16',
].join('\n');

describeEachDialect('the money model fixes', (t) => {
  let finch: Finch;
  let dir: string;
  beforeEach(async () => {
    finch = await t.open({ homeCurrency: 'EUR' });
    dir = mkdtempSync(join(tmpdir(), 'finch-defects-'));
    await finch.accounts.add({ name: 'Checking', currency: 'EUR' });
  });
  afterEach(async () => {
    await finch.close();
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  async function journal(format: ExportFormat = 'hledger'): Promise<{ text: string; file: string }> {
    let text = '';
    await finch.export({ format }, (c) => {
      text += c;
    });
    const file = join(dir, `x.${format}`);
    writeFileSync(file, text);
    return { text, file };
  }

  it('a shared cost counts my share in reports, budgets and the export alike (--gross shows what was paid)', async () => {
    for (const h of ['ann', 'bob', 'cat']) await finch.people.add({ name: h });
    await finch.groups.add({ name: 'Flat', handle: 'flat', members: ['ann', 'bob', 'cat'] });
    await finch.transactions.add({ date: '2026-03-01', amount: '1800', description: 'rent', category: 'rent', account: 'Checking', split: 'equal:@flat' });
    await finch.budgets.set('rent', '1000', { month: '2026-03' });
    const spending = await finch.reports.spending({ period: '2026-03' });
    expect(spending.rows.map((r) => [r.key, r.amount])).toEqual([['rent', '450.00']]);
    expect((await finch.reports.spending({ period: '2026-03', gross: true })).rows.map((r) => r.amount)).toEqual(['1800.00']);
    const status = (await finch.budgets.status('2026-03'))!;
    expect(status.lines.map((l) => [l.category, l.spent, l.over])).toEqual([['rent', '450.00', false]]);
    expect((await finch.budgets.status('2026-03', { gross: true }))!.lines[0]!.spent).toBe('1800.00');
    const h = await hledgerBalances((await journal()).file);
    expect(h.get('Expenses:Rent')?.get('EUR')).toBe('450.00');
    expect(h.get('Assets:Bank:Checking')?.get('EUR')).toBe('-1800.00');
    expect((await finch.reports.balance()).rows[0]!.amount).toBe('-1800.00');
  });

  it('a refund nets against its category everywhere and is never income', async () => {
    await finch.transactions.add({ date: '2026-03-02', amount: '100', description: 'jacket', category: 'shopping', account: 'Checking' });
    await finch.transactions.add({ date: '2026-03-09', amount: '+29.99', description: 'jacket returned', category: 'shopping', account: 'Checking' });
    await finch.budgets.set('shopping', '200', { month: '2026-03' });
    const s = (await finch.reports.summary()).currencies[0]!;
    expect([s.income.amount, s.spending.amount]).toEqual(['0.00', '70.01']);
    expect((await finch.reports.spending()).rows.map((r) => [r.key, r.amount])).toEqual([['shopping', '70.01']]);
    expect((await finch.reports.income()).rows).toEqual([]);
    expect((await finch.budgets.status('2026-03'))!.lines[0]!.spent).toBe('70.01');
    const { text, file } = await journal();
    expect(text).not.toMatch(/Income:/);
    expect((await hledgerBalances(file)).get('Expenses:Shopping')?.get('EUR')).toBe('70.01');
  });

  it('an imported row is spending by its sign whatever its words say; a chosen category decides the kind', async () => {
    const r = await finch.statements.import({ bytes: Buffer.from(STATEMENT), filename: 'march.csv', account: 'Checking' });
    expect(r.created).toBe(4);
    const rows = await finch.transactions.list({ sort: 'date', order: 'asc' });
    expect(rows.map((x) => [x.description, x.type])).toEqual([
      ['SALARY ACME GMBH', 'income'],
      ['LASTSCHRIFT STADTWERKE MUENCHEN', 'expense'],
      ['ONLINE PAYMENT AMEX', 'expense'],
      ['GROCERIES VIA MOBILE BANKING', 'expense'],
    ]);
    expect((await finch.reports.spending()).totals[0]!.amount).toBe('595.43');
    // choosing a transfer category makes the card payment a transfer…
    await finch.transactions.edit(rows[2]!.id, { category: 'transfer' });
    expect((await finch.transactions.get(rows[2]!.id)).type).toBe('transfer');
    expect((await finch.reports.spending()).totals[0]!.amount).toBe('475.10');
    // …and a spending category makes it spending again (bulk recategorising too)
    await finch.transactions.bulk.recategorize({ ids: [rows[2]!.id] }, 'shopping');
    expect((await finch.transactions.get(rows[2]!.id)).type).toBe('expense');
    expect((await finch.reports.spending()).totals[0]!.amount).toBe('595.43');
  });

  it('a statement with printed balances sets the opening balance: the account shows the closing balance, and the tools check it', async () => {
    const r = await finch.statements.import({ bytes: Buffer.from(STATEMENT), filename: 'march.csv', account: 'Checking' });
    expect(r.reconciled).toBe(true);
    const account = await finch.accounts.get('Checking');
    expect(account.balanceMinor).toBe(662673); // was 4404.57: the rows without the opening balance
    expect(account.openingBalanceMinor).toBe(222216);
    const [a] = await finch.accounts.assertions('Checking');
    expect([a!.date, a!.balance, a!.holds]).toEqual(['2026-03-27', '6626.73', true]);
    const { text } = await journal();
    expect(text).toMatch(/Assets:Bank:Checking\s+0\.00 EUR = 6626\.73 EUR/);
    expect((await hledgerBalances((await journal('hledger')).file)).get('Assets:Bank:Checking')?.get('EUR')).toBe('6626.73');
    expect((await ledgerBalances((await journal('ledger')).file)).get('Assets:Bank:Checking')?.get('EUR')).toBe('6626.73');
    const bean = await journal('beancount');
    expect(bean.text).toMatch(/2026-03-28 balance Assets:Bank:Checking\s+6626\.73 EUR/);
    expect((await beancountBalances(bean.file)).get('Assets:Bank:Checking')?.get('EUR')).toBe('6626.73');
    // an entry added later inside the statement's period breaks it: reconcile says so, the export keeps a note
    await finch.transactions.add({ date: '2026-03-20', amount: '10', description: 'typo entry', account: 'Checking' });
    const rec = await finch.accounts.reconcile('Checking');
    expect(rec.broken.map((b) => [b.date, b.balance, b.actual])).toEqual([['2026-03-27', '6626.73', '6616.73']]);
    const after = await journal();
    expect(after.text).not.toMatch(/= 6626\.73/);
    expect(after.text).toMatch(/the bank says 6626\.73 EUR, finch has 6616\.73/);
    await hledgerBalances(after.file); // still accepted
    // stating the bank's balance on a day records it and clears the entries up to it when it agrees
    const stated = await finch.accounts.reconcile('Checking', { balance: '6616.73', date: '2026-03-31' });
    expect([stated.stated?.holds, stated.cleared]).toEqual([true, 5]);
    expect((await finch.transactions.list()).every((x) => x.cleared)).toBe(true);
    const wrong = await finch.accounts.reconcile('Checking', { balance: '1.00', date: '2026-04-01' });
    expect([wrong.stated?.holds, wrong.cleared]).toEqual([false, 0]);
  });

  it('after a settle-up nobody owes anybody in the export, net worth agrees, and transfers have one account', async () => {
    await finch.people.add({ name: 'Kate', handle: 'kate' });
    await finch.groups.add({ name: 'Trip', handle: 'trip', members: ['kate'] });
    await finch.accounts.edit('Checking', { openingBalance: '1000' });
    await finch.transactions.add({ date: '2026-03-01', amount: '120.70', description: 'dinner', category: 'dining', account: 'Checking', split: 'equal:@trip' });
    await finch.transactions.add({ date: '2026-03-02', amount: '50', description: 'to savings', category: 'transfer', account: 'Checking' });
    await finch.groups.settle('trip', { date: '2026-03-05', account: 'Checking' });
    const { text, file } = await journal();
    expect(text).not.toMatch(/Equity:Transfers:/);
    const h = await hledgerBalances(file);
    expect(h.get('Assets:Receivable:Kate')?.get('EUR') ?? '0').toMatch(/^0(\.00)?$/);
    const nw = (await finch.reports.networth()).rows[0]!;
    let tool = 0;
    for (const [account, amounts] of h) if (/^(Assets|Liabilities)/.test(account)) tool += Math.round(Number(amounts.get('EUR') ?? 0) * 100);
    expect(nw.net.minor).toBe(tool);
    expect(nw.net.amount).toBe('889.65'); // 1000 − 60.35 (my half) − 50 moved out
  });

  it('spending abroad keeps what was paid and books what the account was charged, at a rate given or stored', async () => {
    await expect(finch.transactions.add({ amount: '23.40', currency: 'GBP', description: 'train', account: 'Checking', category: 'transport' })).rejects.toThrow(/no GBP→EUR rate is known/);
    const given = await finch.transactions.add({ date: '2026-03-03', amount: '23.40', currency: 'GBP', rate: '1.17', description: 'train', account: 'Checking', category: 'transport' });
    expect([given.amount, given.currency, given.original]).toEqual(['-27.38', 'EUR', { amountMinor: -2340, amount: '-23.40', currency: 'GBP' }]);
    const charged = await finch.transactions.add({ date: '2026-03-04', amount: '10', currency: 'GBP', accountAmount: '11.90', description: 'tea', account: 'Checking', category: 'dining' });
    expect(charged.amount).toBe('-11.90');
    // `finch add --account Checking "£23.40 train"` with the user's own rate
    await finch.rates.add({ from: 'GBP', to: 'EUR', rate: '1.18', date: '2026-01-01' });
    const parsed = await finch.chat.parse('£23.40 train', { today: '2026-03-05' as never, mode: 'rules' });
    const saved = await finch.chat.save(parsed.suggestion, { account: 'Checking' });
    expect([saved.amount, saved.currency, saved.original?.amount, saved.original?.currency]).toEqual(['-27.61', 'EUR', '-23.40', 'GBP']);
    expect((await finch.reports.spending()).totals.map((x) => [x.currency, x.amount])).toEqual([['EUR', '66.89']]);
    const { text, file } = await journal();
    expect(text).toMatch(/23\.40 GBP @@ 27\.38 EUR/);
    expect((await hledgerBalances(file)).get('Assets:Bank:Checking')?.get('EUR')).toBe('-66.89');
  });

  it('a tag goal keeps the sign of its net; a signed amount edit keeps its sign; category paths resolve', async () => {
    await finch.transactions.add({ date: '2026-01-01', amount: '100', description: 'to the pot', tags: ['trip'], type: 'transfer' });
    await finch.transactions.add({ date: '2026-02-01', amount: '+250', description: 'took it all back and more', tags: ['trip'], type: 'transfer' });
    await finch.goals.add({ name: 'Trip', target: '500', tag: 'trip' });
    expect((await finch.goals.status({ name: 'Trip' }))[0]!.saved).toBe('-150.00');
    const e = await finch.transactions.add({ date: '2026-03-01', amount: '29.99', description: 'shoes', category: 'shopping', account: 'Checking' });
    const edited = await finch.transactions.edit(e.id, { amount: '+29.99' });
    expect(edited.amount).toBe('29.99');
    expect((await finch.reports.spending()).totals[0]!.amount).toBe('-29.99');
    const child = (await finch.categories.list()).find((c) => c.parentSlug);
    if (child) {
      const path = `${child.parentSlug}/${child.slug}`;
      expect((await finch.categories.get(path)).id).toBe(child.id);
      const moved = await finch.transactions.edit(e.id, { category: path });
      expect(moved.category).toBe(child.slug);
    } else {
      await finch.categories.add({ name: 'Fitness', parent: 'health' });
      expect((await finch.categories.get('health/fitness')).slug).toBe('fitness');
    }
    await expect(finch.categories.get('dining/fitness')).rejects.toThrow(/unknown category/);
  });
});
