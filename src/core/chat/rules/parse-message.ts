import { invalid } from '../../errors/index.js';
import type { CalendarDate } from '../../calendar/index.js';
import type { CurrencyCode } from '../../money/index.js';
import { findAmount, formatAmount } from './amount.js';
import { findDate, TIME_OF_DAY } from './dates.js';
import { findMentions, findTags } from './entities.js';
import { type EntryType, entryType } from './kind.js';
import { knownMerchant } from './categorize.js';
import { chooseCategory, kindFromModel, typeOfCategory } from './classify.js';
import { readPeople } from './people.js';
import type { CategoryLearner } from './learner.js';

export interface ParseOptions {
  /** The day relative dates count from. */
  today: CalendarDate;
  /** Home currency, used when the message names none. */
  currency: CurrencyCode;
  /** What the user's own history teaches about categories. */
  learner?: CategoryLearner;
}

export interface SplitHint {
  method: 'equal' | 'exact' | 'percent' | 'shares';
  /** Handles without @; "me" is implied. */
  with: string[];
  /** "split 3 ways" with nobody named. */
  ways?: number;
  /**
   * For exact, percent and shares: each named person's part as a decimal string (an amount, a
   * percentage or a share count); `who` is a handle without @ or 'me'.
   */
  parts?: Array<{ who: string; value: string }>;
  /** The one who takes whatever the parts leave ("rest me"): a handle or 'me'. */
  rest?: string;
}

/** Money settled with a person rather than spent: "@tom paid me back 25", "paid @kate back 50". */
export interface RepaymentHint {
  /** Handle without @. */
  person: string;
  direction: 'to_me' | 'from_me';
}

export interface Suggestion {
  amount: string;
  amountMinor: number;
  currency: CurrencyCode;
  date: CalendarDate;
  description: string;
  merchant: string | null;
  category: string;
  type: EntryType;
  mentions: string[];
  tags: string[];
  split: SplitHint | null;
  /** Who paid when it was not me ("kate paid 80 for groceries"): a handle without @; null is me. */
  payer: string | null;
  /** Set when the message settles a debt with a person; `type` is then 'transfer'. */
  repayment: RepaymentHint | null;
  /** The category is a guess (the model was not sure): the card should ask. */
  categoryUncertain?: boolean;
  confidence: number;
  fieldConfidence: { amount: number; date: number; category: number; type: number };
}

export const MAX_MESSAGE_LENGTH = 2000;

function mask(text: string, spans: ReadonlyArray<readonly [number, number]>): string {
  let out = text;
  for (const [s, e] of spans) if (s >= 0 && e > s) out = out.slice(0, s) + ' '.repeat(e - s) + out.slice(e);
  return out;
}

const STOP_AFTER_AT = /^(with|for|on|yesterday|today|tonight|last|this|and|to|from|in|via|using|by|split)$/i;

function merchantFrom(masked: string, type: EntryType): string | null {
  const m = /\bat\s+([\p{L}\p{N}][\p{L}\p{N}'’&.-]*(?:\s+[\p{L}\p{N}][\p{L}\p{N}'’&.-]*){0,3})/iu.exec(masked);
  if (m) {
    const words: string[] = [];
    for (const w of m[1]!.split(/\s+/)) {
      if (STOP_AFTER_AT.test(w)) break;
      words.push(w);
    }
    if (words.length) return words.join(' ').replace(/[.,]+$/, '');
  }
  if (type === 'expense') return knownMerchant(masked);
  return null;
}

const LEADING_FILLER = /^(?:(?:i\s+)?(?:paid|spent|spend|bought|got|had|for|on|just|today)\b\s*)+/i;
const TRAILING_FILLER = /(?:\s+\b(?:on|at|for|with|to|from|of|and|in|via|the|a|split|equally|between|ways?)\b)+$/i;

