import STOP from './data/stopwords.json' with { type: 'json' };

/**
 * The categoriser's statistical part: a multinomial naive Bayes over word unigrams, word bigrams and
 * character 3–5-grams (so "restaurante", "Restaurantrechnung" and "resturant" share evidence),
 * trained at build time from fixtures/chat/corpus by scripts/train-categoriser.ts, with a
 * temperature fitted on a held-out split so its probabilities mean what they say.
 */

export interface CategoryModel {
  version: 1;
  categories: string[];
  /** log P(category) */
  priors: number[];
  /** Feature → counts per category, sparse: [categoryIndex, count, categoryIndex, count, ...]. */
  features: Record<string, number[]>;
  /** Sum of counts per category, and the vocabulary size (for Laplace smoothing). */
  totals: number[];
  vocabulary: number;
  alpha: number;
  /** Softmax temperature fitted on the held-out split (probabilities were overconfident). */
  temperature: number;
}

const STOPWORDS = new Set(STOP.words.map((w) => w.normalize('NFD').replace(/\p{M}+/gu, '')));

/** Lower case, accents off ("café" = "cafe"), digits, punctuation and words that say nothing out. */
export function normalizeForModel(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/(\p{L})['’](\p{L})/gu, '$1$2')
    .replace(/[^\p{L}&]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 1 && !STOPWORDS.has(w));
}

/** The features a text is read by: words, neighbouring word pairs, and character n-grams of each word. */
export function featuresOf(text: string): string[] {
  const words = normalizeForModel(text);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    out.push(`w:${w}`);
    if (i + 1 < words.length) out.push(`b:${w}_${words[i + 1]}`);
    const padded = `<${w}>`;
    for (let n = 3; n <= 5; n++) for (let j = 0; j + n <= padded.length; j++) out.push(padded.slice(j, j + n));
  }
  return [...new Set(out)];
}

export interface LabelledText {
  text: string;
  category: string;
}

/** Counts features per category; features seen fewer than `minCount` times are dropped. */
export function trainModel(rows: readonly LabelledText[], options: { alpha?: number; minCount?: number } = {}): CategoryModel {
  const alpha = options.alpha ?? 0.2;
  const minCount = options.minCount ?? 2;
  const categories = [...new Set(rows.map((r) => r.category))].sort();
  const index = new Map(categories.map((c, i) => [c, i]));
  const docs = new Array<number>(categories.length).fill(0);
  const counts = new Map<string, number[]>();
  for (const row of rows) {
    const c = index.get(row.category)!;
    docs[c]!++;
    for (const f of featuresOf(row.text)) {
      let v = counts.get(f);
      if (!v) counts.set(f, (v = new Array<number>(categories.length).fill(0)));
      v[c]!++;
    }
  }
  const features: Record<string, number[]> = {};
  const totals = new Array<number>(categories.length).fill(0);
  for (const f of [...counts.keys()].sort()) {
    const v = counts.get(f)!;
    if (v.reduce((a, b) => a + b, 0) < minCount) continue;
    const sparse: number[] = [];
    v.forEach((n, c) => {
      if (n > 0) {
        sparse.push(c, n);
        totals[c]! += n;
      }
    });
    features[f] = sparse;
  }
  const n = rows.length;
  return { version: 1, categories, priors: docs.map((d) => Math.log((d + 1) / (n + categories.length))), features, totals, vocabulary: Object.keys(features).length, alpha, temperature: 1 };
}

interface Prepared {
  denominators: number[];
  /** feature → [categoryIndex, log((count + alpha) / alpha), ...] */
  weights: Map<string, number[]>;
}
const PREPARED = new WeakMap<CategoryModel, Prepared>();

function prepared(model: CategoryModel): Prepared {
  let p = PREPARED.get(model);
  if (p) return p;
  const weights = new Map<string, number[]>();
  for (const [f, sparse] of Object.entries(model.features)) {
    const w = new Array<number>(sparse.length);
    for (let i = 0; i < sparse.length; i += 2) {
      w[i] = sparse[i]!;
      w[i + 1] = Math.log((sparse[i + 1]! + model.alpha) / model.alpha);
    }
    weights.set(f, w);
  }
  p = { denominators: model.totals.map((t) => Math.log(t + model.alpha * model.vocabulary)), weights };
  PREPARED.set(model, p);
  return p;
}

/** Unnormalised log scores per category. */
function logScores(model: CategoryModel, text: string): { scores: number[]; known: number } {
  const { denominators, weights } = prepared(model);
  const scores = [...model.priors];
  const base = Math.log(model.alpha);
  let known = 0;
  for (const f of featuresOf(text)) {
    const w = weights.get(f);
    if (!w) continue;
    known++;
    for (let i = 0; i < w.length; i += 2) scores[w[i]!]! += w[i + 1]!;
  }
  // every known feature costs each category its smoothed share once: added in one step
  for (let c = 0; c < scores.length; c++) scores[c]! += known * (base - denominators[c]!);
  return { scores, known };
}

function softmax(scores: number[], temperature: number): number[] {
  const max = Math.max(...scores);
  const e = scores.map((s) => Math.exp((s - max) / temperature));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

export interface ModelPrediction {
  category: string;
  /** Calibrated probability of that category. */
  confidence: number;
  /** Every category's probability, highest first. */
  ranked: Array<{ category: string; p: number }>;
}

/** The model's reading of a text; null when it shares no feature with the corpus. */
export function predictWithModel(model: CategoryModel, text: string, allowed?: (slug: string) => boolean): ModelPrediction | null {
  const { scores, known } = logScores(model, text);
  if (known === 0) return null;
  const idx = model.categories.map((_, i) => i).filter((i) => !allowed || allowed(model.categories[i]!));
  if (idx.length === 0) return null;
  const p = softmax(
    idx.map((i) => scores[i]!),
    model.temperature,
  );
  const ranked = idx.map((i, j) => ({ category: model.categories[i]!, p: p[j]! })).sort((a, b) => b.p - a.p);
  return { category: ranked[0]!.category, confidence: ranked[0]!.p, ranked };
}

/** The temperature that makes held-out probabilities honest (least negative log-likelihood). */
export function fitTemperature(model: CategoryModel, heldOut: readonly LabelledText[]): number {
  const scored = heldOut.map((r) => ({ s: logScores(model, r.text).scores, y: model.categories.indexOf(r.category) })).filter((x) => x.y >= 0);
  let best = { t: 1, nll: Infinity };
  for (let t = 1; t <= 60; t *= 1.15) {
    let nll = 0;
    for (const { s, y } of scored) nll -= Math.log(Math.max(1e-12, softmax(s, t)[y]!));
    if (nll < best.nll) best = { t, nll };
  }
  return Math.round(best.t * 1000) / 1000;
}
