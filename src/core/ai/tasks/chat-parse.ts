import { z } from 'zod';
import type { CalendarDate } from '../../calendar/index.js';
import { tryCalendarDate } from '../../calendar/index.js';
import type { Suggestion } from '../../chat/index.js';
import { DEFAULT_CATEGORY_SLUGS } from '../../ledger/index.js';
import { type CurrencyCode, currencyCode, decimalToMinor, isCurrencyCode } from '../../money/index.js';
import type { AiClient, AiResult } from '../client.js';

export interface AiParseMessageOptions {
  /** The day relative dates ("yesterday", "last friday") resolve against. */
  today: CalendarDate;
  /** The currency when the message names none (usually the home currency). */
  currency: CurrencyCode | string;
  /** Category slugs the model may choose from. Default: DEFAULT_CATEGORY_SLUGS. */
  categories?: readonly string[];
  signal?: AbortSignal;
}

const DECIMAL = /^\d+(?:\.\d+)?$/;
const YMD = /^\d{4}-\d{2}-\d{2}$/;
const unit = z.number().min(0).max(1);

/**
 * What the model must answer. Formats are checked with refinements rather than JSON Schema
 * `pattern`/`minLength`, which not every provider's structured output accepts; a value that fails
 * them (an unknown currency, a day that does not exist, 3 decimals for USD) is invalid output, so
 * the client retries and falls back exactly as for broken JSON.
 */
export function chatSuggestionSchema(categories: readonly string[]) {
  return z
    .object({
      amount: z
        .string()
        .describe('positive decimal, "." as decimal point, no thousands separators or symbols (1.5k → "1500")')
        .refine((v) => DECIMAL.test(v), 'amount must be a positive decimal such as 12.50'),
      currency: z
        .string()
        .describe('ISO 4217 code, upper case')
        .refine((v) => isCurrencyCode(v) && v === v.toUpperCase(), 'currency must be an ISO 4217 code'),
      date: z
        .string()
        .describe('YYYY-MM-DD')
        .refine((v) => YMD.test(v) && tryCalendarDate(v) !== null, 'date must be a real day as YYYY-MM-DD'),
      description: z
        .string()
        .describe('short description of what it was, in the words of the message')
        .refine((v) => v.trim().length > 0 && v.length <= 200, 'description must be 1–200 characters'),
      merchant: z.string().nullable().describe('shop, company or payee, or null'),
      category: z.enum(categories as [string, ...string[]]),
      type: z.enum(['expense', 'income', 'transfer']),
      mentions: z.array(z.string()).describe('names written with @ in the message, without the @'),
      tags: z.array(z.string()).describe('words written with # in the message, without the #'),
      split: z
        .object({ with: z.array(z.string()).describe('the people it is shared with, as written (without @)') })
        .nullable()
        .describe('set when the message says the cost is split or shared equally; otherwise null'),
      confidence: unit.describe('0–1: how sure you are about the whole answer'),
      fieldConfidence: z.object({ amount: unit, date: unit, category: unit, type: unit }),
    })
    .superRefine((v, ctx) => {
      if (!DECIMAL.test(v.amount) || !isCurrencyCode(v.currency)) return;
      try {
        const minor = decimalToMinor(v.amount, currencyCode(v.currency));
        if (minor <= 0) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'amount must be more than zero' });
      } catch (e) {
        ctx.addIssue({ code: 'custom', path: ['amount'], message: (e as Error).message });
      }
    });
}

function systemPrompt(o: { today: CalendarDate; currency: string; categories: readonly string[] }): string {
  return [
    'You read one short message a person typed about money and turn it into a transaction for their personal-finance ledger.',
    `Today is ${o.today}. The default currency is ${o.currency}.`,
    'Rules:',
    '- amount: the money amount as a positive plain decimal ("1,234.56" → "1234.56", "1.234,56" → "1234.56", "1,20,000" → "120000", "1.5k" → "1500"). Never negative.',
    `- currency: the ISO 4217 code the message names ($ → USD, € → EUR, £ → GBP, ₹ or rs → INR, ¥ → JPY, "bucks" → USD); ${o.currency} when it names none.`,
    '- date: YYYY-MM-DD. Resolve relative dates against today; a weekday or date with no year means the most recent one on or before today. No date → today.',
    '- type: "expense" unless the message clearly says money came in (salary, got paid, received, refund, sold) → "income", or moved between the person\'s own accounts → "transfer".',
    `- category: exactly one of: ${o.categories.join(', ')}.`,
    '- description: a few words; merchant: the shop or payee if named, else null.',
    '- mentions: every @name in the message, without "@"; tags: every #tag, without "#". Empty lists when there are none.',
    '- split: when the message says the cost is split or shared, {"with": [the names]}, else null.',
    '- confidence and fieldConfidence: 0–1, lower when you had to guess.',
    'Answer with the JSON object only.',
  ].join('\n');
}

const clamp = (n: number) => Math.min(1, Math.max(0, n));
const bare = (s: string, mark: string) => s.trim().replace(new RegExp(`^\\${mark}+`), '').trim();

/**
 * Parses a chat message with AI into a suggestion of the same shape the rules parser makes.
 * Throws FinchError 'AI_UNAVAILABLE' / 'RATE_LIMITED' when no provider could answer (the caller
 * falls back to rules); `notes` says what happened along the way.
 *
 * ```ts
 * const { value: suggestion, provider, notes } = await aiParseMessage(ai, 'dinner 45 with @sam #trip', { today, currency: 'USD' });
 * ```
 */
export async function aiParseMessage(ai: AiClient, text: string, options: AiParseMessageOptions): Promise<AiResult<Suggestion>> {
  const currency = currencyCode(String(options.currency));
  const categories = options.categories?.length ? options.categories : DEFAULT_CATEGORY_SLUGS;
  const schema = chatSuggestionSchema(categories);
  const result = await ai.complete({
    purpose: 'chat-parse',
    system: systemPrompt({ today: options.today, currency, categories }),
    prompt: `Message:\n"""\n${text.slice(0, 4000)}\n"""`,
    schema,
    schemaName: 'transaction_suggestion',
    maxOutputTokens: 1024,
    signal: options.signal,
  });
  const v = result.value;
  const code = currencyCode(v.currency);
  const inText = (name: string) => text.toLowerCase().includes(name.toLowerCase());
  const names = (list: string[], mark: string) => [...new Set(list.map((s) => bare(s, mark)).filter((s) => s.length > 0 && inText(s)))];
  const mentions = names(v.mentions, '@');
  const splitWith = v.split ? names(v.split.with, '@') : [];
  const suggestion: Suggestion = {
    amount: v.amount.replace(/^0+(?=\d)/, ''),
    amountMinor: decimalToMinor(v.amount, code),
    currency: code,
    date: tryCalendarDate(v.date)!,
    description: v.description.trim(),
    merchant: v.merchant?.trim() ? v.merchant.trim() : null,
    category: v.category,
    type: v.type,
    mentions,
    tags: [...new Set(v.tags.map((t) => bare(t, '#').toLowerCase()).filter((t) => t.length > 0))],
    split: v.split && splitWith.length > 0 ? { method: 'equal', with: splitWith } : null,
    payer: null,
    repayment: null,
    confidence: clamp(v.confidence),
    fieldConfidence: {
      amount: clamp(v.fieldConfidence.amount),
      date: clamp(v.fieldConfidence.date),
      category: clamp(v.fieldConfidence.category),
      type: clamp(v.fieldConfidence.type),
    },
  };
  return { ...result, value: suggestion };
}
