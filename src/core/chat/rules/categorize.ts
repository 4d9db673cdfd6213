import { CATEGORY_KEYWORDS, KNOWN_MERCHANTS } from './keywords.js';
import type { EntryType } from './kind.js';
import { withinOneEdit } from './edit-distance.js';

const INCOME_CATEGORIES = new Set(['salary', 'other_income']);
const TRANSFER_CATEGORIES = new Set(['transfer', 'cash', 'investments']);

/** Lower case, punctuation to spaces, padded: so " kw " finds whole words and phrases. */
export function normalizeWords(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/(\p{L})['’](\p{L})/gu, '$1$2')
    .replace(/[^\p{L}\p{N}&+]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

const PREPARED = Object.entries(CATEGORY_KEYWORDS).map(([slug, words]) => ({
  slug,
  // A leading "~" marks a weak phrase (a verb such as "got paid"): it decides only when no
  // word naming the thing itself ("freelance", "refund") is there.
  words: words.map((w) => {
    const weak = w.startsWith('~');
    const text = weak ? w.slice(1) : w;
    return { needle: normalizeWords(text), weight: weak ? 0.9 : text.split(/\s+/).length };
  }),
}));

function allowed(slug: string, type: EntryType | undefined): boolean {
  if (!type) return true;
  if (type === 'income') return INCOME_CATEGORIES.has(slug);
  if (type === 'transfer') return TRANSFER_CATEGORIES.has(slug);
  return !INCOME_CATEGORIES.has(slug) && slug !== 'transfer';
}

/**
 * Every keyword by its first word, so a text is checked only against the keywords that start with
 * one of its own words (a statement import asks for every row: testing each of the thousands of
 * keywords against each row was 0.5 ms a row, 50 s for 100k rows).
 */
const BY_FIRST_WORD = new Map<string, Array<{ slug: number; at: number; needle: string; weight: number }>>();
PREPARED.forEach(({ words }, slug) =>
  words.forEach((w, at) => {
    const first = w.needle.trim().split(' ')[0]!;
    const list = BY_FIRST_WORD.get(first) ?? [];
    list.push({ slug, at, needle: w.needle, weight: w.weight });
    BY_FIRST_WORD.set(first, list);
  }),
);

/**
 * The category whose words a text uses most specifically (phrases outweigh words; ties go to the
 * earlier category). Null when no word matches.
 */
export function categoryFromKeywords(text: string, type?: EntryType): string | null {
  const hay = normalizeWords(text);
  // "coffees", "movies", "batteries": plural words also find their singular keywords
  const singular = ` ${hay
    .trim()
    .split(' ')
    .flatMap((w) => (w.length > 3 && w.endsWith('s') ? [w.slice(0, -1), ...(w.endsWith('es') ? [w.slice(0, -2)] : []), ...(w.endsWith('ies') ? [`${w.slice(0, -3)}y`] : [])] : [w]))
    .join(' ')} `;
  // The keywords this text holds, per category in the order the category lists them.
  const hits = new Map<number, Array<{ at: number; weight: number }>>();
  const candidates = new Set([...hay.trim().split(' '), ...singular.trim().split(' ')]);
  for (const word of candidates) {
    for (const k of BY_FIRST_WORD.get(word) ?? []) {
      if (!hay.includes(k.needle) && !singular.includes(k.needle)) continue;
      const list = hits.get(k.slug) ?? [];
      list.push({ at: k.at, weight: k.weight });
      hits.set(k.slug, list);
    }
  }
  let best: { slug: string; score: number } | null = null;
  PREPARED.forEach(({ slug }, i) => {
    const found = hits.get(i);
    if (!found || !allowed(slug, type)) return;
    let score = 0;
    for (const w of found.sort((a, b) => a.at - b.at)) score = Math.max(score, w.weight) + 0.01;
    // PREPARED is in the keyword table's order: on a tie the earlier category stays.
    if (score > 0 && (!best || score > best.score)) best = { slug, score };
  });
  return (best as { slug: string } | null)?.slug ?? typoCategory(hay, type);
}

/**
 * Single keywords long enough that one slip of the finger still names them ("resturant", "coffe"),
 * by first letter: a slip keeps the first letter ("repaid" is not a typo of "prepaid"), and statement
 * imports call this for every row no keyword names.
 */
const TYPO_WORDS = new Map<string, Array<{ slug: string; word: string }>>();
for (const { slug, words } of PREPARED) {
  for (const w of words) {
    const word = w.needle.trim();
    if (word.length < 6 || word.includes(' ')) continue;
    const list = TYPO_WORDS.get(word[0]!) ?? [];
    list.push({ slug, word });
    TYPO_WORDS.set(word[0]!, list);
  }
}

/**
 * When no keyword matches exactly, a word one typo away from a long keyword names its category.
 * Only words of five letters or more, against keywords of six or more, with the same first letter,
 * count, so short everyday words do not drift into keywords.
 */
function typoCategory(hay: string, type?: EntryType): string | null {
  const tokens = hay.trim().split(' ').filter((w) => w.length >= 5 && /^\p{L}+$/u.test(w));
  for (const token of tokens) {
    for (const slug of typoSlugs(token)) if (allowed(slug, type)) return slug;
  }
  return null;
}

/** Statement rows repeat their words (merchant names): the keywords near a word are found once. */
const NEAR = new Map<string, string[]>();

function typoSlugs(token: string): string[] {
  let slugs = NEAR.get(token);
  if (!slugs) {
    slugs = (TYPO_WORDS.get(token[0]!) ?? []).filter(({ word }) => withinOneEdit(token, word)).map((k) => k.slug);
    if (NEAR.size >= 50_000) NEAR.clear();
    NEAR.set(token, slugs);
  }
  return slugs;
}

/** A known merchant named in the text, as written there. */
export function knownMerchant(text: string): string | null {
  const hay = normalizeWords(text);
  for (const m of KNOWN_MERCHANTS) if (hay.includes(normalizeWords(m))) return m;
  return null;
}

export const CATEGORY_KINDS = { INCOME_CATEGORIES, TRANSFER_CATEGORIES };
