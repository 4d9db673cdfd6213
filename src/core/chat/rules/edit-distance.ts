/** Edit distance counting a swap of neighbours as one edit ("jhon" is one from "john"). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

/**
 * One slip of the finger for a keyword: one letter added or dropped, two neighbours swapped, or —
 * in a word of eight letters or more — one vowel put for another. A changed consonant, or any
 * changed letter in a short word, too often makes another word ("repaid" / "repair", "letter" /
 * "litter", "changing" / "charging").
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || editDistance(a, b) > 1) return false;
  if (a.length !== b.length) return true;
  const i = [...a].findIndex((c, k) => c !== b[k]);
  if (i < 0 || (a[i] === b[i + 1] && a[i + 1] === b[i])) return true;
  return a.length >= 8 && VOWELS.has(a[i]!) && VOWELS.has(b[i]!);
}
