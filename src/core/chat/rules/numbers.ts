import NUMBER_WORDS from './data/number-words.json' with { type: 'json' };

export interface WordNumber {
  start: number;
  end: number;
  value: number;
  /** Made only of words that are also everyday words ("a", "do", "das"): weak evidence on its own. */
  weak: boolean;
}

type Lexicon = Record<string, Record<string, number>>;
const VALUES = new Map<string, number>();
const MULTIPLIERS = new Map<string, number>();
for (const table of Object.values(NUMBER_WORDS.values as Lexicon)) for (const [w, v] of Object.entries(table)) VALUES.set(w, v);
for (const table of Object.values(NUMBER_WORDS.multipliers as Lexicon)) for (const [w, v] of Object.entries(table)) MULTIPLIERS.set(w, v);
const COMPOUNDS = Object.values(NUMBER_WORDS.compounds as Record<string, string>).map((re) => new RegExp(`^${re}$`));
const JOINERS = new Set(NUMBER_WORDS.joiners);
const AMBIGUOUS = new Set(NUMBER_WORDS.ambiguous);

/** "fünfundzwanzig", "vijfentwintig", "trentacinque": one word made of a unit and a ten. */
function compoundValue(word: string): number | null {
  for (const re of COMPOUNDS) {
    const m = re.exec(word);
    if (!m) continue;
    const a = VALUES.get(m[1]!) ?? 0;
    const b = VALUES.get(m[2]!) ?? 0;
    return a + b;
  }
  return null;
}

function wordValue(word: string): { value: number; multiplier: boolean } | null {
  const m = MULTIPLIERS.get(word);
  if (m !== undefined) return { value: m, multiplier: true };
  const v = VALUES.get(word) ?? compoundValue(word);
  if (v !== null && v !== undefined) return { value: v, multiplier: false };
  // "forty-five", "vingt-cinq": hyphenated words add up
  if (word.includes('-')) {
    const parts = word.split('-').map((p) => VALUES.get(p));
    if (parts.length > 1 && parts.every((p) => p !== undefined)) return { value: parts.reduce((a, b) => a! + b!, 0)!, multiplier: false };
  }
  return null;
}

const WORD = /[\p{L}][\p{L}-]*/gu;

/**
 * Numbers written in words, in the supported languages: "a hundred" 100, "two hundred fifty" 250,
 * "paanch sau" 500, "zwanzig" 20. Scanned left to right; a run ends at the first word that is not
 * a number word or a joiner between two number words.
 */
export function findWordNumbers(text: string): WordNumber[] {
  const lower = text.toLowerCase();
  const words = [...lower.matchAll(WORD)].map((m) => ({ w: m[0], start: m.index, end: m.index + m[0].length }));
  const out: WordNumber[] = [];
  let i = 0;
  while (i < words.length) {
    const first = wordValue(words[i]!.w);
    if (!first) {
      i++;
      continue;
    }
    let total = 0;
    let current = 0;
    let j = i;
    let last = i;
    let strong = false;
    while (j < words.length) {
      const { w } = words[j]!;
      const wv = wordValue(w);
      if (!wv) {
        const gapOk = words[j]!.start - words[j - 1]!.end <= 1;
        if (JOINERS.has(w) && gapOk && j + 1 < words.length && wordValue(words[j + 1]!.w)) {
          j++;
          continue;
        }
        break;
      }
      if (!AMBIGUOUS.has(w)) strong = true;
      if (wv.multiplier) {
        const base = current || 1;
        if (wv.value >= 1000) {
          total += base * wv.value;
          current = 0;
        } else current = base * wv.value;
      } else current += wv.value;
      last = j;
      j++;
    }
    const value = total + current;
    if (value > 0) out.push({ start: words[i]!.start, end: words[last]!.end, value, weak: !strong });
    i = last + 1;
  }
  return out;
}
