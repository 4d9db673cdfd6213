import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../../src/core/chat/rules/index.js';
import { resolveCurrency } from '../../../../src/core/chat/rules/currency.js';
import { toCalendarDate } from '../../../../src/core/calendar/index.js';
import { currencyCode } from '../../../../src/core/money/index.js';

const cur = (text: string, home = 'USD') => parseMessage(text, { today: toCalendarDate('2026-12-01'), currency: currencyCode(home) }).currency;

describe('currencies from data', () => {
  it.each([
    ['doner kebab 180 lira', 'TRY'],
    ['migros 640 TL', 'TRY'],
    ['pad thai 80 baht', 'THB'],
    ['7-eleven ฿65', 'THB'],
    ['almuerzo 180 pesos', 'MXN'],
    ['almoço 45 reais', 'BRL'],
    ['tesco 32 quid', 'GBP'],
    ['tram 30 Kč', 'CZK'],
    ['grab bike 38.000 ₫', 'VND'],
    ['chicken rice S$5.50', 'SGD'],
    ['obiad 42 zł', 'PLN'],
    ['kimchi jjigae ₩9,000', 'KRW'],
    ['t-money 20,000 won', 'KRW'],
    ['family mart 540円', 'JPY'],
    ['uber 85 rand', 'ZAR'],
    ['woolworths R 412', 'ZAR'],
    ['sbb ticket fr. 34.60', 'CHF'],
    ['bus 300 forint', 'HUF'],
    ['tuk tuk 2000 riel', 'KHR'],
  ])('%s → %s', (text, want) => expect(cur(text)).toBe(want));

  it('"won" before a number is the verb, not the currency', () => {
    expect(cur('won 50 at trivia night')).toBe('USD');
  });

  it('ambiguous symbols go by the home currency, then a place or merchant named, then the usual meaning', () => {
    expect(cur('ICA 312 kr')).toBe('SEK');
    expect(cur('netto 189 kr copenhagen')).toBe('DKK');
    expect(cur('rema 1000 kr 410')).toBe('NOK');
    expect(cur('kr 120 lunch', 'NOK')).toBe('NOK');
    expect(cur('didi ride ¥38 in shanghai')).toBe('CNY');
    expect(cur('ramen ¥1,100')).toBe('JPY');
    expect(cur('$20 lunch', 'AUD')).toBe('AUD');
    expect(cur('parrilla 25.000 pesos argentinos')).toBe('ARS');
    // a country's name comes from currency-codes, not a hand list
    expect(resolveCurrency(['MXN', 'ARS', 'COP', 'CLP'], 'dinner in colombia', 'USD')).toBe('COP');
  });
});
