import cc from 'currency-codes';
import DATA from './data/currencies.json' with { type: 'json' };

const SYMBOLS = DATA.symbols as Record<string, string[]>;
const NAMES = DATA.names as Record<string, string[]>;
const AFTER_ONLY = new Set(DATA.afterOnly.map((w) => w.toLowerCase()));
const PLACES = new Map<string, string>(Object.entries(DATA.places as Record<string, string>));

/** "Czech Koruna" → koruna, "Thai Baht" → baht: the ISO name's last word names the currency too. */
const ISO_NAMES = new Map<string, string[]>();
for (const r of cc.data) {
  if (/^X/.test(r.code) || /fund|unit|bond|sucre|gold|silver|platinum|palladium|testing/i.test(r.currency)) continue;
  const word = r.currency.trim().toLowerCase().split(/\s+/).pop()!;
  if (/^\p{L}{3,}$/u.test(word)) for (const w of [word, `${word}s`]) ISO_NAMES.set(w, [...(ISO_NAMES.get(w) ?? []), r.code]);
  // countries are place hints: "in Mexico", "Argentina trip"
  for (const c of r.countries) {
    const name = c.toLowerCase().replace(/\s*\(.*\)$/, '');
    if (!PLACES.has(name) && name.length > 3) PLACES.set(name, r.code);
  }
}

function expand(codes: string[]): string[] {
  return codes.flatMap((c) => SYMBOLS[c] ?? [c]);
}

/** Currencies a word next to a number may name ("pesos", "quid", "koruna"); null when it names none. */
export function currenciesOfName(word: string, position: 'before' | 'after'): string[] | null {
  const w = word.toLowerCase();
  if (position === 'before' && AFTER_ONLY.has(w)) return null;
  const listed = NAMES[w];
  if (listed) return expand(listed);
  return ISO_NAMES.get(w) ?? null;
}

/** Currencies a symbol may stand for ("$", "kr", "Kč"), exact spelling first, then case-folded. */
export function currenciesOfSymbol(symbol: string, position: 'before' | 'after'): string[] | null {
  if (position === 'before' && AFTER_ONLY.has(symbol)) return null;
  return SYMBOLS[symbol] ?? null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const bySize = (a: string, b: string) => b.length - a.length;
const LETTER_SYMBOLS = Object.keys(SYMBOLS).filter((s) => /\p{L}/u.test(s)).sort(bySize);
const SIGN_SYMBOLS = Object.keys(SYMBOLS).filter((s) => !/\p{L}/u.test(s)).sort(bySize);
const NAME_WORDS = [...new Set([...Object.keys(NAMES), ...ISO_NAMES.keys()])].sort(bySize);

/**
 * A currency marker right before a number (the text ends where the number starts): signs may touch
 * the digits ("€12", "S$5.50"); words and letter symbols stand apart or touch ("Rs500", "kr 50").
 */
export const MARKER_BEFORE = new RegExp(
  `(?:${SIGN_SYMBOLS.map(escape).join('|')}|(?<![\\p{L}])(?:${[...LETTER_SYMBOLS, ...NAME_WORDS].map(escape).join('|')}))\\s?$`,
  'iu',
);
/** A currency marker right after a number. */
export const MARKER_AFTER = new RegExp(
  `^\\s?(?:${SIGN_SYMBOLS.map(escape).join('|')}|(?:${[...LETTER_SYMBOLS, ...NAME_WORDS].map(escape).join('|')})(?![\\p{L}]))`,
  'iu',
);

/** The currencies a matched marker (as MARKER_BEFORE/AFTER found it) may name. */
export function currenciesOfMarker(marker: string, position: 'before' | 'after'): string[] | null {
  const m = marker.trim();
  // "R" and "Q" are symbols only in capitals; "kr", "Kč", "zł" in any case
  const exact = SYMBOLS[m] ?? (m.length > 1 && !/^(r|q|rm|rp|bs|tl)$/i.test(m) ? Object.entries(SYMBOLS).find(([k]) => k.toLowerCase() === m.toLowerCase())?.[1] : undefined);
  if (exact) return position === 'before' && AFTER_ONLY.has(m) ? null : exact;
  return currenciesOfName(m, position);
}

const PLACE_LIST = [...PLACES.keys()].sort(bySize);
const PLACE_RE = new RegExp(`(?<![\\p{L}])(${PLACE_LIST.map(escape).join('|')})(?![\\p{L}])`, 'giu');

/**
 * One currency out of several a marker may name: the home currency when it is one of them, else
 * the currency of a place or merchant the message names, else the marker's usual meaning.
 */
export function resolveCurrency(codes: readonly string[], text: string, home: string): string {
  if (codes.length === 1) return codes[0]!;
  const hinted = [...text.matchAll(PLACE_RE)].map((m) => PLACES.get(m[1]!.toLowerCase())).find((c) => c && codes.includes(c));
  if (hinted) return hinted;
  if (codes.includes(home)) return home;
  return codes[0]!;
}

/** Amount words that carry their currency: "a fiver" is 5 GBP. */
export const AMOUNT_WORDS = DATA.amountWords as unknown as Record<string, [number, string]>;
