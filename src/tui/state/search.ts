import type { SearchHit } from '../../core/index.js';

export interface SearchState {
  query: string;
  hits: SearchHit[];
  cursor: number;
  loading: boolean;
  error: string | null;
}

export const initialSearchState = (): SearchState => ({ query: '', hits: [], cursor: 0, loading: false, error: null });

export type SearchAction =
  | { type: 'query'; query: string }
  | { type: 'results'; query: string; hits: SearchHit[] }
  | { type: 'failed'; query: string; error: string }
  | { type: 'move'; delta: number };

export function searchReducer(state: SearchState, action: SearchAction): SearchState {
  switch (action.type) {
    case 'query':
      return { ...state, query: action.query, loading: action.query.trim().length > 0, cursor: 0, ...(action.query.trim() ? {} : { hits: [] }) };
    case 'results':
      // An answer to an older query is dropped.
      return action.query === state.query ? { ...state, hits: action.hits, loading: false, error: null, cursor: 0 } : state;
    case 'failed':
      return action.query === state.query ? { ...state, loading: false, error: action.error } : state;
    case 'move':
      return { ...state, cursor: state.hits.length ? (state.cursor + action.delta + state.hits.length) % state.hits.length : 0 };
  }
}

/** The kinds quick search covers, in the order they are listed. */
export const SEARCH_KINDS = ['transaction', 'person', 'group', 'category', 'statement', 'account'] as const;

export function orderHits(hits: readonly SearchHit[]): SearchHit[] {
  return [...hits].sort((a, b) => SEARCH_KINDS.indexOf(a.kind) - SEARCH_KINDS.indexOf(b.kind));
}
