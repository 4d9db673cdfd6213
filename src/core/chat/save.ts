import { inTransaction, type Ctx } from '../db/index.js';
import { FinchError } from '../errors/index.js';
import { REST, addPerson, addTransaction, linkMentionsToMessage, recordRepayment, type SplitParticipant, type SplitSpec, type TransactionDetail } from '../ledger/index.js';
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
    const handleOf = await resolveNames(tx, namesIn(suggestion), options.createPeople ?? false);
    const handle = (name: string) => (name.replace(/^@/, '').toLowerCase() === 'me' ? 'me' : handleOf.get(name.replace(/^@/, '').toLowerCase())!.handle);
    const saved = suggestion.repayment
      ? await recordRepayment(tx, {
          person: handle(suggestion.repayment.person),
          direction: suggestion.repayment.direction,
          amount: suggestion.amount.replace(/^[+-]/, ''),
          currency: suggestion.currency,
          date: suggestion.date,
          account: options.account,
          description: suggestion.description || undefined,
          source: 'chat',
          sourceRef: options.messageId ?? undefined,
        })
      : await saveEntry(tx, suggestion, options, handleOf, handle);
    if (options.messageId) {
      await linkMentionsToMessage(tx, saved.id, options.messageId);
      await updateMessage(tx, options.messageId, { status: 'saved', parsed: suggestion, transactionId: saved.id });
    }
    return saved;
  });
}

type Handles = Map<string, NonNullable<ResolvedMention['match']>>;

async function saveEntry(ctx: Ctx, s: Suggestion, options: SaveOptions, handleOf: Handles, handle: (name: string) => string): Promise<TransactionDetail> {
  const payer = s.payer && handle(s.payer) !== 'me' ? handle(s.payer) : undefined;
  const mentions = [...new Set([...s.mentions.map(handle), ...(payer ? [payer] : [])])].filter((h) => h !== 'me');
  return addTransaction(ctx, {
    amount: s.amount,
    currency: s.currency,
    date: s.date,
    description: s.description || s.merchant || 'chat entry',
    merchant: s.merchant ?? undefined,
    category: s.category,
    type: s.type,
    tags: s.tags,
    mentions,
    split: splitFor(s, handleOf, handle),
    payer,
    // Someone else paid: the money did not go through my account.
    account: payer ? undefined : options.account,
    source: 'chat',
    sourceRef: options.messageId ?? undefined,
  });
}

/** Every @name a suggestion refers to: mentions, split participants, the payer, the person repaid. */
function namesIn(s: Suggestion): string[] {
  const names = [
    ...s.mentions,
    ...(s.split?.with ?? []),
    ...(s.split?.parts ?? []).map((p) => p.who),
    ...(s.split?.rest ? [s.split.rest] : []),
    ...(s.payer ? [s.payer] : []),
    ...(s.repayment ? [s.repayment.person] : []),
  ].map((n) => n.replace(/^@/, '').toLowerCase());
  return [...new Set(names.filter((n) => n && n !== 'me'))];
}

async function resolveNames(ctx: Ctx, names: string[], createPeople: boolean): Promise<Handles> {
  const handleOf: Handles = new Map();
  for (const r of await resolveMentions(ctx, names)) {
    if (r.match) {
      handleOf.set(r.text, r.match);
      continue;
    }
    if (!createPeople) {
      throw new FinchError('NOT_FOUND', `@${r.text} is nobody you know yet: add them as a person first, or save with creating new people allowed`);
    }
    const p = await addPerson(ctx, { name: r.text });
    handleOf.set(r.text, { kind: 'person', id: p.id, handle: p.handle, name: p.name, exact: true });
  }
  return handleOf;
}

/**
 * A split phrase ("split with @a @b") shares the cost equally with me; so does mentioning a
 * group, whose members are the participants. Parts ("@kate 30 @tom 20 rest me", "60/40 with
 * @kate") give each named person an amount, a percent or a share count, and "rest" names who takes
 * what they leave. Mentioning a person alone ("lunch with @john") is only a mention.
 */
function splitFor(s: Suggestion, handles: Handles, handle: (name: string) => string): SplitSpec | undefined {
  const groupMention = s.mentions.map((m) => handles.get(m.replace(/^@/, '').toLowerCase())).find((m) => m?.kind === 'group');
  if (!s.split) return groupMention ? { method: 'equal', participants: [], group: groupMention.handle } : undefined;
  const withMatches = s.split.with.map((w) => handles.get(w.replace(/^@/, '').toLowerCase())!);
  const group = withMatches.find((m) => m.kind === 'group') ?? groupMention;
  if (s.split.method === 'equal' || !s.split.parts?.length) {
    if (group && withMatches.filter((m) => m.kind === 'person').length === 0) return { method: 'equal', participants: [], group: group.handle };
    return { method: 'equal', participants: [{ person: 'me' }, ...withMatches.filter((m) => m.kind === 'person').map((m) => ({ person: m.handle }))] };
  }
  const participants: SplitParticipant[] = s.split.parts.map((p) => ({ person: handle(p.who), value: p.value }));
  const rest = s.split.rest ? handle(s.split.rest) : undefined;
  if (rest && !participants.some((p) => p.person === rest)) participants.push({ person: rest, value: REST });
  return { method: s.split.method, participants, ...(group ? { group: group.handle } : {}) };
}
