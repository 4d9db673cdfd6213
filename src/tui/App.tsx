import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Box, Text, useApp, useInput } from 'ink';
import { KeyRouterContext, type KeyHandler } from './hooks/useKeys.js';
import type { Finch } from '../core/index.js';
import type { SearchHit } from '../core/index.js';
import { chatReducer, initialChatState } from './state/chat.js';
import type { Candidate } from './state/autocomplete.js';
import { useTerminalSize } from './hooks/useTerminalSize.js';
import { useLatest } from './hooks/useLatest.js';
import { ChatView } from './views/ChatView.js';
import { BrowseView } from './views/BrowseView.js';
import { CompareView } from './views/CompareView.js';
import { QuickSearch } from './components/QuickSearch.js';
import { StatusBar } from './components/StatusBar.js';
import { ThemeContext, makeTheme } from './theme.js';
import type { Target } from './views/types.js';

export interface AppProps {
  finch: Finch;
  /** The first view (default: chat). */
  initial?: Target;
  noColor?: boolean;
  /** Called when the person leaves (after Ink exits). */
  onExit?: () => void;
}

/** Loads what `@` and `#` complete to; refreshed after anything is saved. */
async function loadCandidates(finch: Finch): Promise<Candidate[]> {
  const [people, groups, categories, tags] = await Promise.all([finch.people.list(), finch.groups.list(), finch.categories.list(), finch.tags.list()]);
  return [
    ...people.map((p) => ({ kind: 'person' as const, value: p.handle, label: p.name })),
    ...groups.map((g) => ({ kind: 'group' as const, value: g.handle, label: g.name })),
    ...categories.map((c) => ({ kind: 'category' as const, value: c.slug, label: c.name })),
    ...tags.map((t) => ({ kind: 'tag' as const, value: t.name, label: `${t.count} use${t.count === 1 ? '' : 's'}` })),
  ];
}

const VIEWS = ['chat', 'browse', 'compare'] as const;

export function App({ finch, initial = { view: 'chat' }, noColor = false, onExit }: AppProps) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const [target, setTarget] = useState<Target>(initial);
  const [history, setHistory] = useState<Target[]>([]);
  const [searching, setSearching] = useState(false);
  const [chat, dispatchChat] = useReducer(chatReducer, undefined, () => initialChatState());
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [generation, setGeneration] = useState(0);
  // Views are keyed so that going back to a list reloads it.
  const [visit, setVisit] = useState(0);

  useEffect(() => {
    let current = true;
    loadCandidates(finch)
      .then((c) => current && setCandidates(c))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [finch, generation]);

  const quit = useCallback(() => {
    exit();
    onExit?.();
  }, [exit, onExit]);

  const navigate = useCallback(
    (next: Target) => {
      setHistory((h) => [...h, target]);
      setTarget(next);
      setVisit((v) => v + 1);
      if (next.view === 'chat' && next.input !== undefined) dispatchChat({ type: 'input', value: next.input });
    },
    [target],
  );

  const back = useCallback(() => {
    // The view finch was opened on (finch tx browse, statement compare --tui): Esc leaves.
    if (history.length === 0) return quit();
    else {
      setTarget(history[history.length - 1]!);
      setHistory((h) => h.slice(0, -1));
    }
    setVisit((v) => v + 1);
  }, [history, target, quit]);

  const jump = useCallback(
    (hit: SearchHit) => {
      setSearching(false);
      switch (hit.kind) {
        case 'transaction':
          return navigate({ view: 'browse', focusId: hit.id });
        case 'category':
          return navigate({ view: 'browse', filter: { category: hit.title } });
        case 'account':
          return navigate({ view: 'browse', filter: { account: hit.title } });
        case 'statement':
          return navigate({ view: 'compare', statementId: hit.id });
        case 'person':
        case 'group':
          return navigate({ view: 'chat', input: `${hit.title} ` });
      }
    },
    [navigate],
  );

  // One reader of stdin; the active view claims the keys while it renders (see useKeys).
  const router = useRef<KeyHandler | null>(null);
  router.current = null;
  const searchingNow = useLatest(searching);
  useInput((input, key) => {
    if (key.ctrl && input === 'k' && !searchingNow.current) return setSearching(true);
    router.current?.(input, key);
  });

  const width = Math.max(40, columns);
  const height = Math.max(10, rows);
  const bodyHeight = height - 1;
  const active = !searching;
  // One theme object per colour mode: a new one each render re-rendered every useTheme() reader on every key.
  const theme = useMemo(() => makeTheme(noColor), [noColor]);
  return (
    <KeyRouterContext.Provider value={router}>
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" width={width} height={height}>
        <Box>
          <Text bold>finch </Text>
          {VIEWS.map((v) => (
            <Text key={v} inverse={target.view === v} color={target.view === v ? undefined : theme.muted}>
              {` ${v} `}
            </Text>
          ))}
          <Box flexGrow={1} />
          <Text color={theme.muted}>Ctrl+K search</Text>
        </Box>
        {searching ? (
          <QuickSearch finch={finch} width={width} height={bodyHeight} onPick={jump} onClose={() => setSearching(false)} />
        ) : target.view === 'chat' ? (
          <Box flexDirection="column" height={bodyHeight}>
            <ChatView
              finch={finch}
              state={chat}
              dispatch={dispatchChat}
              candidates={candidates}
              active={active}
              width={width}
              height={bodyHeight - 1}
              navigate={navigate}
              quit={quit}
              changed={() => setGeneration((g) => g + 1)}
            />
            <StatusBar view="chat" mode={chat.mode} provider={chat.provider} busy={chat.busy} hint="Enter send/save · e edit · x discard · /ai /rules · /help" width={width} />
          </Box>
        ) : target.view === 'browse' ? (
          <BrowseView key={`browse-${visit}`} finch={finch} active={active} width={width} height={bodyHeight} filter={target.filter} focusId={target.focusId} back={back} />
        ) : (
          <CompareView key={`compare-${visit}-${target.statementId}`} finch={finch} statementId={target.statementId} active={active} width={width} height={bodyHeight} back={back} />
        )}
      </Box>
    </ThemeContext.Provider>
    </KeyRouterContext.Provider>
  );
}
