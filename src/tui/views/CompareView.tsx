import { useEffect, useReducer } from 'react';
import { Box, Text } from 'ink';
import { useKeys } from '../hooks/useKeys.js';
import type { Finch } from '../../core/index.js';
import type { ComparisonRow, MergeAction } from '../../core/index.js';
import { ROW_FIELDS, compareReducer, initialCompareState, pendingMerge, reviewCount, type CompareState } from '../state/compare.js';
import { useLatest } from '../hooks/useLatest.js';
import { useMounted } from '../hooks/useMounted.js';
import { StatusBar } from '../components/StatusBar.js';
import { Confidence } from '../components/Confidence.js';
import { editLine } from '../components/TextInput.js';
import { useTheme } from '../theme.js';

export interface CompareViewProps {
  finch: Finch;
  statementId: string;
  active: boolean;
  width: number;
  height: number;
  back: () => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const HINT = '↑↓ row · a accept · e edit · x reject · m merge · k keep both · d delete old · Esc back';

function RowLine({ row, state, cursor, leftWidth, rightWidth }: { row: ComparisonRow; state: CompareState; cursor: boolean; leftWidth: number; rightWidth: number }) {
  const theme = useTheme();
  const decision = state.decisions[row.index];
  const needsReview = row.review.length > 0 && decision === undefined;
  const mark = decision === 'accepted' ? '✓' : decision === 'edited' ? '✎' : decision === 'rejected' ? '✗' : needsReview ? '!' : ' ';
  const raw = row.rawLines.join(' ⏎ ') || '(no raw text)';
  const editing = cursor && state.edit;
  return (
    <Box flexDirection="column">
      <Box>
        <Text inverse={cursor} color={needsReview ? theme.warn : undefined} bold={needsReview}>
          {cursor ? '▸' : ' '}
          {mark}
          {String(row.index + 1).padStart(3)}{' '}
        </Text>
        <Box width={leftWidth} flexShrink={0}>
          <Text color={theme.muted} wrap="truncate-end">
            {raw}
          </Text>
        </Box>
        <Text color={theme.muted}>│</Text>
        <Box width={rightWidth} paddingRight={1} flexShrink={0}>
          <Text wrap="truncate-end" color={needsReview ? theme.warn : decision === 'rejected' ? theme.muted : undefined} strikethrough={decision === 'rejected'}>
            {row.date} {row.amount.padStart(10)} {row.description}
          </Text>
        </Box>
        <Confidence value={row.confidence} />
        <Text color={theme.muted}> {decision ?? (row.outcome === 'not imported' ? 'skipped' : row.outcome)}</Text>
      </Box>
      {cursor && needsReview ? (
        <Text color={theme.warn} wrap="truncate-end">
          {'      '}review: {row.review.join('; ')}
        </Text>
      ) : null}
      {editing && state.edit ? (
        <Box flexDirection="column" paddingLeft={6}>
          {ROW_FIELDS.map((f, i) => {
            const chosen = i === state.edit!.field;
            const typing = chosen && state.edit!.value !== null;
            return (
              <Text key={f} inverse={chosen && !typing}>
                {chosen ? '▸ ' : '  '}
                {f.padEnd(12)}
                {typing ? (
                  <Text>
                    {state.edit!.value}
                    <Text inverse> </Text>
                  </Text>
                ) : (
                  row[f]
                )}
              </Text>
            );
          })}
          {state.edit.error ? <Text color={theme.error}>! {state.edit.error}</Text> : null}
        </Box>
      ) : null}
    </Box>
  );
}

export function CompareView(props: CompareViewProps) {
  const { finch, statementId, width, height } = props;
  const theme = useTheme();
  const [state, dispatch] = useReducer(compareReducer, undefined, initialCompareState);
  const latest = useLatest(state);
  const mounted = useMounted();

  useEffect(() => {
    let current = true;
    dispatch({ type: 'loading' });
    Promise.all([finch.statements.compare(statementId), finch.statements.rowDecisions(statementId), finch.statements.merges()])
      .then(([data, decisions, merges]) => {
        if (!current) return;
        dispatch({ type: 'loaded', data, decisions, merges: merges.filter((m) => m.fileId === data.file.id || m.otherFileId === data.file.id) });
      })
      .catch((e) => current && dispatch({ type: 'load-failed', error: message(e) }));
    return () => {
      current = false;
    };
  }, [finch, statementId, state.reload]);

  async function act(label: string, fn: () => Promise<string>) {
    dispatch({ type: 'busy', label });
    try {
      const text = await fn();
      if (!mounted.current) return;
      dispatch({ type: 'message', text, tone: 'ok' });
      dispatch({ type: 'reload' });
    } catch (e) {
      if (mounted.current) dispatch({ type: 'message', text: message(e), tone: 'error' });
    } finally {
      if (mounted.current) dispatch({ type: 'busy', label: null });
    }
  }

  const merge = (action: MergeAction) => {
    const id = latest.current.data!.file.id;
    void act(`${action}…`, async () => {
      const r = await finch.statements.merge(id, action);
      return `${r.action}: ${r.created} created, ${r.deleted} deleted`;
    });
  };

  useKeys(
    (input, key) => {
      const s = latest.current;
      if (key.ctrl && input === 'k') return;
      const row = s.data?.rows[s.cursor];
      if (s.confirm) {
        if (input === 'y' || input === 'Y') {
          dispatch({ type: 'confirm', confirm: null });
          merge('delete-old');
        } else if (input === 'n' || input === 'N' || key.escape) dispatch({ type: 'confirm', confirm: null });
        return;
      }
      if (s.edit && row) {
        const field = ROW_FIELDS[s.edit.field]!;
        if (s.edit.value === null) {
          if (key.upArrow) return dispatch({ type: 'edit-move', delta: -1 });
          if (key.downArrow) return dispatch({ type: 'edit-move', delta: 1 });
          if (key.return) return dispatch({ type: 'edit-value', value: row[field] });
          if (key.escape || input === 'e') return dispatch({ type: 'edit-close' });
          return;
        }
        if (key.escape) return dispatch({ type: 'edit-value', value: null });
        if (key.return) {
          const value = s.edit.value;
          const id = s.data!.file.id;
          dispatch({ type: 'busy', label: 'saving the edit…' });
          finch.statements
            .editRow(id, row.index, { [field]: value })
            .then(() => {
              if (!mounted.current) return;
              dispatch({ type: 'edit-close' });
              dispatch({ type: 'message', text: `row ${row.index + 1}: ${field} is now ${value}`, tone: 'ok' });
              dispatch({ type: 'reload' });
            })
            .catch((e) => mounted.current && dispatch({ type: 'edit-error', error: message(e) }))
            .finally(() => mounted.current && dispatch({ type: 'busy', label: null }));
          return;
        }
        const v = editLine(s.edit.value, input, key);
        if (v !== null) dispatch({ type: 'edit-value', value: v });
        return;
      }
      if (key.upArrow) return dispatch({ type: 'move', delta: -1 });
      if (key.downArrow) return dispatch({ type: 'move', delta: 1 });
      if (key.pageUp) return dispatch({ type: 'move', delta: -10 });
      if (key.pageDown) return dispatch({ type: 'move', delta: 10 });
      if (key.escape || input === 'q') return props.back();
      if (!s.data) return;
      const id = s.data.file.id;
      if (row && input === 'a') return void act('accepting…', async () => (await finch.statements.acceptRow(id, row.index), `row ${row.index + 1} accepted`));
      if (row && (input === 'x' || input === 'r')) return void act('rejecting…', async () => (await finch.statements.rejectRow(id, row.index), `row ${row.index + 1} rejected`));
      if (row && input === 'e') return dispatch({ type: 'edit-start' });
      if (pendingMerge(s)) {
        if (input === 'm') return merge('merge');
        if (input === 'k') return merge('keep-both');
        if (input === 'd') return dispatch({ type: 'confirm', confirm: 'delete-old' });
      }
    },
    props.active,
  );

  const data = state.data;
  const m = pendingMerge(state);
  const footer = 3 + (m ? 1 : 0) + (data?.differences.length ? 1 : 0);
  const editLines = state.edit ? ROW_FIELDS.length + 1 : 0;
  const visible = Math.max(1, height - footer - 2 - editLines);
  const rows = data?.rows ?? [];
  const offset = Math.max(0, Math.min(state.cursor - Math.floor(visible / 2), rows.length - visible));
  const leftWidth = Math.max(12, Math.floor((width - 24) / 2));
  const rightWidth = Math.max(12, width - 24 - leftWidth);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {data ? (
        <Text wrap="truncate-end">
          <Text bold>{data.file.filename}</Text> · {data.file.account ?? 'no account'} · {data.file.periodStart ?? '?'}…{data.file.periodEnd ?? '?'} · {rows.length} rows · {reviewCount(state)} to review ·{' '}
          {data.reconciliation.reconciled === null ? 'no balances' : data.reconciliation.reconciled ? 'reconciled ✓' : 'does NOT reconcile'}
        </Text>
      ) : (
        <Text>{state.error ? '' : `loading statement ${statementId.slice(0, 13)}…`}</Text>
      )}
      <Text color={theme.muted} wrap="truncate-end">
        {'      '}
        {'raw text'.padEnd(leftWidth)}│{'parsed row'.padEnd(rightWidth)}conf result
      </Text>
      <Box flexDirection="column" height={visible + editLines}>
        {state.error ? <Text color={theme.error}>! {state.error}</Text> : null}
        {rows.slice(offset, offset + visible).map((r) => (
          <RowLine key={r.index} row={r} state={state} cursor={r.index === state.cursor} leftWidth={leftWidth} rightWidth={rightWidth} />
        ))}
      </Box>
      {data?.differences.length ? (
        <Text color={theme.warn} wrap="truncate-end">
          needs review: {data.differences[0]}
          {data.differences.length > 1 ? ` (+${data.differences.length - 1} more)` : ''}
        </Text>
      ) : null}
      {m ? (
        <Text color={theme.accent} wrap="truncate-end">
          overlaps statement {(m.fileId === data?.file.id ? m.otherFileId : m.fileId).slice(0, 13)}: m merge · k keep both · d delete old
        </Text>
      ) : null}
      {state.confirm ? (
        <Text color={theme.warn} bold>
          delete the old statement's transactions and keep this one's? y/n
        </Text>
      ) : (
        <Text color={state.message?.tone === 'error' ? theme.error : state.message?.tone === 'ok' ? theme.ok : theme.muted} wrap="truncate-end">
          {state.message?.text ?? ' '}
        </Text>
      )}
      <StatusBar view="compare" busy={state.busy ?? (state.loading ? 'loading…' : null)} hint={HINT} width={width} />
    </Box>
  );
}
