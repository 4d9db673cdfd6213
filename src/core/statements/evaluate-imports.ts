/**
 * Scores a statement read against an export's truth.json (fixtures/exports/blind and
 * ../shared/eval/external/imports): rows match one to one by date and signed amount rounded half
 * to even to the currency's minor unit; descriptions are scored apart.
 */
export interface ImportTruthRow {
  date: string;
  amount: string;
  description: string | null;
}

export interface ImportTruth {
  file: string;
  format: string;
  currency: string;
  broken: boolean;
  rows: ImportTruthRow[];
}

export interface ImportScore {
  truth: number;
  read: number;
  matched: number;
  signErrors: number;
  descriptions: number;
  fullyRight: boolean;
  missing: string[];
  extra: string[];
}

/** A decimal string to minor units, half to even. */
export function toMinorUnits(value: string, digits: number): number {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (!m) return Number.NaN;
  const frac = (m[3] ?? '').padEnd(digits + 1, '0');
  let units = Number((m[2] || '0') + frac.slice(0, digits));
  const rest = frac.slice(digits);
  if (rest[0]! > '5' || (rest[0] === '5' && /[1-9]/.test(rest.slice(1)))) units += 1;
  else if (rest[0] === '5' && units % 2 === 1) units += 1;
  return m[1] === '-' ? -units : units;
}

const words = (s: string | null) => (s ?? '').toLowerCase().normalize('NFKC').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1);

/** Half the truth's words (or more) appear in the description read. */
export function descriptionFits(read: string, truth: string | null): boolean {
  const t = words(truth);
  if (t.length === 0) return true;
  const p = new Set(words(read));
  return t.filter((w) => p.has(w)).length / t.length >= 0.5;
}

export function scoreImport(rows: ReadonlyArray<{ date: string; amount: string; description: string }>, truth: ImportTruth, digits: number): ImportScore {
  const used = new Set<number>();
  let matched = 0;
  let signErrors = 0;
  let descriptions = 0;
  const missing: string[] = [];
  for (const t of truth.rows) {
    const want = toMinorUnits(t.amount, digits);
    const i = rows.findIndex((p, k) => !used.has(k) && p.date === t.date && toMinorUnits(p.amount, digits) === want);
    if (i >= 0) {
      used.add(i);
      matched++;
      if (descriptionFits(rows[i]!.description, t.description)) descriptions++;
      continue;
    }
    if (rows.some((p, k) => !used.has(k) && p.date === t.date && toMinorUnits(p.amount, digits) === -want)) signErrors++;
    missing.push(`${t.date} ${t.amount}`);
  }
  const extra = rows.filter((_, k) => !used.has(k)).map((p) => `${p.date} ${p.amount}`);
  return { truth: truth.rows.length, read: rows.length, matched, signErrors, descriptions, fullyRight: matched === truth.rows.length && rows.length === truth.rows.length, missing, extra };
}
