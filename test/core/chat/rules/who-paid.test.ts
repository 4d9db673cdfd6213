import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../../src/core/chat/rules/index.js';
import { toCalendarDate } from '../../../../src/core/calendar/index.js';
import { currencyCode } from '../../../../src/core/money/index.js';

const p = (text: string) => parseMessage(text, { today: toCalendarDate('2026-12-01'), currency: currencyCode('USD') });

describe('splits said in words', () => {
  it('exact parts with the rest to me', () => {
    const s = p('dinner 90 @kate 30 @tom 20 rest me');
    expect(s.amount).toBe('90.00');
    expect(s.split).toEqual({ method: 'exact', with: ['kate', 'tom'], parts: [{ who: 'kate', value: '30' }, { who: 'tom', value: '20' }], rest: 'me' });
  });
  it('percentages, me first', () => {
    const s = p('split 100 60/40 with @kate');
    expect(s.amount).toBe('100.00');
    expect(s.split).toEqual({ method: 'percent', with: ['kate'], parts: [{ who: 'me', value: '60' }, { who: 'kate', value: '40' }] });
  });
  it('shares, by ratio or by words', () => {
    expect(p('airbnb 600 split 2:1 with @max')).toMatchObject({ amount: '600.00', split: { method: 'shares', parts: [{ who: 'me', value: '2' }, { who: 'max', value: '1' }] } });
    expect(p('groceries 96 @rob pays 1 share me 2')).toMatchObject({ amount: '96.00', split: { method: 'shares', parts: [{ who: 'rob', value: '1' }, { who: 'me', value: '2' }] } });
  });
  it('equal with a group, with people, or n ways', () => {
    expect(p('cleaning supplies 23.10 equal:@flat')).toMatchObject({ amount: '23.10', split: { method: 'equal', with: ['flat'] } });
    expect(p('movie night 48 @amy @raj equal').split).toEqual({ method: 'equal', with: ['amy', 'raj'] });
    expect(p('trip gas 90 split 3 ways').split).toEqual({ method: 'equal', with: [], ways: 3 });
  });
  it('a mention next to the only number is not a split part', () => {
    expect(p('dinner with @kate 64.20')).toMatchObject({ amount: '64.20', split: null });
    expect(p('dinner at 8:30 with @sam 52')).toMatchObject({ amount: '52.00', split: null });
    // a currency sign makes it the total, and "20th" is a day, not a second number
    expect(p("@sam $42.50 dinner at luigi's on 20th nov")).toMatchObject({ amount: '42.50', split: null, date: '2026-11-20' });
  });
});

describe('who paid', () => {
  it('someone else paid', () => {
    expect(p('kate paid 80 for groceries')).toMatchObject({ payer: 'kate', amount: '80.00', type: 'expense', category: 'groceries' });
    expect(p('@anna paid 45 for the uber')).toMatchObject({ payer: 'anna', type: 'expense' });
    expect(p('dinner 60 @nina paid')).toMatchObject({ payer: 'nina', amount: '60.00' });
    expect(p('cab 30 i owe @omar half')).toMatchObject({ payer: 'omar', split: { method: 'equal', with: ['omar'] } });
  });
  it('a word that is not a person does not pay', () => {
    expect(p('rent paid 2100').payer).toBeNull();
    expect(p('freelance invoice paid 600').payer).toBeNull();
    expect(p('paid 14 for sushi').payer).toBeNull();
  });
  it('a debt to me is an exact part', () => {
    expect(p('@tom owes me 15 for cinema')).toMatchObject({ amount: '15.00', payer: null, split: { method: 'exact', with: ['tom'], parts: [{ who: 'tom', value: '15' }] } });
  });
});

describe('repayments', () => {
  it.each([
    ['@lisa paid me back 60', 'lisa', 'to_me', '60.00'],
    ['got 25 back from @tom', 'tom', 'to_me', '25.00'],
    ["@ana venmo'd me 23", 'ana', 'to_me', '23.00'],
    ['@jen zelled me 75', 'jen', 'to_me', '75.00'],
    ['paid @jake back 40', 'jake', 'from_me', '40.00'],
    ['paid back @sam 12', 'sam', 'from_me', '12.00'],
    ['@lena hat mir 20 € zurückgezahlt', 'lena', 'to_me', '20.00'],
    ['@pablo me devolvió 30 €', 'pablo', 'to_me', '30.00'],
    ["@julie m'a remboursé 25 €", 'julie', 'to_me', '25.00'],
    ['@bia me pagou 50 reais', 'bia', 'to_me', '50.00'],
    ['@ravi ne 500 wapas diye', 'ravi', 'to_me', '500.00'],
  ])('%s', (text, person, direction, amount) => {
    const s = p(text);
    expect(s).toMatchObject({ type: 'transfer', amount, repayment: { person, direction } });
  });
  it('a repayment keeps its sentence as the description', () => {
    expect(p('@lisa paid me back 60').description).toBe('lisa paid me back');
  });
  it('money received from a person without a debt is income, not a repayment', () => {
    expect(p('received 250 from @mom')).toMatchObject({ type: 'income', category: 'other_income', repayment: null });
  });
});
