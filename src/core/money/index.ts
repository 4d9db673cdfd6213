export { type CurrencyCode, currencyCode, isCurrencyCode, minorDigits, currencyName } from './currency.js';
export { MAX_MINOR, decimalToMinor, minorToDecimal, formatMoney, allocate } from './decimal.js';
export { readNumber } from './notation.js';
export { type Ratio, ratioOf, divRoundHalfEven, convertMinor, convertAtRate } from './convert.js';

import type { CurrencyCode } from './currency.js';
/** An amount of money: integer minor units of one currency. Never a float. */
export interface Money {
  readonly minor: number;
  readonly currency: CurrencyCode;
}
