import { z } from 'zod';
import { type CurrencyCode, currencyCode, decimalToMinor } from '../../money/index.js';
import type { AiClient, AiResult } from '../client.js';

/** What the budget-suggest task sends: spending history per category, in decimal strings. */
export interface BudgetHistoryInput {
  /** The month the budget is for, YYYY-MM. */
  month: string;
  currency: CurrencyCode | string;
  /** The months of history, oldest first. */
  months: string[];
  categories: Array<{ category: string; monthly: string[]; median: string; trend: string }>;
  /** Monthly income over the same months, when any was recorded. */
  income: string[];
  /** Category slugs the model may use. */
  allowed: readonly string[];
  signal?: AbortSignal;
}

export interface AiBudgetLine {
  category: string;
  amountMinor: number;
  amount: string;
  note: string;
}

export interface AiBudgetSuggestion {
  lines: AiBudgetLine[];
  summary: string;
}

const DECIMAL = /^\d+(?:\.\d+)?$/;

/** The answer's shape: formats are refinements, so a bad value is invalid output (retry, then fall back). */
export function budgetSuggestionSchema(allowed: readonly string[], currency: CurrencyCode) {
  return z.object({
    lines: z
      .array(
        z.object({
          category: z.enum(allowed as [string, ...string[]]),
          amount: z
            .string()
            .describe(`monthly amount in ${currency}, a plain positive decimal, "." as decimal point`)
            .refine((v) => {
              if (!DECIMAL.test(v)) return false;
              try {
                return decimalToMinor(v, currency) >= 0;
              } catch {
                return false;
              }
            }, `amount must be a decimal with at most the currency's decimal places`),
          note: z.string().describe('one short reason, e.g. "rising: last two months above the median"'),
        }),
      )
      .refine((lines) => new Set(lines.map((l) => l.category)).size === lines.length, 'each category at most once'),
    summary: z.string().describe('one or two sentences for the person'),
  });
}

/**
 * Asks the AI layer for a monthly budget from the spending history. Throws FinchError
 * 'AI_UNAVAILABLE' / 'RATE_LIMITED' like every AI task; the caller falls back to the rules.
 */
export async function aiSuggestBudget(ai: AiClient, input: BudgetHistoryInput): Promise<AiResult<AiBudgetSuggestion>> {
  const currency = currencyCode(String(input.currency));
  const schema = budgetSuggestionSchema(input.allowed, currency);
  const system = [
    'You propose a realistic monthly budget for a personal-finance ledger from the person\'s recent spending.',
    `All amounts are in ${currency}; answer amounts as plain decimals.`,
    'Base each category on its median and its trend; round to sensible amounts; leave out categories with no spending unless needed.',
    `Use only these category slugs: ${input.allowed.join(', ')}.`,
    'Answer with the JSON object only.',
  ].join('\n');
  const table = input.categories.map((c) => `${c.category}: ${c.monthly.join(', ')} (median ${c.median}, ${c.trend})`).join('\n');
  const prompt = [
    `Budget month: ${input.month}`,
    `History months: ${input.months.join(', ')}`,
    `Income per month: ${input.income.length ? input.income.join(', ') : 'unknown'}`,
    'Spending per category per month:',
    table || '(none)',
  ].join('\n');
  const result = await ai.complete({ purpose: 'budget-suggest', system, prompt, schema, schemaName: 'budget_suggestion', maxOutputTokens: 2048, signal: input.signal });
  const lines = result.value.lines.map((l) => {
    const amountMinor = decimalToMinor(l.amount, currency);
    return { category: l.category, amountMinor, amount: l.amount, note: l.note.trim().slice(0, 200) };
  });
  return { ...result, value: { lines, summary: result.value.summary.trim().slice(0, 500) } };
}
