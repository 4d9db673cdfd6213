import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import Papa from 'papaparse';
import { describeEachDialect } from '../../helpers/dialects.js';
import { decimalToMinor, type Finch } from '../../../src/core/index.js';
import type { ExportFormat, ExportResult } from '../../../src/core/exports/index.js';
import { component } from '../../../src/core/exports/index.js';
import { seedLedger } from '../reports/seed.js';
import { type Balances, beancountBalances, hledgerBalances, ledgerBalances } from './journal-tools.js';

const minor = (text: string, currency: string) => decimalToMinor(text, currency as never);

describeEachDialect('export', (t) => {
  let finch: Finch;
  let dir: string;
  beforeEach(async () => {
    finch = await t.open();
    dir = mkdtempSync(join(tmpdir(), 'finch-export-'));
  });
  afterEach(async () => {
    await finch.close();
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  async function exportTo(format: ExportFormat, filter = {}): Promise<{ file: string; text: string; result: ExportResult }> {
    let text = '';
    const result = await finch.export({ format, filter }, (c) => {
      text += c;
    });
    const file = join(dir, `ledger.${format}`);
    writeFileSync(file, text);
    return { file, text, result };
  }

  /** Every account in `finch report balance`, per currency, must show the same total in the tool. */
  async function expectSameBalances(tool: Balances, result: ExportResult): Promise<void> {
    const report = await finch.reports.balance();
    expect(report.rows.length).toBeGreaterThan(0);
    for (const row of report.rows) {
      const journalAccount = result.accounts[row.account ?? '(no account)']!;
      expect(journalAccount, `${row.account}`).toBeTruthy();
      const got = tool.get(journalAccount)?.get(row.currency) ?? '0';
      expect([journalAccount, row.currency, minor(got, row.currency)]).toEqual([journalAccount, row.currency, row.minor]);
    }
    // and the whole of assets and liabilities per currency agrees with finch's totals
    const sums = new Map<string, number>();
    for (const [account, amounts] of tool) {
      if (!/^(Assets|Liabilities):/.test(account) || account.startsWith('Assets:Receivable')) continue;
      for (const [cur, amt] of amounts) sums.set(cur, (sums.get(cur) ?? 0) + minor(amt, cur));
    }
    expect(Object.fromEntries(sums)).toEqual(Object.fromEntries(report.totals.map((x) => [x.currency, x.minor])));
  }

  describe('journals over a seeded ledger', () => {
    beforeEach(() => seedLedger(finch));

    it('hledger accepts the journal and its balances match finch report balance', async () => {
      const { file, result } = await exportTo('hledger');
      expect(result.transactions).toBe(11);
      const bal = await hledgerBalances(file);
      await expectSameBalances(bal, result);
      // categories (parent:child), splits (others' shares receivable) and currencies survive
      expect(bal.get('Expenses:Dining:Coffee')?.get('USD')).toBe('16.50');
      expect(bal.get('Expenses:Dining')?.get('USD')).toBe('30.00');
      expect(bal.get('Expenses:Dining')?.get('JPY')).toBe('1500');
      expect(bal.get('Assets:Receivable:John Smith')?.get('USD')).toBe('30.00');
      expect(bal.get('Assets:Receivable:Kate')?.get('USD')).toBe('30.00');
      expect(bal.get('Expenses:Entertainment')?.get('EUR')).toBe('25.00');
      expect(bal.get('Income:Salary')?.get('USD')).toBe('-3000.00');
      expect(bal.get('Equity:Opening-Balances')?.get('JPY')).toBe('-20000');
      // tags: the two rows tagged work, found by hledger's own tag query
      const tagged = await execa('hledger', ['-f', file, 'print', 'tag:work']);
      expect(tagged.stdout.match(/^\d{4}-\d{2}-\d{2} .*/gm)!.map((l) => l.replace(/\s+;.*/, ''))).toEqual(['2024-01-03 Flat white', '2024-01-07 Pizza night']);
    });

    it('ledger accepts the journal and its balances match finch report balance', async () => {
      const { file, result } = await exportTo('ledger');
      const bal = await ledgerBalances(file);
      await expectSameBalances(bal, result);
      // ledger's flat figures include children: dining 30.00 + coffee 16.50
      expect(bal.get('Expenses:Dining')?.get('USD')).toBe('46.50');
      expect(bal.get('Assets:Receivable:Kate')?.get('USD')).toBe('30.00');
      const tagged = await execa('ledger', ['-f', file, 'print', '%work']);
      expect(tagged.stdout.match(/^\d{4}[-/]\d{2}[-/]\d{2} .*/gm)!.length).toBe(2);
      expect(tagged.stdout).toContain('Pizza night');
      const trip = await execa('ledger', ['-f', file, 'balance', '--flat', '--no-total', '%trip']);
      expect(trip.stdout).toMatch(/1500 JPY\s+Assets:Wallet:Yen Wallet/);
    });

    it('bean-check accepts the beancount file and bean-query balances match finch report balance', async () => {
      const { file, text, result } = await exportTo('beancount');
      expect(result.accounts['Visa Gold']).toBe('Liabilities:Card:Visa-Gold');
      const bal = await beancountBalances(file);
      await expectSameBalances(bal, result);
      expect(bal.get('Expenses:Dining:Coffee')?.get('USD')).toBe('16.50');
      expect(bal.get('Assets:Receivable:John-Smith')?.get('USD')).toBe('30.00');
      expect(text).toContain('"Latte; \\"oat\\""');
      const tagged = await execa('bean-query', ['-f', 'csv', file, "select distinct narration where 'work' in tags order by narration"]);
      expect(tagged.stdout.trim().split('\n').slice(1).map((s) => s.trim())).toEqual(['Flat white', 'Pizza night']);
    });

    it('exports a filtered range without opening balances, and the tools still agree with finch', async () => {
      const { file } = await exportTo('hledger', { period: '2024-02' });
      const bal = await hledgerBalances(file);
      expect(bal.has('Equity:Opening-Balances')).toBe(false);
      const feb = await finch.reports.balance({ period: '2024-02' });
      expect(feb.includesOpening).toBe(false);
      for (const row of feb.rows) {
        const name = row.account ? `${row.kind === 'card' ? 'Liabilities:Card' : row.kind === 'wallet' ? 'Assets:Wallet' : row.kind === 'savings' ? 'Assets:Savings' : 'Assets:Bank'}:${row.account}` : 'Assets:Unassigned';
        expect(minor(bal.get(name)?.get(row.currency) ?? '0', row.currency)).toBe(row.minor);
      }
    });

    it('writes CSV and JSON that carry every transaction, tag and split', async () => {
      const csv = await exportTo('csv');
      const rows = Papa.parse<Record<string, string>>(csv.text.trim(), { header: true }).data;
      expect(rows).toHaveLength(11);
      const pizza = rows.find((r) => r.description === 'Pizza night')!;
      expect(pizza).toMatchObject({ amount: '-90.00', currency: 'USD', category: 'dining', account: 'Checking', tags: 'fun work', splits: 'john=30.00 kate=30.00', type: 'expense' });
      expect(rows.find((r) => r.description === 'Latte; "oat"')).toBeTruthy();
      const json = JSON.parse((await exportTo('json')).text);
      expect(json.transactions).toHaveLength(11);
      expect(json.accounts.map((a: { name: string; openingBalance: string }) => [a.name, a.openingBalance])).toEqual([
        ['Checking', '1000.00'],
        ['Euro Savings', '500.00'],
        ['Visa Gold', '0.00'],
        ['Yen Wallet', '20000'],
      ]);
      const ramen = json.transactions.find((x: { description: string }) => x.description === 'Ramen');
      expect(ramen).toMatchObject({ amount: '-1500', currency: 'JPY', tags: ['trip'], account: 'Yen Wallet' });
      // my share of every entry adds up to the summary's figures (the pizza was split three ways)
      expect(json.transactions.find((x: { description: string }) => x.description === 'Pizza night')).toMatchObject({ amount: '-90.00', myShare: '-30.00', kind: 'spending' });
      const sum = json.transactions.filter((x: { currency: string }) => x.currency === 'USD').reduce((a: number, x: { myShare: string }) => a + minor(x.myShare, 'USD'), 0);
      const usdMovement = (await finch.reports.summary()).currencies.find((c) => c.currency === 'USD')!;
      expect(sum).toBe(usdMovement.net.minor + usdMovement.transfers.minor);
    });
  });

  it('exports an empty ledger as a journal the tools accept', async () => {
    for (const format of ['hledger', 'ledger', 'beancount'] as const) {
      const { file, result } = await exportTo(format);
      expect(result.transactions).toBe(0);
      const bal = format === 'hledger' ? await hledgerBalances(file) : format === 'ledger' ? await ledgerBalances(file) : await beancountBalances(file);
      expect(bal.size).toBe(0);
    }
  });

  it('keeps awkward names apart and valid in every tool', async () => {
    await finch.accounts.add({ name: 'Café: Main', currency: 'EUR', openingBalance: '10' });
    await finch.accounts.add({ name: 'café main', kind: 'bank', currency: 'EUR', openingBalance: '20' });
    await finch.accounts.add({ name: '2nd [joint] (old)', kind: 'loan', currency: 'EUR', openingBalance: '-300' });
    await finch.transactions.add({ amount: '5', description: '*(weird) ;payee', account: 'Café: Main', tags: ['été'] });
    for (const format of ['hledger', 'ledger', 'beancount'] as const) {
      const { file, result } = await exportTo(format);
      const names = Object.values(result.accounts);
      expect(new Set(names.map((n) => n.toLowerCase())).size, format).toBe(names.length);
      const bal = format === 'hledger' ? await hledgerBalances(file) : format === 'ledger' ? await ledgerBalances(file) : await beancountBalances(file);
      await expectSameBalances(bal, result);
    }
  });
});

describe('journal account names', () => {
  it('sanitises a component per tool', () => {
    expect(component('Visa: Gold', 'hledger')).toBe('Visa-Gold');
    expect(component('My  Checking', 'ledger')).toBe('My Checking');
    expect(component('my checking', 'beancount')).toBe('My-checking');
    expect(component('Café & Co', 'beancount')).toBe('Cafe-and-Co');
    expect(component('[x]', 'hledger')).toBe('x');
    expect(component('€€', 'beancount')).toBe('X');
  });
});
