import { normalizeWords } from './categorize.js';

function tokens(text: string): string[] {
  return normalizeWords(text)
    .trim()
    .split(' ')
    .filter((t) => t.length > 1 && !/^\d+$/.test(t));
}

function key(text: string): string {
  return tokens(text).join(' ');
}

function majority(counts: Map<string, number>): { category: string; count: number; share: number } | null {
  let best: [string, number] | null = null;
  let total = 0;
  for (const [c, n] of counts) {
    total += n;
    if (!best || n > best[1]) best = [c, n];
  }
  return best ? { category: best[0], count: best[1], share: best[1] / total } : null;
}

/**
 * What the user's own history teaches: the same merchant categorised the same way three times (or
 * the same text once) is a rule, as Actual Budget does; otherwise a multinomial naive Bayes over the
 * description's words, trusted only when it is clearly sure.
 */
export class CategoryLearner {
  private readonly byText = new Map<string, Map<string, number>>();
  private readonly byMerchant = new Map<string, Map<string, number>>();
  private readonly wordCounts = new Map<string, Map<string, number>>();
  private readonly totals = new Map<string, number>();
  private readonly docs = new Map<string, number>();
  private readonly vocabulary = new Set<string>();
  private examples = 0;

  static fromExamples(examples: Iterable<{ text: string; merchant?: string | null; category: string }>): CategoryLearner {
    const l = new CategoryLearner();
    for (const e of examples) l.learn(e.text, e.merchant ?? null, e.category);
    return l;
  }

  learn(text: string, merchant: string | null, category: string): void {
    const bump = (map: Map<string, Map<string, number>>, k: string) => {
      if (!k) return;
      const inner = map.get(k) ?? new Map<string, number>();
      inner.set(category, (inner.get(category) ?? 0) + 1);
      map.set(k, inner);
    };
    bump(this.byText, key(text));
    if (merchant) bump(this.byMerchant, key(merchant));
    const words = this.wordCounts.get(category) ?? new Map<string, number>();
    for (const t of tokens(text)) {
      words.set(t, (words.get(t) ?? 0) + 1);
      this.totals.set(category, (this.totals.get(category) ?? 0) + 1);
      this.vocabulary.add(t);
    }
    this.wordCounts.set(category, words);
    this.docs.set(category, (this.docs.get(category) ?? 0) + 1);
    this.examples++;
  }

  get size(): number {
    return this.examples;
  }

  predict(text: string, merchant?: string | null): { category: string; confidence: number } | null {
    if (this.examples === 0) return null;
    if (merchant) {
      const m = majority(this.byMerchant.get(key(merchant)) ?? new Map());
      if (m && m.count >= 3 && m.share >= 0.8) return { category: m.category, confidence: 0.95 };
    }
    const exact = majority(this.byText.get(key(text)) ?? new Map());
    if (exact && exact.share >= 0.75) return { category: exact.category, confidence: Math.min(0.97, 0.8 + 0.05 * exact.count) };
    const words = tokens(text).filter((t) => this.vocabulary.has(t));
    if (words.length === 0) return null;
    const v = this.vocabulary.size;
    const scores: Array<[string, number]> = [];
    for (const [category, n] of this.docs) {
      const counts = this.wordCounts.get(category)!;
      const total = this.totals.get(category) ?? 0;
      let s = Math.log(n / this.examples);
      for (const w of words) s += Math.log(((counts.get(w) ?? 0) + 1) / (total + v));
      scores.push([category, s]);
    }
    const max = Math.max(...scores.map((x) => x[1]));
    const z = scores.reduce((a, [, s]) => a + Math.exp(s - max), 0);
    const [category, score] = scores.sort((a, b) => b[1] - a[1])[0]!;
    const p = Math.exp(score - max) / z;
    // With few examples Bayes is overconfident: scale by how much evidence there is.
    const evidence = Math.min(1, this.examples / 20);
    return { category, confidence: p * (0.5 + 0.5 * evidence) };
  }
}
