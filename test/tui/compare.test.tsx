import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/tui/App.js';
import type { Finch } from '../../src/core/index.js';
import { KEY, eventually, renderTui, withFinch } from './helpers.js';
import { OLDER_CSV, writeReviewStatement } from './statements.js';

let finch: Finch;
let done: () => Promise<void>;
let older: string;
let statementId: string;

beforeEach(async () => {
  let db;
  ({ finch, done, db } = await withFinch());
  await finch.accounts.add({ name: 'Checking', currency: 'USD' });
  older = (await finch.statements.import({ bytes: Buffer.from(OLDER_CSV), filename: 'feb.csv', account: 'Checking' })).fileId;
  const pdf = join(db.home(), 'mar.pdf');
  await writeReviewStatement(pdf);
  statementId = (await finch.statements.import({ bytes: new Uint8Array(readFileSync(pdf)), filename: 'mar.pdf', account: 'Checking' })).fileId;
});
afterEach(async () => {
  cleanup();
  await done();
});

const amountOf = async (description: string) => (await finch.transactions.list({ text: description }))[0]?.amount;

describe('comparison view', () => {
  it('shows raw text beside the parsed rows with confidence, and highlights the rows needing review', async () => {
    const ui = renderTui(<App finch={finch} initial={{ view: 'compare', statementId }} />);
    const frame = await ui.see('mar.pdf', 'raw text', 'parsed row', '1 to review', 'overlaps statement');
    const lines = frame.split('\n');
    const grocer = lines.find((l) => l.includes('GROCER   40.00   54.50'))!;
    // raw text on the left, the parsed row on the right of the same line, with its confidence (35%: the row breaks the running balance)
    expect(grocer).toMatch(/!\s+2 03\/02\/2024 +GROCER +40\.00 +54\.50.*│2024-03-02 +-40\.00 GROCER +35%/);
    expect(lines.find((l) => l.includes('BOOKSHOP'))).toMatch(/│2024-03-05 +-20\.00 BOOKSHOP +97% created/);
    expect(lines.find((l) => l.includes('COFFEE SHOP'))).toMatch(/duplicate/);
    expect(frame).toContain('needs review:');
    await ui.press(KEY.down);
    await ui.see('review: the running balance does not follow from this row');
  });

  it('e edits a row (date, amount, description) and the transaction follows; a accepts; x rejects', async () => {
    const ui = renderTui(<App finch={finch} initial={{ view: 'compare', statementId }} />);
    await ui.see('1 to review');
    await ui.press(KEY.down, 'e');
    await ui.see('▸ date');
    await ui.press(KEY.down);
    await ui.see('▸ amount');
    await ui.press(KEY.enter, ...Array.from({ length: 6 }, () => KEY.backspace));
    await ui.type('-41.00');
    await ui.press(KEY.enter);
    await ui.see('row 2: amount is now -41.00', '0 to review', '✎');
    expect(await amountOf('GROCER')).toBe('-41.00');
    // a bad value is refused with the reason
    await ui.press('e', KEY.enter, ...Array.from({ length: 10 }, () => KEY.backspace));
    await ui.type('not-a-date');
    await ui.press(KEY.enter);
    await ui.see('! ');
    await ui.press(KEY.esc, KEY.esc);
    await ui.gone('▸ date');

    await ui.press(KEY.up, 'a');
    await ui.see('row 1 accepted', '✓');
    expect((await finch.statements.rowDecisions(statementId))[0]).toBe('accepted');

    await ui.press(KEY.down, KEY.down, 'x');
    await ui.see('row 3 rejected', '✗');
    await eventually(async () => (await amountOf('BOOKSHOP')) === undefined, 8000, 'BOOKSHOP to be deleted');
    expect(await amountOf('GROCER')).toBe('-41.00');
  });

  it('offers the merge actions: k keeps both', async () => {
    const ui = renderTui(<App finch={finch} initial={{ view: 'compare', statementId }} />);
    await ui.see('overlaps statement', 'm merge · k keep both · d delete old');
    expect(await finch.transactions.count({ text: 'COFFEE' })).toBe(1);
    await ui.press('k');
    await ui.see('keep-both: 1 created, 0 deleted');
    await ui.gone('overlaps statement');
    expect(await finch.transactions.count({ text: 'COFFEE' })).toBe(2);
  });

  it('m merges', async () => {
    const ui = renderTui(<App finch={finch} initial={{ view: 'compare', statementId }} />);
    await ui.see('overlaps statement', 'm merge · k keep both');
    await ui.press('m');
    await ui.see('merge: 0 created, 0 deleted');
    expect((await finch.statements.merges(statementId))[0]!.status).toBe('merged');
  });

  it('d deletes the old statement after y (n keeps it)', async () => {
    const ui = renderTui(<App finch={finch} initial={{ view: 'compare', statementId }} />);
    await ui.see('overlaps statement', 'm merge · k keep both');
    await ui.press('d');
    await ui.see('y/n');
    await ui.press('n');
    await ui.gone('y/n');
    expect(await finch.transactions.count({ text: 'OLD THING' })).toBe(1);
    await ui.press('d');
    await ui.see('y/n');
    await ui.press('y');
    await ui.see('delete-old: 1 created, 2 deleted');
    expect(await finch.transactions.count({ text: 'OLD THING' })).toBe(0);
    expect((await finch.statements.show(older)).status).toBe('superseded');
  });

  it('/compare from chat opens the latest statement, and Esc goes back to the chat', async () => {
    const ui = renderTui(<App finch={finch} />);
    await ui.see('Type what you spent');
    await ui.type('/compare');
    await ui.press(KEY.enter);
    await ui.see('mar.pdf · Checking', '1 to review');
    await ui.press(KEY.esc);
    await ui.see('Type what you spent');
  });
});
