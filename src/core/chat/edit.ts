import { toCalendarDate } from '../calendar/index.js';
import { invalid } from '../errors/index.js';
import { currencyCode, decimalToMinor, minorToDecimal } from '../money/index.js';
import type { Suggestion } from './rules/index.js';

export const EDITABLE_FIELDS = ['amount', 'currency', 'date', 'description', 'merchant', 'category', 'type', 'mentions', 'tags'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

const listOf = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((x) => x.replace(/^[@#]/, '').toLowerCase())
    .filter(Boolean);

/** Returns the suggestion with one field changed by a person, validated like any other input. */
export function editSuggestion(s: Suggestion, field: EditableField, value: string, knownCategories: readonly string[]): Suggestion {
  const v = value.trim();
  switch (field) {
    case 'amount': {
      const minor = Math.abs(decimalToMinor(v.replace(/^[+-]/, ''), s.currency));
      if (minor === 0) throw invalid('amount must not be zero');
      return { ...s, amountMinor: minor, amount: minorToDecimal(minor, s.currency) };
    }
    case 'currency': {
      const currency = currencyCode(v);
      const minor = Math.abs(decimalToMinor(s.amount, currency));
      return { ...s, currency, amountMinor: minor, amount: minorToDecimal(minor, currency) };
    }
    case 'date':
      return { ...s, date: toCalendarDate(v) };
    case 'description':
      if (!v) throw invalid('description must not be empty');
      return { ...s, description: v };
    case 'merchant':
      return { ...s, merchant: v || null };
    case 'category': {
      const slug = v.toLowerCase();
      if (!knownCategories.includes(slug)) throw invalid(`unknown category "${v}"`, 'category');
      return { ...s, category: slug };
    }
    case 'type':
      if (v !== 'expense' && v !== 'income' && v !== 'transfer') throw invalid('type is expense, income or transfer');
      return { ...s, type: v };
    case 'mentions':
      return { ...s, mentions: listOf(v) };
    case 'tags':
      return { ...s, tags: listOf(v) };
  }
}
