import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import type { Finch } from '../../../src/core/index.js';
import { simplifyDebts } from '../../../src/core/ledger/index.js';

describe('simplifyDebts', () => {
  const check = (nets: Record<string, number>) => {
    const payments = simplifyDebts(new Map(Object.entries(nets)));
    const after = { ...nets };
    for (const p of payments) {
      expect(p.amountMinor).toBeGreaterThan(0);
      after[p.from]! += p.amountMinor;
      after[p.to]! -= p.amountMinor;
    }
    expect(Object.values(after).every((v) => v === 0)).toBe(true);
    const nonZero = Object.values(nets).filter((v) => v !== 0).length;
    expect(payments.length).toBeLessThanOrEqual(Math.max(0, nonZero - 1));
    return payments;
  };

  it('settles everyone with at most n-1 payments', () => {
    expect(check({ me: 3000, ana: -1000, bo: -2000 })).toEqual([
      { from: 'bo', to: 'me', amountMinor: 2000 },
      { from: 'ana', to: 'me', amountMinor: 1000 },
    ]);
    check({ a: 500, b: -200, c: -300, d: 0 });
    check({ a: 1, b: 1, c: 1, d: -3 });
    expect(check({ a: 0, b: 0 })).toEqual([]);
    // Random books: always zeroed, never more than n-1 payments.
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 200; round++) {
      const n = 2 + Math.floor(rand() * 8);
      const nets: Record<string, number> = {};
      let sum = 0;
      for (let i = 0; i < n - 1; i++) {
        nets[`p${i}`] = Math.floor(rand() * 20000) - 10000;
        sum += nets[`p${i}`]!;
      }
      nets[`p${n - 1}`] = -sum;
      check(nets);
    }
  });

  it('refuses inconsistent books', () => {
    expect(() => simplifyDebts(new Map([['a', 5], ['b', -4]]))).toThrow(/do not sum to zero/);
  });
});

