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
