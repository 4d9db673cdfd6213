import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/tui/App.js';
import type { Finch } from '../../src/core/index.js';
import type { TestDb } from '../helpers/dialects.js';
import { droppedFile } from '../../src/tui/state/commands.js';
import { KEY, renderTui, withFinch } from './helpers.js';
import { OLDER_CSV, writeReviewStatement } from './statements.js';

let finch: Finch;
let db: TestDb;
let done: () => Promise<void>;

beforeEach(async () => {
  ({ finch, done, db } = await withFinch());
});
afterEach(async () => {
  cleanup();
  await done();
});

describe('drop zone', () => {
  it('recognises pasted paths: plain, quoted, escaped spaces, file:// URLs; never plain messages', () => {
    const dir = db.home();
    const path = join(dir, 'my statement.csv');
    writeFileSync(path, OLDER_CSV);
    expect(droppedFile(path)).toBe(path);
    expect(droppedFile(`'${path}'`)).toBe(path);
    expect(droppedFile(path.replace(/ /g, '\\ '))).toBe(path);
    expect(droppedFile(`file://${encodeURI(path)}`)).toBe(path);
    expect(droppedFile('coffee 4.50')).toBeNull();
    expect(droppedFile('lunch 50/50 with @john')).toBeNull();
    expect(droppedFile(join(dir, 'missing.csv'))).toBeNull();
  });

  it('a pasted statement path runs the pipeline and shows every stage; /compare opens the comparison', async () => {
    await finch.accounts.add({ name: 'Checking', currency: 'USD' });
    const pdf = join(db.home(), 'mar.pdf');
    await writeReviewStatement(pdf);
    const ui = renderTui(<App finch={finch} />);
    await ui.see('Type what you spent');
    await ui.type(pdf);
    await ui.press(KEY.enter);
    const frame = await ui.see('mar.pdf imported', '✓ decrypt', '✓ extract', '✓ parse', '✓ dedup', '✓ create', '✓ complete', '3 created', '1 need review');
    expect(frame).toMatch(/✓ parse \d+ms/);
    expect(await finch.transactions.count()).toBe(3);
    await ui.type('/compare');
    await ui.press(KEY.enter);
    await ui.see('mar.pdf · Checking', '1 to review');
    await ui.press(KEY.esc);
    await ui.see('mar.pdf imported');
  });

  it('a failing file shows the stage it stopped at; no account says how to pick one', async () => {
    const bad = join(db.home(), 'broken.pdf');
    writeFileSync(bad, 'not a pdf at all');
    const ui = renderTui(<App finch={finch} />);
    await ui.see('Type what you spent');
    await ui.type(bad);
    await ui.press(KEY.enter);
    await ui.see('no account to import into: /account NAME');
    await ui.type('/account Savings');
    await ui.press(KEY.enter);
    await ui.see('statements now go to account "Savings"');
    await ui.type(bad);
    await ui.press(KEY.enter);
    await ui.see('broken.pdf failed', '✗ decrypt', 'is not a PDF');
    expect(await finch.transactions.count()).toBe(0);
  });
});
