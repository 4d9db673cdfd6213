import { inTransaction, type Ctx } from '../db/index.js';
import { FinchError } from '../errors/index.js';
import { addPerson, addTransaction, linkMentionsToMessage, type SplitSpec, type TransactionDetail } from '../ledger/index.js';
import type { Suggestion } from './rules/index.js';
import { resolveMentions, type ResolvedMention } from './mentions.js';
import { updateMessage } from './history.js';

export interface SaveOptions {
  /** Account to book it on (by name). */
  account?: string;
  /** Create people for @names that match nobody (the CLI asks first, or --yes). */
  createPeople?: boolean;
  /** The chat message this suggestion came from; it is marked saved and linked. */
  /** The chat message the suggestion came from (`chat.parse` gives `string | null`). */
  messageId?: string | null;
}

/**
 * Saves a (possibly edited) suggestion: the transaction, its mentions and splits, any new people,
 * and the chat message's new status — all in one database transaction.
 */
export async function saveSuggestion(ctx: Ctx, suggestion: Suggestion, options: SaveOptions = {}): Promise<TransactionDetail> {
  return inTransaction(ctx, async (tx) => {
    const names = [...new Set([...suggestion.mentions, ...(suggestion.split?.with ?? [])])];
    const resolved = await resolveMentions(tx, names);
    const handleOf = new Map<string, ResolvedMention['match']>();
    for (const r of resolved) {
      if (r.match) {
        handleOf.set(r.text, r.match);
        continue;
      }
      if (!options.createPeople) {
        throw new FinchError('NOT_FOUND', `@${r.text} is nobody you know yet: add them with finch people add ${r.text} (or save with --yes to create them)`);
      }
      const p = await addPerson(tx, { name: r.text });
      handleOf.set(r.text, { kind: 'person', id: p.id, handle: p.handle, name: p.name, exact: true });
    }
    const mentionHandles = suggestion.mentions.map((m) => handleOf.get(m)!.handle);
    const split = splitFor(suggestion, handleOf);
    const saved = await addTransaction(tx, {
      amount: suggestion.amount,
      currency: suggestion.currency,
      date: suggestion.date,
      description: suggestion.description || suggestion.merchant || 'chat entry',
      merchant: suggestion.merchant ?? undefined,
      category: suggestion.category,
      type: suggestion.type,
      tags: suggestion.tags,
      mentions: mentionHandles,
      split,
      account: options.account,
      source: 'chat',
      sourceRef: options.messageId ?? undefined,
    });
    if (options.messageId) {
      await linkMentionsToMessage(tx, saved.id, options.messageId);
      await updateMessage(tx, options.messageId, { status: 'saved', parsed: suggestion, transactionId: saved.id });
    }
    return saved;
  });
}

/**
 * A split phrase ("split with @a @b") shares the cost equally with me; so does mentioning a
 * group, whose members are the participants. Mentioning a person alone ("lunch with @john") is
 * only a mention.
 */
function splitFor(s: Suggestion, handles: Map<string, ResolvedMention['match']>): SplitSpec | undefined {
  const groupMention = s.mentions.map((m) => handles.get(m)).find((m) => m?.kind === 'group');
  if (s.split) {
    const matches = s.split.with.map((w) => handles.get(w)!);
    const group = matches.find((m) => m.kind === 'group');
    if (group && matches.length === 1) return { method: 'equal', participants: [], group: group.handle };
    return { method: 'equal', participants: [{ person: 'me' }, ...matches.filter((m) => m.kind === 'person').map((m) => ({ person: m.handle }))] };
  }
  if (groupMention) return { method: 'equal', participants: [], group: groupMention.handle };
  return undefined;
}
