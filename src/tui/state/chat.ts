import type { Suggestion } from '../../core/index.js';
import type { Stage } from '../../core/index.js';

/** The fields a card shows and `e` edits, in order. */
export const CARD_FIELDS = ['amount', 'currency', 'type', 'date', 'description', 'merchant', 'category', 'mentions', 'tags'] as const;
export type CardField = (typeof CARD_FIELDS)[number];

export interface CardResult {
  messageId: string | null;
  suggestion: Suggestion;
  answeredBy: string;
  notes: string[];
  /** @name → who it resolved to (handle), or null for somebody new. */
  mentions: Array<{ text: string; handle: string | null }>;
}

export type StageStatus = 'waiting' | 'started' | 'ok' | 'failed' | 'skipped';

export type ChatItem =
  | { kind: 'user'; id: number; text: string }
  | { kind: 'finch'; id: number; text: string; tone: 'info' | 'ok' | 'error' }
  | { kind: 'card'; id: number; result: CardResult; status: 'pending' | 'saving' | 'saved' | 'discarded'; savedId?: string; error?: string }
  | { kind: 'import'; id: number; ref: string; filename: string; stages: Array<{ stage: Stage; status: StageStatus; ms?: number }>; status: 'running' | 'done' | 'failed'; summary?: string; statementId?: string };

export interface CardEdit {
  field: number;
  /** The value being typed, once Enter opened the field; null while choosing a field. */
  value: string | null;
  error?: string;
}

export interface ChatState {
  items: ChatItem[];
  nextId: number;
  input: string;
  mode: 'rules' | 'ai';
  /** Who answered the last message: "rules" or an AI provider. */
  provider: string | null;
  /** What is running now (shown with a spinner); input stays live. */
  busy: string | null;
  focus: 'input' | 'card';
  /** The card Enter/e/x act on. */
  cardId: number | null;
  edit: CardEdit | null;
  /** The highlighted autocomplete entry. */
  acIndex: number;
  /** Esc hid the autocomplete list until the next keystroke. */
  acHidden: boolean;
  account: string | null;
  lastStatementId: string | null;
}

export const initialChatState = (over: Partial<ChatState> = {}): ChatState => ({
  items: [],
  nextId: 1,
  input: '',
  mode: 'rules',
  provider: null,
  busy: null,
  focus: 'input',
  cardId: null,
  edit: null,
  acIndex: 0,
  acHidden: false,
  account: null,
  lastStatementId: null,
  ...over,
});

