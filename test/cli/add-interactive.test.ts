import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestDb, type TestDb } from '../helpers/dialects.js';
import { startPty, type PtySession } from '../helpers/pty.js';
import { openFinch } from '../../src/core/index.js';

const DOWN = '\u001B[B';
const ENTER = '\r';

// `finch add` asks on a terminal: save / edit a field / cancel, and before creating new people.
describe('finch add on a terminal', () => {
  let t: TestDb;
  let db: string;
  let env: NodeJS.ProcessEnv;
  let pty: PtySession | undefined;
  beforeEach(() => {
    t = makeTestDb('sqlite');
    db = t.target();
    env = { FINCH_HOME: t.home(), NO_COLOR: '1' };
  });
  afterEach(async () => {
    pty?.kill();
    await t.cleanup();
  });
  const ledger = async () => {
    const finch = await openFinch({ db, env });
    try {
      return { txs: await finch.transactions.list({}), people: (await finch.people.list()).map((p) => p.handle), history: await finch.chat.history() };
    } finally {
      await finch.close();
    }
  };

  it('edits a field, then saves the edited transaction', async () => {
    pty = startPty(['--db', db, 'add', 'coffee 4.50', '--today', '2026-11-20'], { env });
    await pty.waitFor(/Save this transaction\?/);
    pty.write(DOWN + ENTER); // Edit a field
    await pty.waitFor(/Which field\?/);
    const fields = pty.output().length;
    pty.write(ENTER); // the first field: amount
    await pty.waitFor(/amount:/, { from: fields });
    pty.write('\u0015'); // clear the default
    pty.write('6.75' + ENTER);
    const asked = pty.output().length;
    await pty.waitFor(/6\.75 USD[\s\S]*Save this transaction\?/, { from: asked });
    pty.write(ENTER);
    await pty.waitFor(/saved/, { from: asked });
    expect(await pty.exited()).toBe(0);
    const { txs } = await ledger();
    expect(txs).toHaveLength(1);
    expect(txs[0]).toMatchObject({ amount: '-6.75', description: expect.stringMatching(/coffee/i), date: '2026-11-20' });
  });

  it('cancels without saving anything, and marks the message discarded', async () => {
    pty = startPty(['--db', db, 'add', 'lunch 12'], { env });
    await pty.waitFor(/Save this transaction\?/);
    pty.write(DOWN + DOWN + ENTER);
    await pty.waitFor(/not saved/);
    expect(await pty.exited()).toBe(0);
    const { txs, history } = await ledger();
    expect(txs).toHaveLength(0);
    expect(history.map((m) => m.status)).toEqual(['discarded']);
  });

  it('asks before creating a person nobody added yet, and a no saves nothing', async () => {
    pty = startPty(['--db', db, 'add', '@zoe $30 cinema'], { env });
    await pty.waitFor(/Save this transaction\?/);
    pty.write(ENTER);
    await pty.waitFor(/@zoe is someone new/);
    pty.write('n' + ENTER);
    await pty.waitFor(/nothing was saved/);
    await pty.exited();
    expect((await ledger()).txs).toHaveLength(0);
    expect((await ledger()).people).toEqual([]);

    pty = startPty(['--db', db, 'add', '@zoe $30 cinema'], { env });
    await pty.waitFor(/Save this transaction\?/);
    pty.write(ENTER);
    await pty.waitFor(/@zoe is someone new/);
    pty.write('y' + ENTER);
    await pty.waitFor(/saved/);
    expect(await pty.exited()).toBe(0);
    const after = await ledger();
    expect(after.people).toEqual(['zoe']);
    expect(after.txs).toHaveLength(1);
  });
});
