import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { openFinch } from '../../src/core/index.js';

it('quickstart makes a demo ledger with a chat entry and an imported sample statement', async () => {
  const home = mkdtempSync(join(tmpdir(), 'finch-qs-'));
  try {
    const r = await runCli(['quickstart', '--home', home, '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({
      home,
      chat: { category: 'dining', mentions: ['sam'] },
      statement: { created: 10, skipped: 0, reconciled: true, status: 'completed' },
      balance: '2528.33', // the sample statement's closing balance
    });
    const table = await runCli(['quickstart', '--home', home]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/0 transactions created, 10 duplicates skipped/); // run twice: nothing twice
    const finch = await openFinch({ home, db: join(home, 'finch.db'), env: {} });
    try {
      expect(await finch.transactions.count()).toBe(12);
      expect((await finch.people.list()).map((p) => p.handle)).toEqual(['sam']);
    } finally {
      await finch.close();
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

it('quickstart without --home keeps one demo folder and replaces the one it made before', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'finch-qs-tmp-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    const { readdirSync, mkdirSync, writeFileSync, existsSync } = await import('node:fs');
    // A random-named folder an older quickstart left behind, and a folder that is not finch's.
    mkdirSync(join(tmp, 'finch-quickstart-Ab12Cd'));
    writeFileSync(join(tmp, 'finch-quickstart-Ab12Cd', 'finch.db'), '');
    mkdirSync(join(tmp, 'finch-quickstart-notes'));
    const first = await runCli(['quickstart', '--json']);
    expect(first.code).toBe(0);
    const home = first.json().home as string;
    expect(home.startsWith(tmp)).toBe(true);
    writeFileSync(join(home, 'left-over'), 'x');
    const second = await runCli(['quickstart', '--json']);
    expect(second.code).toBe(0);
    expect(second.json().home).toBe(home);
    expect(second.json().statement.created).toBe(10); // a fresh ledger, not the old one
    expect(existsSync(join(home, 'left-over'))).toBe(false);
    expect(readdirSync(tmp).sort()).toEqual([home.slice(tmp.length + 1), 'finch-quickstart-notes'].sort());
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(tmp, { recursive: true, force: true });
  }
});
