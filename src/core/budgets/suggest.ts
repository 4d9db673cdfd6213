import type { Ctx } from '../db/index.js';
import { FinchError, invalid, isFinchError } from '../errors/index.js';
import { type CalendarMonth, monthOf, today, toCalendarMonth } from '../calendar/index.js';
import { type CurrencyCode, currencyCode, minorToDecimal } from '../money/index.js';
import { listCategories } from '../ledger/index.js';
import type { AiClient } from '../ai/index.js';
import { history, type CategoryHistory } from './history.js';
import { type ApplyResult, writePlan } from './budgets.js';

export interface SuggestedLine {
  category: string;
  amountMinor: number;
  amount: string;
  /** Median monthly spending over the window. */
  median: string;
  /** Spending per month of the window, oldest first. */
  monthly: string[];
  trend: CategoryHistory['trend'];
  note: string;
}

export interface BudgetSuggestion {
  month: CalendarMonth;
  currency: CurrencyCode;
  /** The months looked at, oldest first. */
  months: CalendarMonth[];
  /** Who made it: the rules, or the AI provider that answered. */
  source: 'rules' | 'ai';
  provider: string | null;
  lines: SuggestedLine[];
  total: string;
  /** Median monthly income over the window, when any was recorded. */
  income: string | null;
  summary: string;
  /** What happened on the way (e.g. "AI unavailable: …; used the rules"). */
  notes: string[];
}

export interface SuggestOptions {
  /** The month to budget (default: the current month). History is the months before it. */
  month?: string;
  /** 3 to 6 (default 3). */
  months?: number;
  currency?: string;
  /** Ask the AI layer first; fall back to the rules when it cannot answer. */
  ai?: boolean;
  /** Creates the AI client on demand (the Finch object passes one). */
  aiClient?: () => Promise<AiClient>;
  aiSuggest?: typeof import('../ai/index.js').aiSuggestBudget;
}

const TREND_NOTE: Record<CategoryHistory['trend'], string> = {
  rising: 'rising: recent months above earlier ones',
  falling: 'falling: recent months below earlier ones',
  steady: 'steady',
  new: 'new: no spending in the earlier months',
};

/**
 * Proposes a budget from the last months of history: by rules (the median monthly spend per
 * category, with a trend note), or through the AI layer when asked and available, falling back to
 * the rules and saying so.
 */
export async function suggestBudget(ctx: Ctx, o: SuggestOptions = {}): Promise<BudgetSuggestion> {
  const month = o.month ? toCalendarMonth(o.month) : monthOf(today());
  const count = o.months ?? 3;
  if (!Number.isInteger(count) || count < 3 || count > 6) throw invalid('look at 3 to 6 months of history (--months)');
  const currency = o.currency ? currencyCode(o.currency) : ctx.homeCurrency;
  const hist = await history(ctx, month, count, currency);
  const dec = (m: number) => minorToDecimal(m, currency);
  const window = hist.months.length ? `${hist.months[0]}…${hist.months[hist.months.length - 1]}` : `the ${count} months before ${month}`;
  const income = hist.incomeMedianMinor > 0 ? dec(hist.incomeMedianMinor) : null;
  const notes: string[] = [];
  if (hist.months.length < count) notes.push(`the ledger began ${hist.months.length ? `in ${hist.months[0]}` : `after ${month}`}: ${hist.months.length} of the ${count} months looked at have history`);
  const byCategory = new Map(hist.categories.map((h) => [h.category.slug, h]));

  const rules = (): BudgetSuggestion => {
    const lines = hist.categories.map((h) => ({
      category: h.category.slug,
      amountMinor: h.medianMinor,
      amount: dec(h.medianMinor),
      median: dec(h.medianMinor),
      monthly: h.monthly.map(dec),
      trend: h.trend,
      note: TREND_NOTE[h.trend],
    }));
    const total = lines.reduce((a, l) => a + l.amountMinor, 0);
    const summary =
      lines.length === 0
        ? `no spending recorded in ${window}; nothing to suggest`
        : `median monthly spending of ${window}: ${dec(total)} ${currency}${income ? ` against a median income of ${income} ${currency}` : ''}`;
    return { month, currency, months: hist.months, source: 'rules', provider: null, lines, total: dec(total), income, summary, notes };
  };

  if (!o.ai) return rules();
  if (hist.categories.length === 0) {
    notes.push(`no spending recorded in ${window}; nothing to ask the AI about, used the rules`);
    return rules();
  }
  if (!o.aiClient || !o.aiSuggest) throw new FinchError('AI_UNAVAILABLE', 'AI is not available here');
  const client = await o.aiClient();
  if ((await client.chain()).length === 0) {
    notes.push('no AI provider is configured (set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY, or finch ai set-key); used the rules');
    return rules();
  }
  const allowed = (await listCategories(ctx)).filter((c) => c.kind !== 'income').map((c) => c.slug);
  try {
    const answer = await o.aiSuggest(client, {
      month,
      currency,
      months: hist.months,
      categories: hist.categories.map((h) => ({ category: h.category.slug, monthly: h.monthly.map(dec), median: dec(h.medianMinor), trend: h.trend })),
      income: hist.incomeMonthly.some((m) => m > 0) ? hist.incomeMonthly.map(dec) : [],
      allowed,
    });
    notes.push(...answer.notes);
    const lines = answer.value.lines.map((l) => {
      const h = byCategory.get(l.category);
      return {
        category: l.category,
        amountMinor: l.amountMinor,
        amount: dec(l.amountMinor),
        median: dec(h?.medianMinor ?? 0),
        monthly: h ? h.monthly.map(dec) : hist.months.map(() => dec(0)),
        trend: h?.trend ?? ('new' as const),
        note: l.note,
      };
    });
    const total = lines.reduce((a, l) => a + l.amountMinor, 0);
    return { month, currency, months: hist.months, source: 'ai', provider: answer.provider, lines, total: dec(total), income, summary: answer.value.summary, notes };
  } catch (e) {
    if (isFinchError(e) && (e.code === 'AI_UNAVAILABLE' || e.code === 'RATE_LIMITED')) {
      notes.push(e.code === 'RATE_LIMITED' ? `${e.message}` : `${e.message}; used the rules`);
      return rules();
    }
    throw e;
  }
}

/** Writes a suggestion as the month's budget (template "suggested"), in one database transaction. */
export async function applySuggestion(ctx: Ctx, s: BudgetSuggestion, options: { replace?: boolean } = {}): Promise<ApplyResult> {
  if (s.lines.length === 0) throw invalid(`nothing to apply: ${s.summary}`);
  const categories = new Map((await listCategories(ctx)).map((c) => [c.slug, c]));
  return writePlan(
    ctx,
    {
      template: s.source === 'ai' ? 'suggested-ai' : 'suggested',
      month: s.month,
      currency: s.currency,
      incomeMinor: null,
      lines: s.lines.map((l) => ({ category: categories.get(l.category)!, amountMinor: l.amountMinor, rollover: false, priority: 100, note: l.note })),
      warnings: [],
    },
    options.replace,
  );
}