describeEachDialect('group balances and settle-up', (t) => {
  let finch: Finch;
  beforeEach(async () => {
    finch = await t.open({ homeCurrency: 'USD' });
    for (const name of ['Ana', 'Bo', 'Cy']) await finch.people.add({ name });
    await finch.groups.add({ name: 'Flat', members: ['ana', 'bo', 'cy'] });
  });
  afterEach(async () => {
    await finch.close();
    await t.cleanup();
  });

  it('computes each member\'s net from who paid and the shares, per currency', async () => {
    // I pay 120 for the four of us; Ana pays 40 for the four; a EUR expense I pay for the group.
    await finch.transactions.add({ date: '2026-05-01', amount: '120.00', description: 'groceries', split: { method: 'equal', participants: [], group: 'flat' } });
    await finch.transactions.add({ date: '2026-05-02', amount: '40.00', description: 'pizza', split: { method: 'equal', participants: [], paidBy: 'ana', group: 'flat' } });
    await finch.transactions.add({ date: '2026-05-03', amount: '10.00', currency: 'EUR', description: 'bus', split: { method: 'equal', participants: [], group: 'flat' } });
    await finch.transactions.add({ date: '2026-05-04', amount: '99.00', description: 'not the group', split: 'equal:me,ana' });
    const b = await finch.groups.balances('@flat');
    expect(b.settled).toBe(false);
    const usd = b.currencies.find((c) => c.currency === 'USD')!;
    const eur = b.currencies.find((c) => c.currency === 'EUR')!;
    // me: paid 120, shares 30 + 10 → +80; Ana: paid 40, shares 30 + 10 → 0; Bo and Cy: −40 each.
    const nets = Object.fromEntries(usd.members.map((m) => [m.person, m.net]));
    expect(nets).toEqual({ me: '80.00', ana: '0.00', bo: '-40.00', cy: '-40.00' });
    expect(usd.members.reduce((a, m) => a + m.netMinor, 0)).toBe(0);
    // First what is between me and each person (Ana owes me 30 − 10), then the others among
    // themselves, so both the group nets and every balance with me end at zero.
    expect(usd.payments.map((p) => [p.from, p.to, p.amount])).toEqual([
      ['ana', 'me', '20.00'],
      ['bo', 'me', '30.00'],
      ['cy', 'me', '30.00'],
      ['bo', 'ana', '10.00'],
      ['cy', 'ana', '10.00'],
    ]);
    expect(eur.members.map((m) => [m.person, m.net])).toEqual([['me', '7.50'], ['ana', '-2.50'], ['bo', '-2.50'], ['cy', '-2.50']]);
    expect(eur.payments).toHaveLength(3);
  });

  it('settles with transfer payments in one transaction, after which every net and every balance with me is zero', async () => {
    await finch.transactions.add({ date: '2026-05-01', amount: '100.01', description: 'dinner', split: { method: 'equal', participants: [], paidBy: 'ana', group: 'flat' } });
    await finch.transactions.add({ date: '2026-05-01', amount: '13.00', description: 'taxi', split: { method: 'equal', participants: [], group: 'flat' } });
    await finch.transactions.add({ date: '2026-05-02', amount: '30.00', description: 'wine', split: { method: 'equal', participants: [], group: 'flat', paidBy: 'cy' } });
    const before = await finch.groups.balances('flat');
    const usd = before.currencies[0]!;
    expect((await finch.people.balances()).some((p) => p.currencies.length > 0)).toBe(true);
    const r = await finch.groups.settle('flat', { date: '2026-05-31' });
    expect(r.payments.map((p) => [p.from, p.to, p.amount])).toEqual(usd.payments.map((p) => [p.from, p.to, p.amount]));
    expect(r.after.settled).toBe(true);
    for (const m of r.after.currencies[0]!.members) expect(m.netMinor).toBe(0);
    for (const p of await finch.people.balances()) expect(p.currencies).toEqual([]);
    const recorded = await finch.transactions.list({ source: 'settlement' });
    expect(recorded).toHaveLength(r.payments.length);
    expect(recorded.every((x) => x.type === 'transfer' && x.category === 'transfer' && x.date === '2026-05-31')).toBe(true);
    // A payment to me is money in, one I make is money out (here I owe Ana, so the check is not vacuous).
    expect(r.payments.some((p) => p.from === 'me')).toBe(true);
    for (const p of r.payments) {
      const tx = recorded.find((x) => x.id === p.transactionId)!;
      if (p.to === 'me') expect(tx.amountMinor).toBe(p.amountMinor);
      if (p.from === 'me') expect(tx.amountMinor).toBe(-p.amountMinor);
    }
    // Settling again records nothing.
    expect((await finch.groups.settle('flat')).payments).toEqual([]);
  });

  it('rolls the whole settle-up back when one payment cannot be recorded', async () => {
    await finch.accounts.add({ name: 'Euro', currency: 'EUR' });
    await finch.transactions.add({ date: '2026-05-01', amount: '90.00', description: 'x', split: { method: 'equal', participants: [], group: 'flat' } });
    await finch.transactions.add({ date: '2026-05-01', amount: '9.00', currency: 'EUR', description: 'y', split: { method: 'equal', participants: [], group: 'flat' } });
    // Currencies settle in order: the EUR payments are written first; the USD ones cannot go through
    // a EUR account, so the whole settle-up fails and nothing stays.
    await expect(finch.groups.settle('flat', { account: 'Euro' })).rejects.toThrow(/is in EUR; the group owes in USD too/);
    expect(await finch.transactions.count({ source: 'settlement' })).toBe(0);
    expect((await finch.groups.balances('flat')).settled).toBe(false);
    const ok = await finch.groups.settle('flat');
    expect(ok.payments).toHaveLength(6);
    expect(ok.after.settled).toBe(true);
  });
});
