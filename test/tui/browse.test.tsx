import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/tui/App.js';
import type { Finch } from '../../src/core/index.js';
import { KEY, eventually, renderTui, waitFor, withFinch } from './helpers.js';

let finch: Finch;
let done: () => Promise<void>;

beforeEach(async () => {
  ({ finch, done } = await withFinch());
  await finch.transactions.addMany([
    { amount: '4.50', description: 'STARBUCKS 1123', date: '2024-03-01' },
    { amount: '6.10', description: 'STARBUCKS 88', date: '2024-03-03' },
    { amount: '120.00', description: 'ZZ HARDWARE', date: '2024-03-02', category: 'home' },
    { amount: '+2500.00', description: 'PAYROLL ACME', date: '2024-03-05', type: 'income' },
  ]);
});
afterEach(async () => {
  cleanup();
  await done();
});

const browse = () => renderTui(<App finch={finch} initial={{ view: 'browse' }} />);
const lineOf = (frame: string, text: string) => frame.split('\n').find((l) => l.includes(text)) ?? '';

describe('transaction browser', () => {
  it('lists transactions newest first; s cycles the sort key and o flips the order', async () => {
    const ui = browse();
    let frame = await ui.see('4 shown', 'sort date ↓');
    expect(frame.indexOf('PAYROLL')).toBeLessThan(frame.indexOf('STARBUCKS 1123'));
    await ui.press('s');
    frame = await ui.see('sort amount ↓', '4 shown');
    await ui.press('o');
    frame = await ui.see('sort amount ↑', '4 shown');
    // amounts ascending: the biggest spending first, income last
    expect(frame.indexOf('ZZ HARDWARE')).toBeLessThan(frame.indexOf('STARBUCKS 88'));
    expect(frame.indexOf('STARBUCKS 88')).toBeLessThan(frame.indexOf('PAYROLL'));
    await ui.press('s');
    frame = await ui.see('sort description ↑', '4 shown');
    expect(frame.indexOf('PAYROLL')).toBeLessThan(frame.indexOf('ZZ HARDWARE'));
  });

  it('the filter panel narrows the list (f, ↑↓ a field, Enter, type, Enter; Backspace clears it)', async () => {
    const ui = browse();
    await ui.see('4 shown');
    await ui.press('f');
    await ui.see('▸ text');
    await ui.press(KEY.enter);
    await ui.type('starbucks');
    await ui.press(KEY.enter);
    await ui.see('2 shown', 'filter text=starbucks');
    await ui.press(KEY.down);
    await ui.see('▸ category');
    await ui.press(KEY.up, KEY.backspace);
    await ui.see('4 shown', 'filter none');
    await ui.press(KEY.down, KEY.enter);
    await ui.type('home');
    await ui.press(KEY.enter, KEY.esc);
    const frame = await ui.see('1 shown', 'filter category=home');
    expect(frame).toContain('ZZ HARDWARE');
    expect(frame).not.toContain('STARBUCKS');
  });

  it('space selects rows, a selects all; c recategorizes the selection', async () => {
    const ui = browse();
    await ui.see('4 shown');
    // date order: PAYROLL, STARBUCKS 88, ZZ HARDWARE, STARBUCKS 1123
    await ui.press(KEY.down, KEY.space);
    await ui.see('1 selected');
    await ui.press(KEY.down, KEY.space);
    await ui.see('2 selected');
    expect(lineOf(ui.lastFrame()!, 'STARBUCKS 1123')).toContain('[x]');
    expect(lineOf(ui.lastFrame()!, 'STARBUCKS 88')).toContain('[x]');
    await ui.press('c');
    await ui.see('category for 2 rows');
    await ui.type('dining');
    await ui.press(KEY.enter);
    await ui.see('recategorized as dining: 2 transactions');
    expect((await finch.transactions.list({ category: 'dining' })).map((t) => t.description).sort()).toEqual(['STARBUCKS 1123', 'STARBUCKS 88']);
    await ui.press('a');
    await ui.see('4 selected');
    await ui.press('a');
    await ui.see('0 selected');
  });

  it('t tags the rows', async () => {
    const ui = browse();
    await ui.see('4 shown');
    await ui.press('a');
    await ui.see('4 selected');
    await ui.press('t');
    await ui.see('tags for 4 rows');
    await ui.type('#march q1');
    await ui.press(KEY.enter);
    await ui.see('tagged 4 transactions', '#march #q1');
    expect(await finch.transactions.count({ tag: 'q1' })).toBe(4);
  });

  it('d deletes after confirmation: n keeps them, y deletes', async () => {
    const ui = browse();
    await ui.see('4 shown');
    await ui.press(KEY.space, KEY.space);
    await ui.see('2 selected');
    await ui.press('d');
    await ui.see('delete 2 transactions? y/n');
    await ui.press('n');
    await ui.see('nothing deleted');
    expect(await finch.transactions.count()).toBe(4);
    await ui.press('d');
    await ui.see('delete 2 transactions? y/n');
    await ui.press('y');
    await ui.see('deleted 2 transactions', '2 shown');
    expect((await finch.transactions.list()).map((t) => t.description).sort()).toEqual(['STARBUCKS 1123', 'ZZ HARDWARE']);
  });

  it('the assistant line suggests a category for the selected rows, and g applies it', async () => {
    const ui = browse();
    await ui.see('4 shown');
    await ui.press(KEY.down, KEY.space, KEY.down, KEY.space);
    await ui.see('2 selected');
    const frame = await ui.see('assistant › 2 of 2 look like');
    const category = /look like (\w+)/.exec(frame)![1]!;
    await ui.press('g');
    await ui.see(`recategorized as ${category}: 2 transactions`);
    await eventually(async () => (await finch.transactions.count({ category })) === 2, 8000, 'the rows to be recategorized');
  });

  it('Esc goes back to the chat view it was opened from; opened on its own, Esc leaves', async () => {
    const ui = renderTui(<App finch={finch} />);
    await ui.see('Type what you spent');
    await ui.type('/browse');
    await ui.press(KEY.enter);
    await ui.see('4 shown');
    await ui.press(KEY.esc);
    await ui.see('Type what you spent');
    cleanup();
    let left = false;
    const alone = renderTui(<App finch={finch} initial={{ view: 'browse' }} onExit={() => (left = true)} />);
    await alone.see('4 shown');
    await alone.press(KEY.esc);
    await waitFor(() => left, 8000, 'the TUI to exit');
  });
});
