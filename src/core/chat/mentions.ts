import Fuse from 'fuse.js';
import { editDistance } from './rules/edit-distance.js';
import type { Ctx } from '../db/index.js';
import { listGroups, listPeople, type Group, type Person } from '../ledger/index.js';

export type MentionMatch =
  | { kind: 'person'; id: string; handle: string; name: string; exact: boolean }
  | { kind: 'group'; id: string; handle: string; name: string; exact: boolean; members: string[] };

export interface ResolvedMention {
  text: string;
  match: MentionMatch | null;
}

interface Candidate {
  kind: 'person' | 'group';
  handle: string;
  name: string;
  aliases: string[];
  person?: Person;
  group?: Group;
}

function toMatch(c: Candidate, exact: boolean): MentionMatch {
  if (c.kind === 'group') {
    const g = c.group!;
    return { kind: 'group', id: g.id, handle: g.handle, name: g.name, exact, members: g.members.map((m) => m.handle) };
  }
  const p = c.person!;
  return { kind: 'person', id: p.id, handle: p.handle, name: p.name, exact };
}


/**
 * Finds who each @name means among the user's people and groups: exact handle, name or alias
 * first, then a unique prefix, then a fuzzy match (so "@jhon" finds John). Unknown names come back
 * with `match: null` for the caller to offer creating them.
 */
export async function resolveMentions(ctx: Ctx, names: readonly string[]): Promise<ResolvedMention[]> {
  if (names.length === 0) return [];
  const [people, groups] = await Promise.all([listPeople(ctx), listGroups(ctx)]);
  const candidates: Candidate[] = [
    ...people.map((p) => ({ kind: 'person' as const, handle: p.handle, name: p.name.toLowerCase(), aliases: p.aliases.map((a) => a.toLowerCase()), person: p })),
    ...groups.map((g) => ({ kind: 'group' as const, handle: g.handle, name: g.name.toLowerCase(), aliases: [], group: g })),
  ];
  const fuse = new Fuse(candidates, {
    keys: [
      { name: 'handle', weight: 0.6 },
      { name: 'name', weight: 0.3 },
      { name: 'aliases', weight: 0.1 },
    ],
    includeScore: true,
    ignoreLocation: true,
    threshold: 0.4,
  });
  return names.map((raw) => {
    const text = raw.replace(/^@/, '').toLowerCase();
    const exact = candidates.find((c) => c.handle === text || c.name === text || c.aliases.includes(text) || c.name.split(/\s+/)[0] === text);
    if (exact) return { text, match: toMatch(exact, true) };
    const prefixed = candidates.filter((c) => c.handle.startsWith(text) || c.name.startsWith(text));
    if (prefixed.length === 1 && text.length >= 2) return { text, match: toMatch(prefixed[0]!, false) };
    // A typo: one edit away for short names, two for longer ones, and only one such candidate.
    const allowed = text.length <= 5 ? 1 : 2;
    const near = candidates.filter((c) => [c.handle, c.name.split(/\s+/)[0]!, ...c.aliases].some((n) => editDistance(text, n) <= allowed));
    if (near.length === 1) return { text, match: toMatch(near[0]!, false) };
    const [best] = fuse.search(text, { limit: 1 });
    return { text, match: best && (best.score ?? 1) <= 0.4 ? toMatch(best.item, false) : null };
  });
}
