import { CATEGORY_KEYWORDS, KNOWN_MERCHANTS } from './keywords.js';
import LEXICON from './data/lexicon.json' with { type: 'json' };
import type { EntryType } from './kind.js';
import { withinOneEdit } from './edit-distance.js';

const INCOME_CATEGORIES = new Set(['salary', 'other_income']);
const TRANSFER_CATEGORIES = new Set(['transfer', 'cash', 'investments']);
const ORDER = Object.keys(CATEGORY_KEYWORDS);

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

/** Phrase → the categories it names: looked up by the text's word n-grams, not scanned per keyword. */
const PHRASES = new Map<string, Array<{ slug: string; weight: number }>>();
let LONGEST = 1;
for (const { slug, words } of PREPARED) {
  for (const w of words) {
    const key = w.needle.trim();
    if (!key) continue;
    LONGEST = Math.max(LONGEST, key.split(' ').length);
    const list = PHRASES.get(key) ?? [];
    if (!list.some((x) => x.slug === slug)) list.push({ slug, weight: w.weight });
    PHRASES.set(key, list);
  }
}

function singularForms(w: string): string[] {
  if (!(w.length > 3 && w.endsWith('s'))) return [w];
  return [w.slice(0, -1), ...(w.endsWith('es') ? [w.slice(0, -2)] : []), ...(w.endsWith('ies') ? [`${w.slice(0, -3)}y`] : [])];
}

function allowed(slug: string, type: EntryType | undefined): boolean {
  if (!type) return true;
  if (type === 'income') return INCOME_CATEGORIES.has(slug);
  if (type === 'transfer') return TRANSFER_CATEGORIES.has(slug);
  return !INCOME_CATEGORIES.has(slug) && slug !== 'transfer';
}

/**
 * The category whose words a text uses most specifically (phrases outweigh words; ties go to the
 * earlier category). Null when no word matches.
 */
export function categoryFromKeywords(text: string, type?: EntryType): string | null {
  return lexiconMatch(text, type)?.slug ?? null;
}

/** The lexicon's category with how specific its match was (a phrase of n words weighs n; a typo 0.5). */
export function lexiconMatch(text: string, type?: EntryType): { slug: string; score: number } | null {
  const words = wordMatch(text, type);
  if (words) return words;
  for (const ch of text.match(/\p{Extended_Pictographic}\uFE0F?/gu) ?? []) {
    const slug = EMOJI[ch] ?? EMOJI[ch.replace('\uFE0F', '')];
    if (slug && allowed(slug, type)) return { slug, score: 1 };
  }
  return null;
}

const EMOJI = LEXICON.emoji as Record<string, string>;

function wordMatch(text: string, type?: EntryType): { slug: string; score: number } | null {
  const hay = normalizeWords(text);
  const tokens = hay.trim().split(' ').filter(Boolean);
  // "coffees", "movies", "batteries": plural words also find their singular keywords
  const singular = tokens.flatMap(singularForms);
  const scores = new Map<string, { max: number; count: number }>();
  const seen = new Set<string>();
  for (const seq of [tokens, singular]) {
    for (let i = 0; i < seq.length; i++) {
      let phrase = '';
      for (let n = 1; n <= LONGEST && i + n <= seq.length; n++) {
        phrase = n === 1 ? seq[i]! : `${phrase} ${seq[i + n - 1]}`;
        const hits = PHRASES.get(phrase);
        if (!hits) continue;
        for (const h of hits) {
          const key = `${h.slug}|${phrase}`;
          if (seen.has(key) || !allowed(h.slug, type)) continue;
          seen.add(key);
          const s = scores.get(h.slug) ?? { max: 0, count: 0 };
          s.max = Math.max(s.max, h.weight);
          s.count++;
          scores.set(h.slug, s);
        }
      }
    }
  }
  let best: { slug: string; score: number } | null = null;
  for (const [slug, s] of scores) {
    const score = s.max + 0.01 * s.count;
    if (!best || score > best.score || (score === best.score && ORDER.indexOf(slug) < ORDER.indexOf(best.slug))) best = { slug, score };
  }
  if (best) return best;
  const typo = typoCategory(hay, type);
  return typo ? { slug: typo, score: 0.5 } : null;
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
    for (const { slug, word } of TYPO_WORDS.get(token[0]!) ?? []) {
      if (allowed(slug, type) && withinOneEdit(token, word)) return slug;
    }
  }
  return null;
}

/** A known merchant named in the text, as written there. */
export function knownMerchant(text: string): string | null {
  const hay = normalizeWords(text);
  for (const m of KNOWN_MERCHANTS) if (hay.includes(normalizeWords(m))) return m;
  return null;
}

export const CATEGORY_KINDS = { INCOME_CATEGORIES, TRANSFER_CATEGORIES };