export type ChatAction =
  | { type: 'input'; value: string }
  | { type: 'ac-move'; delta: number; size: number }
  | { type: 'ac-hide' }
  | { type: 'say'; who: 'user' | 'finch'; text: string; tone?: 'info' | 'ok' | 'error' }
  | { type: 'busy'; label: string | null }
  | { type: 'parsed'; result: CardResult }
  | { type: 'card-status'; id: number; status: 'pending' | 'saving' | 'saved' | 'discarded'; savedId?: string; error?: string }
  | { type: 'card-update'; id: number; suggestion: Suggestion; mentions?: CardResult['mentions'] }
  | { type: 'focus'; focus: 'input' | 'card' }
  | { type: 'edit-start' }
  | { type: 'edit-move'; delta: number }
  | { type: 'edit-open'; value: string | null }
  | { type: 'edit-type'; value: string }
  | { type: 'edit-error'; error: string }
  | { type: 'edit-close' }
  | { type: 'mode'; mode: 'rules' | 'ai' }
  | { type: 'account'; name: string }
  | { type: 'import-start'; ref: string; filename: string; stages: readonly Stage[] }
  | { type: 'import-progress'; ref: string; stage: Stage; status: StageStatus; ms?: number }
  | { type: 'import-end'; ref: string; status: 'done' | 'failed'; summary: string; statementId?: string };

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** The card Enter/e/x act on, if it is still waiting for a decision. */
export function pendingCard(state: ChatState): Extract<ChatItem, { kind: 'card' }> | undefined {
  const c = state.items.find((i) => i.id === state.cardId);
  return c?.kind === 'card' && c.status === 'pending' ? c : undefined;
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  const add = (item: ChatItem): ChatState => ({ ...state, items: [...state.items, item], nextId: state.nextId + 1 });
  const mapItem = (id: number, fn: (i: ChatItem) => ChatItem): ChatItem[] => state.items.map((i) => (i.id === id ? fn(i) : i));
  const mapImport = (ref: string, fn: (i: Extract<ChatItem, { kind: 'import' }>) => ChatItem): ChatItem[] => state.items.map((i) => (i.kind === 'import' && i.ref === ref ? fn(i) : i));
  switch (action.type) {
    case 'input':
      return { ...state, input: action.value, acIndex: 0, acHidden: false };
    case 'ac-move':
      return { ...state, acIndex: action.size ? (state.acIndex + action.delta + action.size) % action.size : 0 };
    case 'ac-hide':
      return { ...state, acHidden: true };
    case 'say':
      return add(action.who === 'user' ? { kind: 'user', id: state.nextId, text: action.text } : { kind: 'finch', id: state.nextId, text: action.text, tone: action.tone ?? 'info' });
    case 'busy':
      return { ...state, busy: action.label };
    case 'parsed': {
      const next = add({ kind: 'card', id: state.nextId, result: action.result, status: 'pending' });
      return { ...next, provider: action.result.answeredBy, busy: null, focus: 'card', cardId: state.nextId, edit: null };
    }
    case 'card-status': {
      const items = mapItem(action.id, (i) => (i.kind === 'card' ? { ...i, status: action.status, savedId: action.savedId ?? i.savedId, error: action.error } : i));
      const done = action.status === 'saved' || action.status === 'discarded';
      return { ...state, items, ...(done && state.cardId === action.id ? { focus: 'input' as const, edit: null } : {}) };
    }
    case 'card-update':
      return { ...state, items: mapItem(action.id, (i) => (i.kind === 'card' ? { ...i, result: { ...i.result, suggestion: action.suggestion, mentions: action.mentions ?? i.result.mentions }, error: undefined } : i)), edit: state.edit ? { field: state.edit.field, value: null } : null };
    case 'focus':
      if (action.focus === 'card' && !pendingCard(state)) return state;
      return { ...state, focus: action.focus, edit: null };
    case 'edit-start':
      return pendingCard(state) ? { ...state, focus: 'card', edit: { field: 0, value: null } } : state;
    case 'edit-move':
      return state.edit ? { ...state, edit: { ...state.edit, field: clamp(state.edit.field + action.delta, 0, CARD_FIELDS.length - 1), error: undefined } } : state;
    case 'edit-open':
      return state.edit ? { ...state, edit: { field: state.edit.field, value: action.value } } : state;
    case 'edit-type':
      return state.edit && state.edit.value !== null ? { ...state, edit: { ...state.edit, value: action.value } } : state;
    case 'edit-error':
      return state.edit ? { ...state, edit: { ...state.edit, error: action.error } } : state;
    case 'edit-close':
      return { ...state, edit: null };
    case 'mode':
      return { ...state, mode: action.mode };
    case 'account':
      return { ...state, account: action.name };
    case 'import-start':
      return add({ kind: 'import', id: state.nextId, ref: action.ref, filename: action.filename, stages: action.stages.map((stage) => ({ stage, status: 'waiting' })), status: 'running' });
    case 'import-progress':
      return {
        ...state,
        items: mapImport(action.ref, (i) => ({ ...i, stages: i.stages.map((s) => (s.stage === action.stage ? { ...s, status: action.status, ms: action.ms } : s)) })),
      };
    case 'import-end':
      return {
        ...state,
        busy: null,
        lastStatementId: action.statementId ?? state.lastStatementId,
        items: mapImport(action.ref, (i) => ({ ...i, status: action.status, summary: action.summary, statementId: action.statementId, stages: action.status === 'failed' ? failStages(i.stages) : i.stages })),
      };
  }
}

/** A failed import: the stage that was running (or the first one, when it failed before any) failed. */
function failStages(stages: Extract<ChatItem, { kind: 'import' }>['stages']): Extract<ChatItem, { kind: 'import' }>['stages'] {
  if (stages.some((s) => s.status === 'failed')) return stages;
  const at = stages.findIndex((s) => s.status === 'started' || s.status === 'waiting');
  return stages.map((s, i) => (i === at ? { ...s, status: 'failed' as const } : s));
}

/** What a card shows for a field. */
export function fieldText(result: CardResult, field: CardField): string {
  const s = result.suggestion;
  const who = (name: string) => {
    const m = result.mentions.find((x) => x.text === name);
    return m?.handle ? `@${m.handle}` : `@${name} (new)`;
  };
  switch (field) {
    case 'amount':
      return s.amount;
    case 'currency':
      return s.currency;
    case 'type':
      return s.type;
    case 'date':
      return s.date;
    case 'description':
      return s.description;
    case 'merchant':
      return s.merchant ?? '';
    case 'category':
      return s.category;
    case 'mentions':
      return [...s.mentions.map(who), ...(s.split ? [`split equally with ${s.split.with.length ? s.split.with.map(who).join(', ') : `${s.split.ways ?? 2} ways`}`] : [])].join(' ');
    case 'tags':
      return s.tags.map((t) => `#${t}`).join(' ');
  }
}

/** The value the inline editor starts from. */
export function fieldEditValue(s: Suggestion, field: CardField): string {
  switch (field) {
    case 'mentions':
      return s.mentions.join(' ');
    case 'tags':
      return s.tags.join(' ');
    case 'merchant':
      return s.merchant ?? '';
    default:
      return String(s[field]);
  }
}

/** How sure the parser is of a field: its own confidence where it has one, else the overall one. */
export function fieldConfidence(s: Suggestion, field: CardField): number {
  const f = s.fieldConfidence as Partial<Record<string, number>>;
  return f[field] ?? (field === 'currency' ? (f.amount ?? s.confidence) : s.confidence);
}
