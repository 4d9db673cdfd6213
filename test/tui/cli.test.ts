import { afterEach, describe, expect, it } from 'vitest';
import { makeTestDb } from '../helpers/dialects.js';
import { runCli } from '../helpers/cli.js';

const t = makeTestDb('sqlite');
afterEach(() => t.cleanup());

describe('the TUI commands without a terminal', () => {
  it('finch chat says it needs a terminal, in one line, and exits non-zero', async () => {
    const r = await runCli(['chat'], { db: t.target() });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toBe('finch: finch chat needs a terminal; use finch add or finch parse\n');
    expect(r.stdout).toBe('');
  });

  it('finch chat history still works', async () => {
    const db = t.target();
    expect((await runCli(['add', 'coffee 3', '--yes'], { db })).code).toBe(0);
    const r = await runCli(['chat', 'history', '--json'], { db });
    expect(r.code).toBe(0);
    expect(r.json()[0]).toMatchObject({ status: 'saved' });
  });

  it('finch tx browse and finch statement compare --tui need a terminal too', async () => {
    const db = t.target();
    const browse = await runCli(['tx', 'browse'], { db });
    expect(browse.code).not.toBe(0);
    expect(browse.stderr).toMatch(/^finch: finch tx browse needs a terminal; use finch tx list\n$/);
    const compare = await runCli(['statement', 'compare', '01234567', '--tui'], { db });
    expect(compare.code).not.toBe(0);
    expect(compare.stderr).toMatch(/needs a terminal/);
  });

  it('help lists the TUI entry points', async () => {
    expect((await runCli(['--help'])).stdout).toMatch(/chat\b.*interactive chat view/);
    expect((await runCli(['tx', '--help'])).stdout).toMatch(/browse.*interactive transaction browser/);
    expect((await runCli(['statement', 'compare', '--help'])).stdout).toContain('--tui');
  });
});
