import { describe, expect, it } from 'vitest';
import { activeToken, complete, extractCategoryMention, suggest, type Candidate } from '../../src/tui/state/autocomplete.js';
import { chatReducer, initialChatState, pendingCard, type CardResult } from '../../src/tui/state/chat.js';
import { browseReducer, initialBrowseState, majorityCategory, targetIds } from '../../src/tui/state/browse.js';
import { compareReducer, initialCompareState } from '../../src/tui/state/compare.js';
import { searchReducer, initialSearchState } from '../../src/tui/state/search.js';
import { slashCommand } from '../../src/tui/state/commands.js';
import type { Transaction } from '../../src/core/ledger/index.js';

const CANDIDATES: Candidate[] = [
  { kind: 'person', value: 'john_smith', label: 'John Smith' },
  { kind: 'group', value: 'flatmates', label: 'Flatmates' },
  { kind: 'category', value: 'dining', label: 'Dining' },
  { kind: 'tag', value: 'work', label: '' },
];

describe('autocomplete', () => {
  it('finds the @ or # word being typed, matches fuzzily and completes it', () => {
    expect(activeToken('lunch @jo')).toEqual({ trigger: '@', query: 'jo', start: 6 });
    expect(activeToken('lunch #w')).toEqual({ trigger: '#', query: 'w', start: 6 });
    expect(activeToken('lunch @john ')).toBeNull();
    expect(activeToken('me@example')).toBeNull();
    const tok = activeToken('lunch @jhn')!;
    expect(suggest(CANDIDATES, tok)[0]!.value).toBe('john_smith');
    expect(suggest(CANDIDATES, activeToken('x #')!).map((c) => c.value)).toEqual(['work']);
    expect(complete('lunch @jhn', tok, CANDIDATES[0]!)).toBe('lunch @john_smith ');
  });

  it('@category sets the category and leaves the message', () => {
    expect(extractCategoryMention('pizza 20 @dining with @john_smith', CANDIDATES)).toEqual({ text: 'pizza 20 with @john_smith', category: 'dining' });
    expect(extractCategoryMention('pizza 20', CANDIDATES)).toEqual({ text: 'pizza 20', category: null });
  });
});

describe('chat state', () => {
  const result = { messageId: 'm1', answeredBy: 'rules', notes: [], mentions: [], suggestion: { amount: '1.00' } } as unknown as CardResult;

  it('a parsed message becomes the focused pending card; saving returns focus to the input', () => {
    let s = chatReducer(initialChatState(), { type: 'parsed', result });
    expect(s.focus).toBe('card');
    expect(pendingCard(s)?.result).toBe(result);
    s = chatReducer(s, { type: 'card-status', id: s.cardId!, status: 'saved', savedId: 't1' });
    expect(s.focus).toBe('input');
    expect(pendingCard(s)).toBeUndefined();
  });

  it('import stages update live, one event at a time', () => {
    let s = chatReducer(initialChatState(), { type: 'import-start', ref: 'r', filename: 'a.csv', stages: ['decrypt', 'extract', 'parse', 'dedup', 'create', 'complete'] });
    s = chatReducer(s, { type: 'import-progress', ref: 'r', stage: 'decrypt', status: 'ok', ms: 3 });
    s = chatReducer(s, { type: 'import-progress', ref: 'r', stage: 'extract', status: 'started' });
    const item = s.items[0]!;
    expect(item.kind === 'import' && item.stages.slice(0, 3).map((x) => x.status)).toEqual(['ok', 'started', 'waiting']);
    s = chatReducer(s, { type: 'import-end', ref: 'r', status: 'failed', summary: 'boom' });
    const failed = s.items[0]!;
    expect(failed.kind === 'import' && failed.stages[1]!.status).toBe('failed');
  });

  it('/commands are recognised', () => {
    expect(slashCommand('/ai')).toEqual({ name: 'ai' });
    expect(slashCommand('/compare 0123abcd')).toEqual({ name: 'compare', id: '0123abcd' });
    expect(slashCommand('/account Main Checking')).toEqual({ name: 'account', account: 'Main Checking' });
    expect(slashCommand('lunch')).toBeNull();
  });
});

describe('browse state', () => {
  const rows = ['a', 'b', 'c'].map((id) => ({ id }) as Transaction);
  it('selection, sort and bulk targets', () => {
    let s = browseReducer(initialBrowseState(), { type: 'loaded', rows });
    expect(targetIds(s)).toEqual(['a']);
    s = browseReducer(s, { type: 'toggle' });
    s = browseReducer(s, { type: 'toggle' });
    expect(targetIds(s)).toEqual(['a', 'b']);
    s = browseReducer(s, { type: 'toggle-all' });
    expect(s.selected).toEqual(['a', 'b', 'c']);
    s = browseReducer(s, { type: 'sort-next' });
    expect([s.sort, s.order, s.loading]).toEqual(['amount', 'desc', true]);
    expect(majorityCategory(['dining', null, 'dining', 'groceries'])).toEqual({ category: 'dining', votes: 2 });
    expect(majorityCategory([null])).toBeNull();
  });
});

describe('compare and search state', () => {
  it('the edit cursor stays on the row fields', () => {
    let s = compareReducer({ ...initialCompareState(), data: { rows: [{}] } as never }, { type: 'edit-start' });
    s = compareReducer(s, { type: 'edit-move', delta: 5 });
    expect(s.edit).toEqual({ field: 2, value: null });
  });

  it('answers to an older query are dropped', () => {
    let s = searchReducer(initialSearchState(), { type: 'query', query: 'co' });
    s = searchReducer(s, { type: 'query', query: 'cof' });
    s = searchReducer(s, { type: 'results', query: 'co', hits: [{ kind: 'person', id: '1', title: '@co', detail: '' }] });
    expect(s.hits).toEqual([]);
    expect(s.loading).toBe(true);
  });
});
