import { describe, expect, it } from 'vitest';
import { allocate, currencyCode, decimalToMinor, formatMoney, minorDigits, minorToDecimal, readNumber } from '../../../src/core/money/index.js';

describe('currencies', () => {
  it('takes minor digits from the ISO 4217 list, not Intl', () => {
    expect(minorDigits(currencyCode('usd'))).toBe(2);
    expect(minorDigits(currencyCode('JPY'))).toBe(0);
    expect(minorDigits(currencyCode('KWD'))).toBe(3);
    expect(minorDigits(currencyCode('HUF'))).toBe(2);
    expect(minorDigits(currencyCode('IDR'))).toBe(2);
  });
  it('rejects codes that are not currencies', () => {
    expect(() => currencyCode('ABC')).toThrow(/unknown currency code "ABC"/);
    expect(() => currencyCode('XXX')).toThrow(/unknown currency/);
    expect(() => currencyCode('US')).toThrow(/unknown currency/);
  });
});

describe('decimal amounts', () => {
  const usd = currencyCode('USD');
  const jpy = currencyCode('JPY');
  const kwd = currencyCode('KWD');
  it('converts decimal strings to integer minor units without floats', () => {
    expect(decimalToMinor('12.5', usd)).toBe(1250);
    expect(decimalToMinor('-0.07', usd)).toBe(-7);
    expect(decimalToMinor('0.1', usd) + decimalToMinor('0.2', usd)).toBe(30);
    expect(decimalToMinor('1200', jpy)).toBe(1200);
    expect(decimalToMinor('1.234', kwd)).toBe(1234);
    expect(decimalToMinor('19.990', usd)).toBe(1999);
  });
  it('refuses more precision than the currency has, and non-numbers', () => {
    expect(() => decimalToMinor('1.234', usd)).toThrow(/USD has 2 decimal places/);
    expect(() => decimalToMinor('12.5', jpy)).toThrow(/JPY has 0 decimal places/);
    expect(() => decimalToMinor('12,50', usd)).toThrow(/invalid amount/);
    expect(() => decimalToMinor('1e5', usd)).toThrow(/invalid amount/);
    expect(() => decimalToMinor('99999999999999999999', usd)).toThrow(/too large/);
  });
  it('formats minor units back to decimal strings with the right digits', () => {
    expect(minorToDecimal(123456, usd)).toBe('1234.56');
    expect(minorToDecimal(-5, usd)).toBe('-0.05');
    expect(minorToDecimal(1200, jpy)).toBe('1200');
    expect(minorToDecimal(1, kwd)).toBe('0.001');
    expect(formatMoney(-123456789, usd)).toBe('-1,234,567.89 USD');
  });
});

describe('number notations', () => {
  it.each([
    ['1,234.56', '1234.56'],
    ['1.234,56', '1234.56'],
    ['1 234,56', '1234.56'],
    ["1'234.50", '1234.50'],
    ['1,20,000', '120000'],
    ['12,34,567.89', '1234567.89'],
    ['41,87', '41.87'],
    ['1,850', '1850'],
    ['12.5', '12.5'],
    ['0.99', '0.99'],
    ['1.234.567', '1234567'],
  ])('reads %s as %s', (text, expected) => {
    expect(readNumber(text)).toBe(expected);
  });
  it('uses the document decimal mark for ambiguous groups', () => {
    expect(readNumber('1.234', ',')).toBe('1234');
    expect(readNumber('1,234', ',')).toBe('1.234');
  });
  it('rejects malformed numbers', () => {
    expect(readNumber('1,2345,6')).toBeNull();
    expect(readNumber('12a')).toBeNull();
    expect(readNumber('')).toBeNull();
    expect(readNumber('1,23,4')).toBeNull();
  });
});

describe('allocate', () => {
  it('always sums exactly to the total and gives remainders deterministically', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(1000, [50, 30, 20])).toEqual([500, 300, 200]);
    expect(allocate(1, [1, 1])).toEqual([1, 0]);
    for (let total = 0; total < 500; total += 7) {
      const parts = allocate(total, [3, 1, 2, 7]);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
    }
  });
  it('refuses impossible weights', () => {
    expect(() => allocate(10, [])).toThrow();
    expect(() => allocate(10, [0, 0])).toThrow();
    expect(() => allocate(10, [-1, 2])).toThrow();
  });
});
