import { CATEGORY_KINDS, lexiconMatch } from './categorize.js';
import type { EntryType } from './kind.js';
import type { CategoryLearner } from './learner.js';
import { type CategoryModel, predictWithModel } from './model.js';
import MODEL_JSON from './data/category-model.json' with { type: 'json' };

const MODEL = MODEL_JSON as unknown as CategoryModel;

export interface CategoryChoice {
  category: string;
  /** 0..1, calibrated where it comes from the model. */
  confidence: number;
  /** Below the threshold: the card shows the category as a guess and asks. */
  uncertain: boolean;
  source: 'history' | 'lexicon' | 'model' | 'default';
}

/** A calibrated probability at which the model overrules a single lexicon word. */
export const OVERRULE_AT = 0.95;

/** Under this calibrated probability the model's category is shown as a question. */
export const UNCERTAIN_BELOW = 0.45;

export function fitsType(slug: string, type: EntryType | undefined): boolean {
  if (!type) return true;
  if (type === 'income') return CATEGORY_KINDS.INCOME_CATEGORIES.has(slug);
  if (type === 'transfer') return CATEGORY_KINDS.TRANSFER_CATEGORIES.has(slug);
  return !CATEGORY_KINDS.INCOME_CATEGORIES.has(slug) && slug !== 'transfer';
}

/** The kind of entry a category implies when the sentence itself does not say. */
export function typeOfCategory(slug: string): EntryType {
  if (CATEGORY_KINDS.INCOME_CATEGORIES.has(slug)) return 'income';
  // "atm 100" spends cash; only a withdrawal verb makes it a move between one's own pockets
  if (slug === 'cash') return 'expense';
  if (CATEGORY_KINDS.TRANSFER_CATEGORIES.has(slug)) return 'transfer';
  return 'expense';
}

/**
 * The category of an entry from three sources: the user's own history when it is sure (it outweighs
 * the rest once it exists), the lexicon (data/… words that name a category outright), and the
 * naive Bayes model trained on fixtures/chat/corpus, whose calibrated probability decides whether
 * the choice is marked uncertain. `type` limits the choice to categories of that kind.
 */
export function chooseCategory(text: string, merchant: string | null, type: EntryType | undefined, learner?: CategoryLearner): CategoryChoice {
  const fits = (slug: string) => fitsType(slug, type);
  const learned = learner?.predict(text, merchant);
  if (learned && learned.confidence >= 0.7 && fits(learned.category)) return { ...learned, uncertain: false, source: 'history' };
  const lexicon = lexiconMatch(text, type);
  const model = predictWithModel(MODEL, text, fits);
  // one lexicon word against a model that is all but certain of the whole text ("bolletta gas",
  // "dry cleaning"): the model read more of the message
  // (spending only: where money moves, the lexicon's destination words decide)
  const overruled = lexicon && model && lexicon.score < 2 && model.category !== lexicon.slug && model.confidence >= OVERRULE_AT && typeOfCategory(lexicon.slug) === 'expense' && typeOfCategory(model.category) === 'expense';
  const keyword = lexicon && !overruled ? lexicon.slug : null;
  if (keyword) {
    // the lexicon names it; the model only adds how sure that is
    const p = model?.ranked.find((r) => r.category === keyword)?.p ?? 0;
    return { category: keyword, confidence: Math.max(0.8, p), uncertain: false, source: 'lexicon' };
  }
  if (learned && learned.confidence >= 0.4 && fits(learned.category) && (!model || learned.confidence >= model.confidence)) return { ...learned, uncertain: learned.confidence < UNCERTAIN_BELOW, source: 'history' };
  if (model) return { category: model.category, confidence: model.confidence, uncertain: model.confidence < UNCERTAIN_BELOW, source: 'model' };
  if (type === 'income') return { category: 'other_income', confidence: 0.5, uncertain: true, source: 'default' };
  if (type === 'transfer') return { category: 'transfer', confidence: 0.6, uncertain: true, source: 'default' };
  return { category: 'other', confidence: 0.3, uncertain: true, source: 'default' };
}

/**
 * The kind of entry the model reads in a text, summing its categories' probabilities: "Erstattung
 * Amazon" is income though "amazon" names a shop. Null when no kind is clearly ahead.
 */
export function kindFromModel(text: string, threshold = 0.6): { type: EntryType; p: number } | null {
  const m = predictWithModel(MODEL, text);
  if (!m) return null;
  const sums: Record<EntryType, number> = { expense: 0, income: 0, transfer: 0 };
  for (const r of m.ranked) sums[typeOfCategory(r.category)] += r.p;
  const [type, p] = (Object.entries(sums) as Array<[EntryType, number]>).sort((a, b) => b[1] - a[1])[0]!;
  return p >= threshold ? { type, p } : null;
}
