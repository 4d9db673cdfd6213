import { useEffect, useReducer } from 'react';
import { Box, Text } from 'ink';
import { useKeys } from '../hooks/useKeys.js';
import type { Finch } from '../../core/index.js';
import { FILTER_FIELDS, browseReducer, filterSummary, initialBrowseState, majorityCategory, targetIds, type BrowseFilter } from '../state/browse.js';
import { useLatest } from '../hooks/useLatest.js';
import { useMounted } from '../hooks/useMounted.js';
import { StatusBar } from '../components/StatusBar.js';
import { editLine } from '../components/TextInput.js';
import { ROW_FIXED, TransactionRow } from '../components/TransactionRow.js';
import { FilterPanel } from '../components/FilterPanel.js';
import { useTheme } from '../theme.js';

export interface BrowseViewProps {
  finch: Finch;
  active: boolean;
  width: number;
  height: number;
  filter?: BrowseFilter;
  focusId?: string;
  back: () => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const HINT = '↑↓ move · space select · a all · f filter · s sort · o order · c category · t tag · d delete · g accept hint · Esc back';

export function BrowseView(props: BrowseViewProps) {
  const { finch, width, height } = props;
  const theme = useTheme();
  const [state, dispatch] = useReducer(browseReducer, undefined, () => initialBrowseState(props.filter ?? {}, props.focusId ?? null));
  const latest = useLatest(state);
  const mounted = useMounted();

  // Load the list whenever the filter, the sort or the data change; stale answers are dropped.
  useEffect(() => {
    let current = true;
    dispatch({ type: 'loading' });
    finch.transactions
      .list({ ...state.filter, sort: state.sort, order: state.order, limit: 2000 })
      .then((rows) => current && dispatch({ type: 'loaded', rows }))
      .catch((e) => current && dispatch({ type: 'load-failed', error: message(e) }));
    return () => {
      current = false;
    };
  }, [finch, JSON.stringify(state.filter), state.sort, state.order, state.reload]);

  // The assistant line: a category for the rows the next action would touch.
  const targets = targetIds(state);
  const targetKey = targets.join(',');
  useEffect(() => {
    let current = true;
    const rows = state.rows.filter((r) => targets.includes(r.id)).slice(0, 50);
    if (rows.length === 0) {
      dispatch({ type: 'assistant', assistant: null });
      return;
    }
    const timer = setTimeout(() => {
      finch.categories
        .suggest(rows.map((r) => (r.merchant ? `${r.merchant} ${r.description}` : r.description)))
        .then((guesses) => {
          if (!current) return;
          const best = majorityCategory(guesses);
          if (!best) return dispatch({ type: 'assistant', assistant: { text: 'no category suggestion for these rows', category: null } });
          const all = rows.every((r) => r.category === best.category);
          dispatch({
            type: 'assistant',
            assistant: all
              ? { text: `${rows.length === 1 ? 'this row is' : 'these rows are'} already ${best.category}`, category: null }
              : { text: `${best.votes} of ${rows.length} look like ${best.category}: g recategorizes ${rows.length === 1 ? 'it' : 'them'}`, category: best.category },
          });
        })
        .catch(() => current && dispatch({ type: 'assistant', assistant: { text: 'no suggestion (the categoriser failed)', category: null } }));
    }, 100);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [finch, targetKey, state.rows]);

  async function run(label: string, fn: () => Promise<number>, done: string) {
    dispatch({ type: 'busy', label });
    try {
      const n = await fn();
      if (!mounted.current) return;
      dispatch({ type: 'message', text: `${done} ${n} transaction${n === 1 ? '' : 's'}`, tone: 'ok' });
      dispatch({ type: 'reload' });
    } catch (e) {
      if (mounted.current) dispatch({ type: 'message', text: message(e), tone: 'error' });
    } finally {
      if (mounted.current) dispatch({ type: 'busy', label: null });
    }
  }

  useKeys(
    (input, key) => {
      const s = latest.current;
      if (key.ctrl && input === 'k') return;
      if (s.confirm) {
        if (input === 'y' || input === 'Y') {
          const ids = targetIds(s);
          dispatch({ type: 'confirm', confirm: null });
          void run('deleting…', () => finch.transactions.bulk.delete({ ids }), 'deleted');
        } else if (input === 'n' || key.escape || input === 'N') {
          dispatch({ type: 'confirm', confirm: null });
          dispatch({ type: 'message', text: 'nothing deleted' });
        }
        return;
      }
      if (s.prompt) {
        const p = s.prompt;
        if (key.escape) return dispatch({ type: 'prompt', prompt: null });
        if (key.return) {
          const ids = targetIds(s);
          const value = p.value.trim();
          dispatch({ type: 'prompt', prompt: null });
          if (!value) return;
          if (p.action === 'recategorize') void run('recategorizing…', () => finch.transactions.bulk.recategorize({ ids }, value), `recategorized as ${value}:`);
          else void run('tagging…', () => finch.transactions.bulk.tag({ ids }, value.split(/[\s,]+/).map((t) => t.replace(/^#/, '')).filter(Boolean)), 'tagged');
          return;
        }
        const v = editLine(p.value, input, key);
        if (v !== null) dispatch({ type: 'prompt', prompt: { ...p, value: v } });
        return;
      }
      if (s.panel) {
        const field = FILTER_FIELDS[s.panel.field]!;
        if (s.panel.value !== null) {
          if (key.return) return dispatch({ type: 'panel-set', field, value: s.panel.value });
          if (key.escape) return dispatch({ type: 'panel-edit', value: null });
          const v = editLine(s.panel.value, input, key);
          if (v !== null) dispatch({ type: 'panel-edit', value: v });
          return;
        }
        if (key.upArrow) return dispatch({ type: 'panel-move', delta: -1 });
        if (key.downArrow) return dispatch({ type: 'panel-move', delta: 1 });
        if (key.return) return dispatch({ type: 'panel-edit', value: s.filter[field] ?? '' });
        if (key.backspace || key.delete) return dispatch({ type: 'panel-set', field, value: '' });
        if (key.escape || input === 'f') return dispatch({ type: 'panel-close' });
        return;
      }
      if (key.upArrow) return dispatch({ type: 'move', delta: -1 });
      if (key.downArrow) return dispatch({ type: 'move', delta: 1 });
      if (key.pageUp) return dispatch({ type: 'move', delta: -10 });
      if (key.pageDown) return dispatch({ type: 'move', delta: 10 });
      if (input === ' ') return dispatch({ type: 'toggle' });
      if (input === 'a') return dispatch({ type: 'toggle-all' });
      if (input === 's') return dispatch({ type: 'sort-next' });
      if (input === 'o') return dispatch({ type: 'order-flip' });
      if (input === 'f' || input === '/') return dispatch({ type: 'panel-open' });
      if (input === 'r') return dispatch({ type: 'reload' });
      const count = targetIds(s).length;
      if (count === 0) return;
      if (input === 'c') return dispatch({ type: 'prompt', prompt: { action: 'recategorize', value: '' } });
      if (input === 't') return dispatch({ type: 'prompt', prompt: { action: 'tag', value: '' } });
      if (input === 'd') return dispatch({ type: 'confirm', confirm: { count } });
      if (input === 'g' && s.assistant?.category) {
        const ids = targetIds(s);
        const category = s.assistant.category;
        return void run('recategorizing…', () => finch.transactions.bulk.recategorize({ ids }, category), `recategorized as ${category}:`);
      }
      if (key.escape || input === 'q') return props.back();
    },
    props.active,
  );

  const panelLines = state.panel ? FILTER_FIELDS.length + 2 : 0;
  const visible = Math.max(1, height - 5 - panelLines);
  const offset = Math.max(0, Math.min(state.cursor - Math.floor(visible / 2), state.rows.length - visible));
  const shown = state.rows.slice(offset, offset + visible);
  const descWidth = Math.max(10, width - ROW_FIXED - 1);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate-end">
        <Text bold>transactions</Text> {state.loading ? 'loading…' : `${state.rows.length} shown`} · {state.selected.length} selected · sort {state.sort} {state.order === 'asc' ? '↑' : '↓'} · filter {filterSummary(state.filter)}
      </Text>
      {state.panel ? <FilterPanel filter={state.filter} field={state.panel.field} value={state.panel.value} /> : null}
      <Box flexDirection="column" height={visible} flexShrink={0} overflow="hidden">
        {state.error ? <Text color={theme.error}>! {state.error}</Text> : null}
        {!state.loading && !state.error && state.rows.length === 0 ? <Text color={theme.muted}>no transactions match</Text> : null}
        {shown.map((t, i) => (
          <TransactionRow key={t.id} tx={t} cursor={offset + i === state.cursor} selected={state.selected.includes(t.id)} descWidth={descWidth} />
        ))}
      </Box>
      <Text color={theme.accent} wrap="truncate-end">
        assistant › {state.assistant ? state.assistant.text : targets.length ? 'thinking…' : 'select rows for a category suggestion'}
      </Text>
      {state.confirm ? (
        <Text color={theme.warn} bold>
          delete {state.confirm.count} transaction{state.confirm.count === 1 ? '' : 's'}? y/n
        </Text>
      ) : state.prompt ? (
        <Text>
          {state.prompt.action === 'recategorize' ? 'category' : 'tags'} for {targets.length} row{targets.length === 1 ? '' : 's'}: {state.prompt.value}
          <Text inverse> </Text> <Text color={theme.muted}>(Enter applies, Esc cancels)</Text>
        </Text>
      ) : (
        <Text color={state.message?.tone === 'error' ? theme.error : state.message?.tone === 'ok' ? theme.ok : theme.muted} wrap="truncate-end">
          {state.message?.text ?? ' '}
        </Text>
      )}
      <StatusBar view="browse" busy={state.busy ?? (state.loading ? 'loading…' : null)} hint={HINT} width={width} />
    </Box>
  );
}
