import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import type { Finch } from '../../../src/core/index.js';
import { monthsLeft } from '../../../src/core/budgets/index.js';

describe('months left to save', () => {
  it('counts whole months from this month up to the target month', () => {
    expect(monthsLeft('2026-11-25' as never, '2027-03-01' as never)).toBe(4); // Nov, Dec, Jan, Feb
    expect(monthsLeft('2026-11-01' as never, '2026-11-30' as never)).toBe(1);
    expect(monthsLeft('2026-11-25' as never, '2026-11-24' as never)).toBe(0);
  });
});

describeEachDialect('goals', (t) => {
  let finch: Finch;
  beforeEach(async () => {
    finch = await t.open({ homeCurrency: 'USD' });
  });
  afterEach(async () => {
    await finch.close();
    await t.cleanup();
  });

  it('tracks progress from an account balance and the monthly saving still required (rounded up)', async () => {
    await finch.accounts.add({ name: 'Savings', kind: 'savings', openingBalance: '200.00' });
    await finch.transactions.add({ date: '2026-10-01', amount: '+100.00', account: 'Savings', description: 'deposit', type: 'transfer' });
    const g = await finch.goals.add({ name: 'Bike', target: '1000.00', by: '2027-02-15', account: 'Savings' });
    expect(g).toMatchObject({ name: 'Bike', target: '1000.00', currency: 'USD', targetDate: '2027-02-15', account: 'Savings', tag: null });
    const [s] = await finch.goals.status({ asOf: '2026-11-25' });
    // 700.00 left over Nov, Dec, Jan: 233.333… → 233.34 (never short by a cent)
    expect(s).toMatchObject({ saved: '300.00', remaining: '700.00', percent: 30, monthsLeft: 3, requiredMonthly: '233.34', reached: false, overdue: false });
    expect(s!.requiredMonthlyMinor! * 3).toBeGreaterThanOrEqual(70000);
    const late = await finch.goals.status({ name: 'bike', asOf: '2027-03-01' });
    expect(late[0]).toMatchObject({ monthsLeft: 0, requiredMonthly: '700.00', overdue: true });
  });

  it('tracks progress from a tag total; a reached goal needs nothing more', async () => {
    await finch.transactions.add({ date: '2026-09-01', amount: '250.00', description: 'to the trip pot', tags: ['trip'], type: 'transfer' });
    await finch.transactions.add({ date: '2026-10-01', amount: '250.00', description: 'to the trip pot', tags: ['trip'], type: 'transfer' });
    await finch.transactions.add({ date: '2026-10-02', amount: '99.00', description: 'untagged' });
    await finch.goals.add({ name: 'Trip', target: '500', tag: '#Trip' });
    await finch.goals.add({ name: 'Japan', target: '2000', by: '2027-06-30', tag: 'trip' });
    const all = await finch.goals.status({ asOf: '2026-11-01' });
    expect(all.map((s) => [s.name, s.saved, s.percent, s.requiredMonthly, s.reached])).toEqual([
      ['Japan', '500.00', 25, '214.29', false], // 1500.00 over Nov … May (7 months)
      ['Trip', '500.00', 100, null, true],
    ]);
  });

  it('validates input', async () => {
    await expect(finch.goals.add({ name: 'X', target: '10' })).rejects.toThrow(/one account \(--account\) or one tag/);
    await expect(finch.goals.add({ name: 'X', target: '0', tag: 'x' })).rejects.toThrow(/more than zero/);
    await expect(finch.goals.add({ name: 'X', target: '10', tag: 'x', by: '2027-13-01' })).rejects.toThrow(/invalid target date/);
    await finch.goals.add({ name: 'X', target: '10', tag: 'x' });
    await expect(finch.goals.add({ name: 'X', target: '10', tag: 'x' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await finch.accounts.add({ name: 'Euro', currency: 'EUR' });
    await expect(finch.goals.add({ name: 'Y', target: '10', account: 'Euro', currency: 'USD' })).rejects.toThrow(/is in EUR/);
    expect((await finch.goals.add({ name: 'Z', target: '10.5', account: 'Euro' })).currency).toBe('EUR');
    await finch.goals.remove('x');
    expect((await finch.goals.list()).map((g) => g.name)).toEqual(['Z']);
  });
});
