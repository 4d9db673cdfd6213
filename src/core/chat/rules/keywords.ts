import LEXICON from './data/lexicon.json' with { type: 'json' };

/**
 * The lexicon (data/lexicon.json): words and merchants that name a category outright. Bank
 * descriptions ("NETFLIX.COM", "SHELL OIL 5743") are matched on the same words. Everyday words
 * beyond it are the model's job (model.ts), so this list should not grow per probe.
 */
export const CATEGORY_KEYWORDS: Readonly<Record<string, readonly string[]>> = LEXICON.categories;
export const KNOWN_MERCHANTS: readonly string[] = LEXICON.merchants;
