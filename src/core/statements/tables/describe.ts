import { HEADER_WORDS, type ColumnProfile } from './profile.js';

const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9 ]{10,30}$/;
const BIC = /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/;
const CODE = /^[A-Z]{3}$/;

function scoreText(p: ColumnProfile, cells: string[]): number {
  if (p.nonEmpty === 0 || p.letterShare < 0.5) return -Infinity;
  const filled = cells.filter(Boolean);
  if (filled.filter((c) => IBAN.test(c.replace(/\s/g, '')) || BIC.test(c) || CODE.test(c)).length > filled.length / 2) return -Infinity;
  const diversity = p.distinct / p.nonEmpty;
  const described = HEADER_WORDS.name.test(p.header) || HEADER_WORDS.description.test(p.header);
  // a constant column (status, account name) tells rows apart only when its header says it describes them
  if (p.distinct === 1 && p.nonEmpty > 2 && !described) return -Infinity;
  let s = diversity + Math.log10(1 + p.meanLength) + p.nonEmpty / Math.max(1, cells.length);
  // identifiers (txn_1Ab0Cd…, ch_3Pq0) are unique but say nothing
  if (filled.filter((c) => /^[A-Za-z0-9_-]+$/.test(c) && /\d/.test(c) && /[A-Za-z]/.test(c)).length > filled.length / 2) s -= 2;
  if (HEADER_WORDS.name.test(p.header)) s += 1.5;
  if (HEADER_WORDS.description.test(p.header)) s += 1.2;
  if (/categ|kategor|type|typ|status|art$|tipo|soort|code/i.test(p.header) && !HEADER_WORDS.description.test(p.header)) s -= 1;
  if (/e-?mail|adress|address|iban|bic|konto|account|card|karte/i.test(p.header)) s -= 1.5;
  return s;
}

/**
 * Description columns: the counterparty column when a header names one, and the most telling
 * free-text column (by header words, variety and length); at most three.
 */
export function descriptionColumns(profiles: ColumnProfile[], column: (i: number) => string[], taken: Set<number>): number[] {
  const scored = profiles
    .filter((p) => !taken.has(p.index))
    .map((p) => ({ p, s: scoreText(p, column(p.index)) }))
    .filter((x) => Number.isFinite(x.s))
    .sort((a, b) => b.s - a.s);
  if (scored.length === 0) return [];
  const chosen = [scored[0]!.p.index];
  const name = scored.find((x) => HEADER_WORDS.name.test(x.p.header) && !chosen.includes(x.p.index));
  if (name) chosen.push(name.p.index);
  const next = scored.find((x) => !chosen.includes(x.p.index) && x.s > scored[0]!.s - 1.2);
  if (next && chosen.length < 3) chosen.push(next.p.index);
  return chosen.sort((a, b) => a - b);
}

/** Joins description cells, dropping empties and cells another cell already contains. */
export function joinDescription(cells: string[]): string {
  const parts = cells.map((c) => c.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const kept = parts.filter((p, i) => !parts.some((q, j) => j !== i && q.length > p.length && q.toLowerCase().includes(p.toLowerCase())) && parts.indexOf(p) === i);
  return kept.join(' | ');
}
