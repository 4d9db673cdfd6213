import type { Ctx } from '../db/index.js';
import { categorizedHistory } from '../ledger/index.js';
import { CategoryLearner, categoryFromKeywords } from './rules/index.js';

const HISTORY_FOR_LEARNING = 5000;

/** A categoriser trained on the user's own categorised transactions (newest first). */
export async function learnerFromHistory(ctx: Ctx): Promise<CategoryLearner> {
  const rows = await categorizedHistory(ctx, HISTORY_FOR_LEARNING);
  return CategoryLearner.fromExamples(rows.map((r) => ({ text: r.description, merchant: r.merchant, category: r.slug })));
}

/** The category for a bank description: what the user taught wins when sure, then keywords. */
export function categorizeText(text: string, learner: CategoryLearner): string | null {
  const learned = learner.predict(text);
  if (learned && learned.confidence >= 0.6) return learned.category;
  return categoryFromKeywords(text) ?? learned?.category ?? null;
}
