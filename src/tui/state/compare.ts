import type { Comparison, MergeSuggestion, RowDecision } from '../../core/index.js';

export const ROW_FIELDS = ['date', 'amount', 'description'] as const;
export type RowField = (typeof ROW_FIELDS)[number];

export interface CompareState {
  data: Comparison | null;
  decisions: Record<number, RowDecision>;
  merges: MergeSuggestion[];
  loading: boolean;
  error: string | null;
  cursor: number;
  edit: { field: number; value: string | null; error?: string } | null;
  /** delete-old waits for y. */
  confirm: 'delete-old' | null;
  message: { text: string; tone: 'ok' | 'error' | 'info' } | null;
  busy: string | null;
  reload: number;
}

export const initialCompareState = (): CompareState => ({ data: null, decisions: {}, merges: [], loading: true, error: null, cursor: 0, edit: null, confirm: null, message: null, busy: null, reload: 0 });

export type CompareAction =
  | { type: 'loading' }
  | { type: 'loaded'; data: Comparison; decisions: Record<number, RowDecision>; merges: MergeSuggestion[] }
  | { type: 'load-failed'; error: string }
  | { type: 'move'; delta: number }
  | { type: 'edit-start' }
  | { type: 'edit-move'; delta: number }
  | { type: 'edit-value'; value: string | null }
  | { type: 'edit-error'; error: string }
  | { type: 'edit-close' }
  | { type: 'confirm'; confirm: 'delete-old' | null }
  | { type: 'message'; text: string; tone?: 'ok' | 'error' | 'info' }
  | { type: 'busy'; label: string | null }
  | { type: 'reload' };

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

export function compareReducer(state: CompareState, action: CompareAction): CompareState {
  switch (action.type) {
    case 'loading':
      return { ...state, loading: true, error: null };
    case 'loaded':
      return { ...state, loading: false, data: action.data, decisions: action.decisions, merges: action.merges, cursor: clamp(state.cursor, 0, Math.max(0, action.data.rows.length - 1)) };
    case 'load-failed':
      return { ...state, loading: false, error: action.error };
    case 'move':
      return { ...state, cursor: clamp(state.cursor + action.delta, 0, Math.max(0, (state.data?.rows.length ?? 1) - 1)), message: null };
    case 'edit-start':
      return state.data?.rows[state.cursor] ? { ...state, edit: { field: 0, value: null } } : state;
    case 'edit-move':
      return state.edit ? { ...state, edit: { field: clamp(state.edit.field + action.delta, 0, ROW_FIELDS.length - 1), value: null } } : state;
    case 'edit-value':
      return state.edit ? { ...state, edit: { field: state.edit.field, value: action.value } } : state;
    case 'edit-error':
      return state.edit ? { ...state, edit: { ...state.edit, error: action.error } } : state;
    case 'edit-close':
      return { ...state, edit: null };
    case 'confirm':
      return { ...state, confirm: action.confirm };
    case 'message':
      return { ...state, message: { text: action.text, tone: action.tone ?? 'info' } };
    case 'busy':
      return { ...state, busy: action.label };
    case 'reload':
      return { ...state, reload: state.reload + 1 };
  }
}

/** The pending merge suggestion for this statement, if any. */
export function pendingMerge(state: CompareState): MergeSuggestion | undefined {
  return state.merges.find((m) => m.status === 'pending');
}

/** Rows needing review first? No: rows keep statement order; this counts them for the header. */
export function reviewCount(state: CompareState): number {
  return state.data?.rows.filter((r) => r.review.length > 0 && state.decisions[r.index] === undefined).length ?? 0;
}
