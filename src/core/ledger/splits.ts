import { allocate } from '../money/index.js';
import { invalid } from '../errors/index.js';
import type { SplitMethod } from '../db/index.js';

/** Who shares a cost: `person` is a handle, or "me". */
export interface SplitParticipant {
  person: string;
  /**
   * exact: a decimal amount; percent: a number of percent; shares: a count; equal: unused.
   * `rest` (exact and percent): whatever the others' parts leave ("dinner 90 @kate 30 rest me").
   */
  value?: string;
}

export interface SplitSpec {
  method: SplitMethod;
  participants: SplitParticipant[];
  /** A group handle the split belongs to (its members become participants when none are listed). */
  group?: string;
  /** Handle of who paid the whole amount; "me" when absent. */
  paidBy?: string;
}

export interface ComputedShare {
  person: string;
  shareMinor: number;
  methodValue: string | null;
}

const POSITIVE_NUMBER = /^\d+(\.\d+)?$/;

/**
 * Divides `totalMinor` (positive) among the participants. The shares always sum exactly to the
 * total; remainders go deterministically (see money.allocate). `toMinor` converts an exact amount.
 */
export function computeShares(
  totalMinor: number,
  spec: SplitSpec,
  toMinor: (decimal: string) => number,
): ComputedShare[] {
  const people = spec.participants;
  if (people.length === 0) throw invalid('a split needs at least one participant');
  const seen = new Set<string>();
  for (const p of people) {
    if (seen.has(p.person)) throw invalid(`${p.person} appears twice in the split`);
    seen.add(p.person);
  }
  const total = Math.abs(totalMinor);
  const restAt = people.findIndex((p) => p.value === REST);
  if (restAt >= 0) return withRest(total, spec, restAt, toMinor);
  switch (spec.method) {
    case 'equal': {
      const parts = allocate(total, people.map(() => 1));
      return people.map((p, i) => ({ person: p.person, shareMinor: parts[i]!, methodValue: null }));
    }
    case 'exact': {
      const parts = people.map((p) => {
        if (!p.value) throw invalid(`exact split: give an amount for ${p.person}`);
        const minor = toMinor(p.value);
        if (minor < 0) throw invalid(`exact split: ${p.person}'s amount must not be negative`);
        return minor;
      });
      const sum = parts.reduce((a, b) => a + b, 0);
      if (sum !== total) throw invalid(`exact split amounts add up to ${sum} minor units, not the total ${total}`);
      return people.map((p, i) => ({ person: p.person, shareMinor: parts[i]!, methodValue: p.value! }));
    }
    case 'percent':
    case 'shares': {
      const weights = people.map((p) => {
        if (!p.value || !POSITIVE_NUMBER.test(p.value)) throw invalid(`${spec.method} split: give a number for ${p.person}`);
        return Number(p.value);
      });
      if (spec.method === 'percent') {
        const sum = weights.reduce((a, b) => a + b, 0);
        if (Math.abs(sum - 100) > 1e-9) throw invalid(`percent split adds up to ${sum}%, not 100%`);
      }
      const parts = allocate(total, weights);
      return people.map((p, i) => ({ person: p.person, shareMinor: parts[i]!, methodValue: p.value! }));
    }
  }
}

/** The participant who takes what the listed parts leave. */
export const REST = 'rest';

function withRest(total: number, spec: SplitSpec, restAt: number, toMinor: (decimal: string) => number): ComputedShare[] {
  const people = spec.participants;
  if (people.filter((p) => p.value === REST).length > 1) throw invalid('only one person can take the rest of a split');
  const rest = people[restAt]!.person;
  const others = people.filter((_, i) => i !== restAt);
  if (spec.method === 'exact') {
    const listed = others.map((p) => {
      if (!p.value) throw invalid(`exact split: give an amount for ${p.person}`);
      const minor = toMinor(p.value);
      if (minor < 0) throw invalid(`exact split: ${p.person}'s amount must not be negative`);
      return minor;
    });
    const left = total - listed.reduce((a, b) => a + b, 0);
    if (left < 0) throw invalid('exact split: the parts add up to more than the total');
    let k = 0;
    return people.map((p, i) => (i === restAt ? { person: rest, shareMinor: left, methodValue: REST } : { person: p.person, shareMinor: listed[k++]!, methodValue: p.value! }));
  }
  if (spec.method === 'percent') {
    const sum = others.reduce((a, p) => a + Number(p.value), 0);
    if (!(sum >= 0 && sum <= 100)) throw invalid(`percent split: the parts add up to ${sum}%, more than 100%`);
    const left = String(Math.round((100 - sum) * 1e6) / 1e6);
    const shares = computeShares(total, { ...spec, participants: people.map((p, i) => (i === restAt ? { person: p.person, value: left } : p)) }, toMinor);
    return shares.map((s, i) => (i === restAt ? { ...s, methodValue: REST } : s));
  }
  throw invalid(`a ${spec.method} split has no rest; give ${rest} a value`);
}

/**
 * Reads the CLI form: `equal:me,john,kate` · `exact:me=20,john=30` · `percent:me=60,john=40` ·
 * `shares:me=2,john=1` · `equal:@flatmates` · `exact:kate=30,tom=20,me=rest`. Names may carry an @.
 */
export function parseSplitText(text: string): SplitSpec {
  const m = /^\s*(equal|exact|percent|shares)\s*:\s*(.+)$/i.exec(text);
  if (!m) throw invalid(`invalid split "${text}": expected METHOD:NAME[=VALUE],… e.g. equal:me,john`);
  const method = m[1]!.toLowerCase() as SplitMethod;
  const participants: SplitParticipant[] = [];
  let group: string | undefined;
  for (const raw of m[2]!.split(',')) {
    const item = raw.trim();
    if (!item) continue;
    const [name, value] = item.split('=').map((s) => s.trim());
    if (!name) throw invalid(`invalid split "${text}"`);
    const person = name.replace(/^@/, '').toLowerCase();
    if (value !== undefined && value.toLowerCase() === REST) {
      participants.push({ person, value: REST });
      continue;
    }
    if (method !== 'equal' && value === undefined) throw invalid(`invalid split "${text}": ${name} needs =VALUE`);
    participants.push(value === undefined ? { person } : { person, value });
  }
  if (participants.length === 0) throw invalid(`invalid split "${text}": no participants`);
  if (method === 'equal' && participants.length === 1 && participants[0]!.person !== 'me') {
    // "equal:@flatmates" names a group or one other person; the caller resolves which.
    group = participants[0]!.person;
  }
  return group ? { method, participants, group } : { method, participants };
}
