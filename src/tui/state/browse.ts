import type { Transaction } from '../../core/index.js';

export interface BrowseFilter {
  text?: string;
  category?: string;
  tag?: string;
  from?: string;
  to?: string;
  type?: 'expense' | 'income' | 'transfer';
  account?: string;
}

export const FILTER_FIELDS = ['text', 'category', 'tag', 'account', 'from', 'to', 'type'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
export const BROWSE_SORT_KEYS = ['date', 'amount', 'description'] as const;
export type BrowseSort = (typeof BROWSE_SORT_KEYS)[number];

export interface BrowseState {
  rows: Transaction[];
  loading: boolean;
  error: string | null;
  cursor: number;
  selected: string[];
  sort: BrowseSort;
  order: 'asc' | 'desc';
  filter: BrowseFilter;
  /** The filter panel: which field, and the value being typed (null while choosing). */
  panel: { field: number; value: string | null } | null;
  /** A bulk action asking for its argument. */
  prompt: { action: 'recategorize' | 'tag'; value: string } | null;
  /** Delete waits for y. */
  confirm: { count: number } | null;
  /** The inline assistant: a category for the selected rows. */
  assistant: { text: string; category: string | null } | null;
  message: { text: string; tone: 'ok' | 'error' | 'info' } | null;
  busy: string | null;
  /** Bumped to reload the list. */
  reload: number;
  /** Put the cursor on this transaction once it is loaded. */
  focusId: string | null;
}

export const initialBrowseState = (filter: BrowseFilter = {}, focusId: string | null = null): BrowseState => ({
  rows: [],
  loading: true,
  error: null,
  cursor: 0,
  selected: [],
  sort: 'date',
  order: 'desc',
  filter,
  panel: null,
  prompt: null,
  confirm: null,
  assistant: null,
  message: null,
  busy: null,
  reload: 0,
  focusId,
});

export type BrowseAction =
  | { type: 'loading' }
  | { type: 'loaded'; rows: Transaction[] }
  | { type: 'load-failed'; error: string }
  | { type: 'move'; delta: number }
  | { type: 'toggle' }
  | { type: 'toggle-all' }
  | { type: 'sort-next' }
  | { type: 'order-flip' }
  | { type: 'panel-open' }
  | { type: 'panel-close' }
  | { type: 'panel-move'; delta: number }
  | { type: 'panel-edit'; value: string | null }
  | { type: 'panel-set'; field: FilterField; value: string }
  | { type: 'filter'; filter: BrowseFilter }
  | { type: 'prompt'; prompt: BrowseState['prompt'] }
  | { type: 'confirm'; confirm: BrowseState['confirm'] }
  | { type: 'assistant'; assistant: BrowseState['assistant'] }
  | { type: 'message'; text: string; tone?: 'ok' | 'error' | 'info' }
  | { type: 'busy'; label: string | null }
  | { type: 'reload' };

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** The rows a bulk action works on: the selection, else the row under the cursor. */
export function targetIds(state: BrowseState): string[] {
  if (state.selected.length) return state.selected;
  const row = state.rows[state.cursor];
  return row ? [row.id] : [];
}

export function browseReducer(state: BrowseState, action: BrowseAction): BrowseState {
  switch (action.type) {
    case 'loading':
      return { ...state, loading: true, error: null };
    case 'loaded': {
      const ids = new Set(action.rows.map((r) => r.id));
      const focusAt = state.focusId ? action.rows.findIndex((r) => r.id === state.focusId) : -1;
      return {
        ...state,
        loading: false,
        rows: action.rows,
        cursor: focusAt >= 0 ? focusAt : clamp(state.cursor, 0, Math.max(0, action.rows.length - 1)),
        selected: state.selected.filter((id) => ids.has(id)),
        focusId: focusAt >= 0 ? null : state.focusId,
      };
    }
    case 'load-failed':
      return { ...state, loading: false, error: action.error };
    case 'move':
      return { ...state, cursor: clamp(state.cursor + action.delta, 0, Math.max(0, state.rows.length - 1)) };
    case 'toggle': {
      const row = state.rows[state.cursor];
      if (!row) return state;
      const selected = state.selected.includes(row.id) ? state.selected.filter((id) => id !== row.id) : [...state.selected, row.id];
      return { ...state, selected, cursor: clamp(state.cursor + 1, 0, Math.max(0, state.rows.length - 1)) };
    }
    case 'toggle-all':
      return { ...state, selected: state.selected.length === state.rows.length ? [] : state.rows.map((r) => r.id) };
    case 'sort-next': {
      const sort = BROWSE_SORT_KEYS[(BROWSE_SORT_KEYS.indexOf(state.sort) + 1) % BROWSE_SORT_KEYS.length]!;
      return { ...state, sort, order: sort === 'description' ? 'asc' : 'desc', loading: true };
    }
    case 'order-flip':
      return { ...state, order: state.order === 'asc' ? 'desc' : 'asc', loading: true };
    case 'panel-open':
      return { ...state, panel: { field: 0, value: null } };
    case 'panel-close':
      return { ...state, panel: null };
    case 'panel-move':
      return state.panel ? { ...state, panel: { field: clamp(state.panel.field + action.delta, 0, FILTER_FIELDS.length - 1), value: null } } : state;
    case 'panel-edit':
      return state.panel ? { ...state, panel: { ...state.panel, value: action.value } } : state;
    case 'panel-set': {
      const filter = { ...state.filter } as Record<string, string | undefined>;
      const v = action.value.trim();
      if (v) filter[action.field] = v;
      else delete filter[action.field];
      return { ...state, filter: filter as BrowseFilter, panel: state.panel ? { ...state.panel, value: null } : null, cursor: 0, selected: [], loading: true };
    }
    case 'filter':
      return { ...state, filter: action.filter, cursor: 0, selected: [], loading: true };
    case 'prompt':
      return { ...state, prompt: action.prompt };
    case 'confirm':
      return { ...state, confirm: action.confirm };
    case 'assistant':
      return { ...state, assistant: action.assistant };
    case 'message':
      return { ...state, message: { text: action.text, tone: action.tone ?? 'info' } };
    case 'busy':
      return { ...state, busy: action.label };
    case 'reload':
      return { ...state, reload: state.reload + 1, loading: true };
  }
}

/** Most rows agree on one category: the assistant offers it. */
export function majorityCategory(guesses: ReadonlyArray<string | null>): { category: string; votes: number } | null {
  const tally = new Map<string, number>();
  for (const g of guesses) if (g) tally.set(g, (tally.get(g) ?? 0) + 1);
  let best: { category: string; votes: number } | null = null;
  for (const [category, votes] of tally) if (!best || votes > best.votes) best = { category, votes };
  return best;
}

export function filterSummary(f: BrowseFilter): string {
  const parts = Object.entries(f)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(' ') : 'none';
}
