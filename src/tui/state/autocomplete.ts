import Fuse from 'fuse.js';

/** Something `@` or `#` can complete to. */
export interface Candidate {
  kind: 'person' | 'group' | 'category' | 'tag';
  /** What is inserted after the trigger: a handle, a category slug or a tag. */
  value: string;
  /** What is shown beside it: a name. */
  label: string;
}

export interface ActiveToken {
  trigger: '@' | '#';
  query: string;
  /** Where the trigger character is in the text. */
  start: number;
}

/** The `@…` or `#…` word being typed at the end of the text, if any. */
export function activeToken(text: string): ActiveToken | null {
  const m = /(^|\s)([@#])([\p{L}\p{N}_.-]*)$/u.exec(text);
  if (!m) return null;
  return { trigger: m[2] as '@' | '#', query: m[3]!, start: m.index + m[1]!.length };
}

/** The candidates a trigger offers: `@` people, groups and categories; `#` tags. */
export function candidatesFor(trigger: '@' | '#', all: readonly Candidate[]): Candidate[] {
  return all.filter((c) => (trigger === '#' ? c.kind === 'tag' : c.kind !== 'tag'));
}

/** Fuzzy matches for what is typed after the trigger, best first. */
export function suggest(all: readonly Candidate[], token: ActiveToken, limit = 5): Candidate[] {
  const pool = candidatesFor(token.trigger, all);
  if (!token.query) return pool.slice(0, limit);
  const fuse = new Fuse(pool, { keys: ['value', 'label'], threshold: 0.4, ignoreLocation: true });
  return fuse.search(token.query, { limit }).map((r) => r.item);
}

/** The text with the active token replaced by the chosen candidate and a space. */
export function complete(text: string, token: ActiveToken, candidate: Candidate): string {
  return `${text.slice(0, token.start)}${token.trigger}${candidate.value} `;
}

/**
 * `@dining` names a category, not a person: such words are taken out of the message and
 * returned as the category to set on the suggestion (a person or group of that handle wins).
 */
export function extractCategoryMention(text: string, all: readonly Candidate[]): { text: string; category: string | null } {
  const categories = new Set(all.filter((c) => c.kind === 'category').map((c) => c.value));
  const handles = new Set(all.filter((c) => c.kind === 'person' || c.kind === 'group').map((c) => c.value));
  let category: string | null = null;
  const out = text.replace(/(^|\s)@([\p{L}\p{N}_.-]+)/gu, (whole, lead: string, word: string) => {
    const slug = word.toLowerCase();
    if (categories.has(slug) && !handles.has(slug)) {
      category = slug;
      return lead;
    }
    return whole;
  });
  return { text: out.replace(/\s+/g, ' ').trim(), category };
}
