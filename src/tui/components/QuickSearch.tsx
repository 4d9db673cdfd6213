import { useEffect, useReducer } from 'react';
import { Box, Text } from 'ink';
import { useKeys } from '../hooks/useKeys.js';
import type { Finch } from '../../core/index.js';
import type { SearchHit } from '../../core/index.js';
import { initialSearchState, orderHits, searchReducer } from '../state/search.js';
import { useLatest } from '../hooks/useLatest.js';
import { useTheme } from '../theme.js';
import { Spinner } from './Spinner.js';
import { TextInput, editLine } from './TextInput.js';

/** Ctrl+K: one search over transactions, people, groups, categories and statements. */
export function QuickSearch({ finch, width, height, onPick, onClose }: { finch: Finch; width: number; height: number; onPick: (hit: SearchHit) => void; onClose: () => void }) {
  const theme = useTheme();
  const [state, dispatch] = useReducer(searchReducer, undefined, initialSearchState);
  const latest = useLatest(state);

  useEffect(() => {
    const q = state.query.trim();
    if (!q) return;
    const timer = setTimeout(() => {
      finch
        .search(q, 8)
        .then((hits) => dispatch({ type: 'results', query: state.query, hits: orderHits(hits) }))
        .catch((e) => dispatch({ type: 'failed', query: state.query, error: e instanceof Error ? e.message : String(e) }));
    }, 80);
    return () => clearTimeout(timer);
  }, [finch, state.query]);

  useKeys((input, key) => {
    const s = latest.current;
    if (key.escape || (key.ctrl && input === 'k')) return onClose();
    if (key.upArrow) return dispatch({ type: 'move', delta: -1 });
    if (key.downArrow) return dispatch({ type: 'move', delta: 1 });
    if (key.return) {
      const hit = s.hits[s.cursor];
      if (hit && !s.loading) onPick(hit);
      return;
    }
    const v = editLine(s.query, input, key);
    if (v !== null) dispatch({ type: 'query', query: v });
  });

  const room = Math.max(1, height - 4);
  const start = Math.max(0, Math.min(state.cursor - room + 1, state.hits.length - room));
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1} width={width} height={height}>
      <Box>
        <Text bold>search </Text>
        <TextInput value={state.query} placeholder="transactions, people, groups, categories, statements" width={width - 12} />
        {state.loading ? (
          <Text color={theme.warn}>
            {' '}
            <Spinner />
          </Text>
        ) : null}
      </Box>
      {state.error ? <Text color={theme.error}>! {state.error}</Text> : null}
      {state.query.trim() && !state.loading && state.hits.length === 0 && !state.error ? <Text color={theme.muted}>no matches</Text> : null}
      {state.hits.slice(start, start + room).map((h, i) => (
        <Text key={`${h.kind}:${h.id}`} inverse={start + i === state.cursor} wrap="truncate-end">
          {start + i === state.cursor ? '▸ ' : '  '}
          <Text color={theme.accent}>{h.kind.padEnd(12)}</Text>
          {h.title} <Text color={theme.muted}>{h.detail}</Text>
        </Text>
      ))}
      <Box flexGrow={1} />
      <Text color={theme.muted}>↑↓ choose · Enter jump · Esc close</Text>
    </Box>
  );
}
