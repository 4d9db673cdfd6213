import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { startPty, type PtySession } from '../helpers/pty.js';

const ROOT = join(import.meta.dirname, '..', '..');
const built = existsSync(join(ROOT, 'dist', 'tui', 'index.js'));
const escape = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/**
 * The real `finch chat` in a pseudo-terminal of 80×24 (util-linux `script` gives it one): type a
 * message, Enter, Enter on the card to save it, /quit — then the library finds the transaction.
 * `npm test` builds dist/ first; run `npx tsc -p tsconfig.build.json` before running this alone.
 */
describeEachDialect('finch chat in a terminal (end to end)', (t) => {
  let pty: PtySession | undefined;
  let db: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    db = t.target();
    env = { FINCH_HOME: t.home(), LANG: 'C.UTF-8', TERM: 'xterm' };
  });
  afterEach(async () => {
    pty?.kill();
    await t.cleanup();
  });
  const type = async (text: string) => {
    pty!.write(text);
    await pty!.waitFor(escape(`› ${text}`));
    pty!.write('\r');
  };

  it.skipIf(!built)('saves a typed message and leaves cleanly', async () => {
    pty = startPty(['--db', db, 'chat'], { env });
    await pty.waitFor(/Type what you spent/);
    await type('coffee 4.50 at blue bottle');
    await pty.waitFor(/Enter save · e edit · x discard/);
    pty.write('\r');
    await pty.waitFor(/✓ saved/);
    await type('/quit');
    expect(await pty.exited()).toBe(0);
    const finch = await t.open({ db, env: {} });
    try {
      const rows = await finch.transactions.list();
      expect(rows.map((r) => [r.amount, r.description, r.source])).toEqual([['-4.50', 'coffee at blue bottle', 'chat']]);
      expect((await finch.chat.history())[0]).toMatchObject({ status: 'saved', transactionId: rows[0]!.id });
    } finally {
      await finch.close();
    }
  }, 60_000);

  it.skipIf(!built)('prints no colour with NO_COLOR, and Ctrl+C leaves', async () => {
    pty = startPty(['--db', db, 'chat'], { env: { ...env, NO_COLOR: '1' } });
    await pty.waitFor(/Type what you spent/);
    await type('lunch 12');
    await pty.waitFor(/suggestion · rules/);
    expect(pty.raw()).not.toMatch(/\u001b\[(?:3[0-79]|9[0-7]|4[0-79]|10[0-7]|38;|48;)[0-9;]*m/);
    pty.write('\u0003');
    expect(await pty.exited()).toBe(0);
  }, 60_000);
});
