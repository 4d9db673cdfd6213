import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/tui/App.js';
import type { Finch } from '../../src/core/index.js';
import { KEY, eventually, renderTui, withFinch } from './helpers.js';

let finch: Finch;
let done: () => Promise<void>;

beforeEach(async () => {
  ({ finch, done } = await withFinch());
});
afterEach(async () => {
  cleanup();
  await done();
});

describe('chat view', () => {
  it('parses a message into a card with every field and its confidence, and Enter saves it', async () => {
    const ui = renderTui(<App finch={finch} />);
    await ui.see('Type what you spent');
    await ui.type('coffee 4.50 at blue bottle #work');
    await ui.press(KEY.enter);
    const frame = await ui.see('suggestion · rules', 'amount', '4.50', 'category', 'description', 'merchant', '#work', 'Enter save');
    expect(frame).toMatch(/amount\s+4\.50\s+\d+%/);
    expect(frame).toContain('you › coffee 4.50 at blue bottle #work');
    await ui.press(KEY.enter);
    await ui.see('✓ saved', 'finch › saved');
    const rows = await finch.transactions.list();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.amount).toBe('-4.50');
    expect(rows[0]!.tags).toEqual(['work']);
    const history = await finch.chat.history();
    expect(history[0]!.status).toBe('saved');
  });

  it('x discards the card and nothing is saved', async () => {
    const ui = renderTui(<App finch={finch} />);
    await ui.see('Type what you spent');
    await ui.type('lunch 12');
    await ui.press(KEY.enter);
    await ui.see('suggestion ·');
    await ui.press('x');
    await ui.see('✗ discarded');
    expect(await finch.transactions.count()).toBe(0);
    await eventually(async () => (await finch.chat.history())[0]?.status === 'discarded', 8000, 'the message to be marked discarded');
  });

  it('e edits a field inline (↓ to the field, Enter, type, Enter) before saving', async () => {
    const ui = renderTui(<App finch={finch} />);
    await ui.see('Type what you spent');
    await ui.type('taxi 20');
    await ui.press(KEY.enter);
    await ui.see('suggestion ·');
    await ui.press('e');
    await ui.see('↑↓ field');
    await ui.press(KEY.enter); // amount
    await ui.press(KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace);
    await ui.type('35.25');
    await ui.press(KEY.enter);
    await ui.see('35.25');
    // a bad value is refused with a reason and the card stays as it was
    await ui.press(KEY.down, KEY.down, KEY.down, KEY.down, KEY.down, KEY.down); // category
    await ui.press(KEY.enter);
    await ui.press(...Array.from({ length: 20 }, () => KEY.backspace));
    await ui.type('nonsense');
    await ui.press(KEY.enter);
    await ui.see('unknown category');
    await ui.press(...Array.from({ length: 10 }, () => KEY.backspace));
    await ui.type('travel');
    await ui.press(KEY.enter);
    await ui.gone('unknown category');
    await ui.press(KEY.esc);
    await ui.see('Enter save');
    await ui.press(KEY.enter);
    await ui.see('✓ saved');
    const [t] = await finch.transactions.list();
    expect(t!.amount).toBe('-35.25');
    expect(t!.category).toBe('travel');
  });

  it('@ autocompletes people, groups and categories (fuzzy, arrows + Enter) and # completes tags', async () => {
    await finch.people.add({ name: 'John Smith' });
    await finch.people.add({ name: 'Joan Baez' });
    await finch.groups.add({ name: 'Flatmates', members: ['john_smith'] });
    await finch.transactions.add({ amount: '1', description: 'seed', tags: ['vacation'] });
    const ui = renderTui(<App finch={finch} />);
    await ui.see('Type what you spent');
    await ui.type('dinner 30 with @jo');
    let frame = await ui.see('@john_smith', '@joan_baez', 'person');
    expect(frame).toMatch(/▸ @jo/);
    await ui.press(KEY.down);
    frame = await ui.see('▸ @jo');
    const chosen = /▸ @(\w+)/.exec(frame)![1]!;
    await ui.press(KEY.enter);
    await ui.see(`dinner 30 with @${chosen}`);
    // groups and categories complete after @ too
    await ui.type('@flat');
    await ui.see('@flatmates', 'group');
    await ui.press(KEY.enter);
    await ui.type('@dinin');
    await ui.see('@dining', 'category');
    await ui.press(KEY.enter);
    await ui.type('#vac');
    await ui.see('#vacation', 'tag');
    await ui.press(KEY.enter);
    await ui.see(`dinner 30 with @${chosen} @flatmates @dining #vacation`);
    // Esc hides the list
    await ui.type('@zz');
    await ui.see('no match for @');
    await ui.press(KEY.esc);
    await ui.gone('no match for @');
    await ui.press(KEY.backspace, KEY.backspace, KEY.backspace);
    await ui.press(KEY.enter);
    const frame2 = await ui.see('suggestion ·');
    expect(frame2).toMatch(/category\s+dining/);
    expect(frame2).toContain('#vacation');
    await ui.press(KEY.enter);
    await ui.see('✓ saved');
    const [t] = await finch.transactions.list({ text: 'dinner' });
    const detail = await finch.transactions.get(t!.id);
    expect(detail.category).toBe('dining');
    expect(detail.mentions).toEqual(expect.arrayContaining([chosen, 'flatmates']));
  });

  it('/ai and /rules switch the mode; the status bar shows the mode and who answered', async () => {
    const ui = renderTui(<App finch={finch} />);
    await ui.see('mode: rules', 'Type what you spent');
    await ui.type('/ai');
    await ui.press(KEY.enter);
    await ui.see('mode: AI', 'AI mode');
    await ui.type('bus 2.75');
    await ui.press(KEY.enter);
    // no provider is configured: the rules parser answered, and the card says why
    await ui.see('answered by rules', 'no AI provider is configured');
    await ui.press(KEY.tab);
    await ui.type('/rules');
    await ui.press(KEY.enter);
    await ui.see('mode: rules', 'rules mode');
  });

  it('Tab moves between the input and the card; typing on the card goes back to the input', async () => {
    const ui = renderTui(<App finch={finch} />);
    await ui.see('Type what you spent');
    await ui.type('snacks 3');
    await ui.press(KEY.enter);
    await ui.see('Enter save · e edit');
    await ui.press(KEY.tab);
    await ui.see('Tab to act on it');
    await ui.press(KEY.tab);
    await ui.see('Enter save · e edit');
    await ui.press('h');
    await ui.see('› h', 'Tab to act on it');
  });

  it('/help lists the commands and unknown commands say so', async () => {
    const ui = renderTui(<App finch={finch} />);
    await ui.see('Type what you spent');
    await ui.type('/help');
    await ui.press(KEY.enter);
    await ui.see('Ctrl+K search');
    await ui.type('/nope');
    await ui.press(KEY.enter);
    await ui.see('unknown command /nope');
  });
});
