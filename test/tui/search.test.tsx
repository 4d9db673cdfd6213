import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/tui/App.js';
import type { Finch } from '../../src/core/index.js';
import { KEY, renderTui, withFinch } from './helpers.js';
import { OLDER_CSV } from './statements.js';

let finch: Finch;
let done: () => Promise<void>;

beforeEach(async () => {
  ({ finch, done } = await withFinch());
  await finch.accounts.add({ name: 'Checking', currency: 'USD' });
  await finch.transactions.addMany([
    { amount: '4.50', description: 'Blue Bottle coffee', date: '2024-03-01' },
    { amount: '9.00', description: 'Lunch', date: '2024-03-02' },
  ]);
  await finch.people.add({ name: 'Bluey Heeler' });
  await finch.statements.import({ bytes: Buffer.from(OLDER_CSV), filename: 'blue-feb.csv', account: 'Checking' });
});
afterEach(async () => {
  cleanup();
  await done();
});

const searchFor = async (ui: ReturnType<typeof renderTui>, text: string) => {
  await ui.press(KEY.ctrlK);
  await ui.see('↑↓ choose · Enter jump');
  await ui.type(text);
};

describe('quick search (Ctrl+K)', () => {
  it('opens from any view, searches transactions, people and statements together, and Esc closes it', async () => {
    const ui = renderTui(<App finch={finch} />);
    await ui.see('Type what you spent');
    await searchFor(ui, 'blue');
    const frame = await ui.see('transaction', 'Blue Bottle coffee', 'person', '@bluey_heeler', 'statement', 'blue-feb.csv');
    expect(frame.indexOf('transaction')).toBeLessThan(frame.indexOf('person'));
    await ui.press(KEY.esc);
    await ui.see('Type what you spent');
    // from the browser too
    await ui.type('/browse');
    await ui.press(KEY.enter);
    await ui.see('transactions', '4 shown');
    await searchFor(ui, 'lunch');
    await ui.see('Lunch');
    await ui.press(KEY.ctrlK);
    await ui.see('4 shown');
  });

  it('Enter on a transaction jumps to it in the browser', async () => {
    const ui = renderTui(<App finch={finch} />);
    await ui.see('Type what you spent');
    await searchFor(ui, 'lunch');
    await ui.see('▸ transaction');
    await ui.press(KEY.enter);
    const frame = await ui.see('transactions', '4 shown');
    expect(frame.split('\n').find((l) => l.includes('▸'))).toContain('Lunch');
  });

  it('Enter on a statement opens its comparison; on a category, the browser filtered by it; on a person, chat with @them', async () => {
    const ui = renderTui(<App finch={finch} />);
    await ui.see('Type what you spent');
    await searchFor(ui, 'blue-feb');
    await ui.see('▸ statement');
    await ui.press(KEY.enter);
    await ui.see('blue-feb.csv · Checking', 'raw text');
    await searchFor(ui, 'groceries');
    await ui.see('▸ category');
    await ui.press(KEY.enter);
    await ui.see('filter category=groceries', '0 shown');
    await searchFor(ui, 'bluey');
    await ui.see('▸ person');
    await ui.press(KEY.enter);
    await ui.see('› @bluey_heeler');
  });

  it('↑↓ move between results', async () => {
    const ui = renderTui(<App finch={finch} />);
    await ui.see('Type what you spent');
    await searchFor(ui, 'blue');
    await ui.see('▸ transaction', 'blue-feb.csv');
    await ui.press(KEY.down);
    await ui.see('▸ person');
    await ui.press(KEY.up);
    await ui.see('▸ transaction');
  });
});
