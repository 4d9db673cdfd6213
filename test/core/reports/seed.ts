import type { Finch } from '../../../src/core/index.js';

/**
 * A small ledger with every case the reports and exports must carry: three currencies, an
 * opening balance, a card (liability), a child category, tags, a group split, a transfer, income,
 * and a row with no account. 2024-01-01 is a Monday.
 */
export async function seedLedger(finch: Finch): Promise<void> {
  await finch.accounts.add({ name: 'Checking', currency: 'USD', openingBalance: '1000.00' });
  await finch.accounts.add({ name: 'Visa Gold', kind: 'card', currency: 'USD' });
  await finch.accounts.add({ name: 'Yen Wallet', kind: 'wallet', currency: 'JPY', openingBalance: '20000' });
  await finch.accounts.add({ name: 'Euro Savings', kind: 'savings', currency: 'EUR', openingBalance: '500.00' });
  await finch.categories.add({ name: 'Coffee', parent: 'dining' });
  await finch.people.add({ name: 'John Smith', handle: 'john' });
  await finch.people.add({ name: 'Kate', handle: 'kate' });
  await finch.groups.add({ name: 'Flatmates', handle: 'flat', members: ['john', 'kate'] });
  await finch.transactions.addMany([
    { date: '2024-01-02', amount: '3000', type: 'income', description: 'Salary', category: 'salary', account: 'Checking' },
    { date: '2024-01-03', amount: '4.50', description: 'Flat white', category: 'coffee', account: 'Visa Gold', merchant: 'Pret', tags: ['work'] },
    { date: '2024-01-07', amount: '90.00', description: 'Pizza night', category: 'dining', account: 'Checking', merchant: 'Dominos', tags: ['fun', 'work'], split: 'equal:@flat' },
    { date: '2024-01-08', amount: '52.25', description: 'Tesco', category: 'groceries', account: 'Checking', merchant: 'Tesco' },
    { date: '2024-01-20', amount: '200', type: 'transfer', description: 'To savings', category: 'transfer', account: 'Checking' },
    { date: '2024-02-05', amount: '1500', description: 'Ramen', category: 'dining', account: 'Yen Wallet', tags: ['trip'] },
    { date: '2024-02-10', amount: '40.00', description: 'Tesco', category: 'groceries', account: 'Checking', merchant: 'Tesco' },
    { date: '2024-02-11', amount: '12.00', description: 'Latte; "oat"', category: 'coffee', account: 'Visa Gold', merchant: 'Pret' },
    { date: '2024-02-15', amount: '25.00', description: 'Museum', category: 'entertainment', account: 'Euro Savings', tags: ['trip'] },
    { date: '2024-02-20', amount: '7.00', description: 'Parking (cash)' },
    { date: '2024-03-01', amount: '150.00', type: 'income', description: 'Refund from friend', category: 'other_income', account: 'Checking' },
  ]);
}