function describe(masked: string): string {
  return masked
    .replace(/\bsplit(?:\s+(?:it|equally|evenly))?(?:\s+(?:with|between|among|\d+\s+ways?))?/gi, ' ')
    .replace(/[()[\]{}|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[,;:\-–]+\s*/, '')
    .replace(LEADING_FILLER, '')
    .replace(TRAILING_FILLER, '')
    .replace(/[\s,;:\-–]+$/, '')
    .trim();
}

/**
 * Turns a chat-style message into a transaction suggestion, offline, by rules:
 * `parseMessage('@john $50 lunch at pizza place', { today, currency: 'USD' })`.
 * Throws FinchError('INVALID_INPUT') with a one-line reason when there is nothing to save.
 */
export function parseMessage(raw: string, options: ParseOptions): Suggestion {
  if (raw.length > MAX_MESSAGE_LENGTH) throw invalid(`the message is ${raw.length} characters; finch reads up to ${MAX_MESSAGE_LENGTH}`);
  const text = raw.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]+/g, ' ').trim();
  if (!text) throw invalid('the message is empty');

  const mentions = findMentions(text);
  const tags = findTags(text);
  const people = readPeople(text, mentions.values);
  let masked = mask(text, [...mentions.spans, ...tags.spans, ...people.spans]);
  masked = masked.replace(TIME_OF_DAY, (m) => ' '.repeat(m.length));
  const date = findDate(masked, options.today);
  masked = mask(masked, [[date.start, date.end]]);
  const amount = findAmount(masked, options.currency);
  const rest = mask(masked, amount.spans);

  const kind = entryType(text);
  let type = kind.type;
  const merchant = merchantFrom(rest, type);
  // Mentions read as names in the description ("dinner with kate"), except one opening the message.
  const leading = mentions.spans.filter(([s]) => s === text.search(/\S/));
  const times = [...text.matchAll(TIME_OF_DAY)].map((m) => [m.index, m.index + m[0].length] as const);
  const descSource = mask(text, [...tags.spans, ...leading, ...times, ...people.spans, [date.start, date.end], ...amount.spans]);
  // a repayment keeps its whole sentence ("lisa paid me back"): trimmed, it would read "me back"
  const descText = people.repayment ? mask(text, [...tags.spans, ...times, [date.start, date.end], ...amount.spans]).replace(/\s+/g, ' ').trim() : null;
  const description = descText?.replace(/@(?=[\p{L}\p{N}])/gu, '') || describe(descSource.replace(/@(?=[\p{L}\p{N}])/gu, '').replace(/(\p{L})['’]s\b/gu, '$1')) || merchant || 'entry';
  // The sentence decides the kind when it says it; else the category does ("Gehalt" is income).
  let category = chooseCategory(rest, merchant, kind.matched ? type : undefined, options.learner);
  if (!kind.matched) {
    const implied = typeOfCategory(category.category);
    // a shop the lexicon names ("Erstattung Amazon") yields only to a model that is very sure
    const read = kindFromModel(rest, category.source === 'lexicon' ? 0.9 : 0.6);
    if (read && read.type !== 'expense' && category.source !== 'history') type = read.type;
    else if (implied !== 'expense' && category.confidence >= 0.5) type = implied;
    if (type !== implied) category = chooseCategory(rest, merchant, type, options.learner);
  }
  if (category.category === 'investments' && type === 'expense') type = 'transfer';
  // money from a person ("received 250 from @mom") is never a salary
  if (type === 'income' && category.category === 'salary' && category.source === 'model' && mentions.values.length) category = { ...category, category: 'other_income' };
  if (people.repayment) {
    type = 'transfer';
    category = { category: 'transfer', confidence: 0.9, uncertain: false, source: 'lexicon' };
  }
  const split = people.split;

  const fieldConfidence = {
    amount: amount.confidence,
    date: date.confidence,
    category: category.confidence,
    type: kind.confidence,
  };
  const confidence = Math.round((fieldConfidence.amount * 0.4 + fieldConfidence.date * 0.2 + fieldConfidence.category * 0.25 + fieldConfidence.type * 0.15) * 100) / 100;
  return {
    amount: formatAmount(amount.minor, amount.currency),
    amountMinor: amount.minor,
    currency: amount.currency,
    date: date.date,
    description,
    merchant,
    category: category.category,
    type,
    mentions: mentions.values,
    tags: tags.values,
    split,
    payer: people.payer,
    repayment: people.repayment,
    categoryUncertain: category.uncertain,
    confidence,
    fieldConfidence,
  };
}
