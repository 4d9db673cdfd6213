import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../../src/core/chat/rules/index.js';
import { toCalendarDate } from '../../../../src/core/calendar/index.js';
import { currencyCode } from '../../../../src/core/money/index.js';

const opts = { today: toCalendarDate('2026-12-01'), currency: currencyCode('USD') };
const read = (text: string, home = 'USD') => {
  const s = parseMessage(text, { ...opts, currency: currencyCode(home) });
  return `${s.amount} ${s.currency}`;
};

describe('amounts read from the sentence', () => {
  it.each([
    ['dinner 85 + 15 tip', '100.00 USD'],
    ['pizza 22 plus 4 delivery', '26.00 USD'],
    ['2 lattes @ 4.75 each', '9.50 USD'],
    ['museum 2 tickets 25 each', '50.00 USD'],
    ['4 tacos 12 and 2 horchatas 7', '19.00 USD'],
    ['beers 3 x 12', '36.00 USD'],
    ['coffees for the team 6 x 4.50', '27.00 USD'],
    ['dinner 80 + 20% tip', '96.00 USD'],
  ])('totals: %s → %s', (text, want) => expect(read(text)).toBe(want));

  it.each([
    ['phone bill 65 for 2 lines', '65.00 USD'],
    ['paid 15 for 2 movie tickets', '15.00 USD'],
    ['3 kids haircuts 45', '45.00 USD'],
    ['ordered 2 pizzas 31', '31.00 USD'],
    ['room 412 minibar 18', '18.00 USD'],
    ['bought 0.01 btc for 650', '650.00 USD'],
    ['2 kg apples 5.40', '5.40 USD'],
    ['rema 1000 kr 410 oslo', '410.00 NOK'],
  ])('counts and quantities are not the amount: %s → %s', (text, want) => expect(read(text)).toBe(want));

  it.each([
    ['$20 off coupon, paid 45 for shoes', '45.00 USD'],
    ['jacket 120 minus 30 discount', '90.00 USD'],
    ['shoes 80 with 25% off', '60.00 USD'],
  ])('discounts: %s → %s', (text, want) => expect(read(text)).toBe(want));

  it.each([
    ['fifty bucks for gas', '50.00 USD'],
    ['paid twenty for parking', '20.00 USD'],
    ['a hundred bucks on groceries', '100.00 USD'],
    ['two hundred fifty for the electrician', '250.00 USD'],
    ['forty euros for the babysitter', '40.00 EUR'],
    ['zwanzig Euro für Parken', '20.00 EUR'],
    ['fünfundzwanzig euro taxi', '25.00 EUR'],
    ['veinte pesos de propina', '20.00 MXN'],
    ['cinquante euros retirés', '50.00 EUR'],
    ['dez reais de pão', '10.00 BRL'],
    ['treinta y cinco euros cena', '35.00 EUR'],
    ['paanch sau ka recharge', '500.00 USD'],
    ['a fiver for the car wash', '5.00 GBP'],
  ])('number words: %s → %s', (text, want) => expect(read(text)).toBe(want));

  it.each([
    ['salaire 2 450 €', '2450.00 EUR'],
    ['hostel prague 1 450 Kč', '1450.00 CZK'],
    ['rent CHF 1\'850', '1850.00 CHF'],
    ['salary ₹1,25,000', '125000.00 INR'],
    ['pivo 65 Kč', '65.00 CZK'],
    ['phở 65.000₫', '65000 VND'],
    ['Gehalt 3.480,00 €', '3480.00 EUR'],
  ])('grouping by locale: %s → %s', (text, want) => expect(read(text)).toBe(want));

  it('a space between digits is a thousands group only next to a currency', () => {
    expect(read('paid 2 450 for 3 things')).not.toBe('2450.00 USD');
  });
});
