import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Dispatch } from 'react';
import { Box, Text } from 'ink';
import { useKeys } from '../hooks/useKeys.js';
import type { Finch } from '../../core/index.js';
import { editSuggestion, STAGES, type EditableField } from '../../core/index.js';
import { activeToken, complete, extractCategoryMention, suggest, type Candidate } from '../state/autocomplete.js';
import { CARD_FIELDS, fieldEditValue, pendingCard, type ChatAction, type ChatState } from '../state/chat.js';
import { HELP, droppedFile, slashCommand } from '../state/commands.js';
import { useLatest } from '../hooks/useLatest.js';
import { AutocompleteList } from '../components/AutocompleteList.js';
import { MessageList } from '../components/MessageList.js';
import { TextInput, editLine } from '../components/TextInput.js';
import { useTheme } from '../theme.js';
import type { Navigate } from './types.js';

export interface ChatViewProps {
  finch: Finch;
  state: ChatState;
  dispatch: Dispatch<ChatAction>;
  candidates: Candidate[];
  active: boolean;
  width: number;
  height: number;
  navigate: Navigate;
  quit: () => void;
  /** Something was saved or imported: people, tags and lists may have changed. */
  changed: () => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function ChatView(props: ChatViewProps) {
  const { state, dispatch, width, height } = props;
  const theme = useTheme();
  const latest = useLatest(props);

  const token = activeToken(state.input);
  const acItems = state.focus === 'input' && token && !state.acHidden ? suggest(props.candidates, token) : [];
  const acOpen = state.focus === 'input' && token !== null && !state.acHidden;

  const say = (text: string, tone: 'info' | 'ok' | 'error' = 'info') => dispatch({ type: 'say', who: 'finch', text, tone });

  async function parse(text: string) {
    const { finch, candidates, state: s } = latest.current;
    const { text: cleaned, category } = extractCategoryMention(text, candidates);
    dispatch({ type: 'say', who: 'user', text });
    dispatch({ type: 'busy', label: s.mode === 'ai' ? 'asking the AI…' : 'parsing…' });
    try {
      const r = await finch.chat.parse(cleaned, { mode: s.mode });
      const suggestion = category ? { ...r.suggestion, category } : r.suggestion;
      dispatch({
        type: 'parsed',
        result: { messageId: r.messageId, suggestion, answeredBy: r.answeredBy, notes: r.notes, mentions: r.mentions.map((m) => ({ text: m.text, handle: m.match?.handle ?? null })) },
      });
    } catch (e) {
      dispatch({ type: 'busy', label: null });
      say(message(e), 'error');
    }
  }

  async function importFile(path: string) {
    const { finch, state: s } = latest.current;
    dispatch({ type: 'say', who: 'user', text: path });
    const account = s.account ?? (await finch.accounts.list().catch(() => []))[0]?.name;
    if (!account) return say('no account to import into: /account NAME picks one (or creates it)', 'error');
    const ref = `${Date.now()}-${Math.random()}`;
    const filename = basename(path);
    dispatch({ type: 'import-start', ref, filename, stages: STAGES });
    dispatch({ type: 'busy', label: `importing ${filename}…` });
    try {
      const bytes = new Uint8Array(await readFile(path));
      const r = await finch.statements.import({ bytes, filename, account, onProgress: (e) => dispatch({ type: 'import-progress', ref, stage: e.stage, status: e.status, ms: e.ms }) });
      const parts = [`→ ${account}: ${r.created} created, ${r.skippedDuplicates} duplicates skipped, ${r.needsReview} need review`];
      if (r.merge) parts.push(`it overlaps an older statement (${r.merge.matchedRows} rows in common)`);
      parts.push('/compare opens the comparison');
      dispatch({ type: 'import-end', ref, status: 'done', summary: parts.join(' · '), statementId: r.fileId });
      latest.current.changed();
    } catch (e) {
      dispatch({ type: 'import-end', ref, status: 'failed', summary: message(e) });
    }
  }

  async function command(text: string) {
    const cmd = slashCommand(text)!;
    const { finch, state: s } = latest.current;
    switch (cmd.name) {
      case 'ai':
        dispatch({ type: 'mode', mode: 'ai' });
        return say('AI mode: messages go to the configured AI provider, with the rules parser as fallback');
      case 'rules':
        dispatch({ type: 'mode', mode: 'rules' });
        return say('rules mode: messages are parsed offline by rules');
      case 'quit':
        return latest.current.quit();
      case 'help':
        for (const line of HELP) say(line);
        return;
      case 'browse':
        return latest.current.navigate({ view: 'browse' });
      case 'compare': {
        let id = cmd.id ?? s.lastStatementId;
        if (!id) {
          dispatch({ type: 'busy', label: 'finding the latest statement…' });
          id = (await finch.statements.list().catch(() => []))[0]?.id ?? null;
          dispatch({ type: 'busy', label: null });
        }
        if (!id) return say('no statement to compare yet: paste a statement file path to import one', 'error');
        return latest.current.navigate({ view: 'compare', statementId: id });
      }
      case 'account': {
        if (!cmd.account) return say(s.account ? `statements go to account "${s.account}"` : 'no account chosen: statements go to your first account', 'info');
        try {
          const a = await finch.accounts.get(cmd.account).catch(async () => finch.accounts.add({ name: cmd.account! }));
          dispatch({ type: 'account', name: a.name });
          return say(`statements now go to account "${a.name}"`, 'ok');
        } catch (e) {
          return say(message(e), 'error');
        }
      }
      case 'unknown':
        return say(`unknown command /${cmd.text}: /help lists them`, 'error');
    }
  }

  async function submit(text: string) {
    dispatch({ type: 'input', value: '' });
    if (!text.trim()) return;
    const file = droppedFile(text);
    if (file) return importFile(file);
    if (slashCommand(text)) return command(text);
    return parse(text.trim());
  }

  async function save() {
    const { finch, state: s } = latest.current;
    const card = pendingCard(s);
    if (!card) return;
    dispatch({ type: 'card-status', id: card.id, status: 'saving' });
    try {
      const saved = await finch.chat.save(card.result.suggestion, { createPeople: true, messageId: card.result.messageId ?? undefined, account: s.account ?? undefined });
      dispatch({ type: 'card-status', id: card.id, status: 'saved', savedId: saved.id });
      say(`saved ${saved.date} ${saved.amount} ${saved.currency} ${saved.description}`, 'ok');
      latest.current.changed();
    } catch (e) {
      dispatch({ type: 'card-status', id: card.id, status: 'pending', error: message(e) });
    }
  }

  async function discard() {
    const { finch, state: s } = latest.current;
    const card = pendingCard(s);
    if (!card) return;
    dispatch({ type: 'card-status', id: card.id, status: 'discarded' });
    if (card.result.messageId) await finch.chat.discard(card.result.messageId).catch(() => undefined);
  }

  async function commitEdit() {
    const { finch, state: s, candidates } = latest.current;
    const card = pendingCard(s);
    if (!card || !s.edit || s.edit.value === null) return;
    const field = CARD_FIELDS[s.edit.field]!;
    try {
      const categories = candidates.filter((c) => c.kind === 'category').map((c) => c.value);
      const next = editSuggestion(card.result.suggestion, field as EditableField, s.edit.value, categories);
      let mentions: Array<{ text: string; handle: string | null }> | undefined;
      if (field === 'mentions') mentions = (await finch.chat.resolveMentions(next.mentions)).map((m) => ({ text: m.text, handle: m.match?.handle ?? null }));
      dispatch({ type: 'card-update', id: card.id, suggestion: next, mentions });
    } catch (e) {
      dispatch({ type: 'edit-error', error: message(e) });
    }
  }

  useKeys(
    (input, key) => {
      const s = latest.current.state;
      if (key.ctrl && input === 'k') return; // the App opens quick search
      if (s.focus === 'card' && s.edit) {
        const card = pendingCard(s);
        if (!card) return dispatch({ type: 'edit-close' });
        if (s.edit.value === null) {
          if (key.upArrow) return dispatch({ type: 'edit-move', delta: -1 });
          if (key.downArrow) return dispatch({ type: 'edit-move', delta: 1 });
          if (key.return) return dispatch({ type: 'edit-open', value: fieldEditValue(card.result.suggestion, CARD_FIELDS[s.edit.field]!) });
          if (key.escape || input === 'e') return dispatch({ type: 'edit-close' });
          return;
        }
        if (key.return) return void commitEdit();
        if (key.escape) return dispatch({ type: 'edit-open', value: null });
        const v = editLine(s.edit.value, input, key);
        if (v !== null) dispatch({ type: 'edit-type', value: v });
        return;
      }
      if (s.focus === 'card') {
        if (key.return) return void save();
        if (input === 'e') return dispatch({ type: 'edit-start' });
        if (input === 'x') return void discard();
        if (key.tab || key.escape) return dispatch({ type: 'focus', focus: 'input' });
        if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return;
        const v = editLine(s.input, input, key);
        if (v !== null) {
          dispatch({ type: 'focus', focus: 'input' });
          dispatch({ type: 'input', value: v });
        }
        return;
      }
      const tok = activeToken(s.input);
      const list = tok && !s.acHidden ? suggest(latest.current.candidates, tok) : [];
      if (tok && list.length > 0) {
        if (key.upArrow) return dispatch({ type: 'ac-move', delta: -1, size: list.length });
        if (key.downArrow) return dispatch({ type: 'ac-move', delta: 1, size: list.length });
        if (key.return || key.tab) return dispatch({ type: 'input', value: complete(s.input, tok, list[Math.min(s.acIndex, list.length - 1)]!) });
      }
      if (key.escape) return dispatch({ type: 'ac-hide' });
      if (key.tab) return dispatch({ type: 'focus', focus: 'card' });
      if (key.return) return void submit(s.input);
      // Text that arrives with its Enter in one piece (pasted, or typed by a script) is sent.
      if (input.length > 1 && /[\r\n]$/.test(input) && !key.ctrl && !key.meta) {
        const text = editLine(s.input, input.replace(/[\r\n]+$/, ''), key) ?? s.input;
        return void submit(text);
      }
      const v = editLine(s.input, input, key);
      if (v !== null) dispatch({ type: 'input', value: v });
    },
    props.active,
  );

  const acLines = acOpen ? Math.max(1, acItems.length) : 0;
  const listHeight = Math.max(3, height - 2 - acLines);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <MessageList items={state.items} height={listHeight} width={width} focusedCard={state.focus === 'card' ? state.cardId : null} edit={state.edit} />
      <Text color={theme.muted}>{'─'.repeat(Math.max(10, width))}</Text>
      {acOpen && token ? <AutocompleteList items={acItems} selected={Math.min(state.acIndex, Math.max(0, acItems.length - 1))} trigger={token.trigger} /> : null}
      <TextInput value={state.input} focused={props.active && state.focus === 'input'} placeholder="message, file path or /help" width={width} />
    </Box>
  );
}
