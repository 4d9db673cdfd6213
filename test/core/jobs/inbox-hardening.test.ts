import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { watchInbox, type InboxEvent } from '../../../src/core/jobs/index.js';
import { describeEachDialect } from '../../helpers/dialects.js';
import { runCli } from '../../helpers/cli.js';

const csv = (n: number) => `Date,Description,Amount\n2024-03-0${n},Shop ${n},-${n}.00\n2024-03-1${n},Pay ${n},${n}00.00\n`;

function waitFor(events: InboxEvent[], pred: (e: InboxEvent) => boolean, ms = 20_000): Promise<InboxEvent> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const tick = () => {
      const hit = events.find(pred);
      if (hit) return resolve(hit);
      if (Date.now() - start > ms) return reject(new Error(`timed out: ${JSON.stringify(events)}`));
      setTimeout(tick, 50);
    };
    tick();
  });
}

describeEachDialect('inbox: symlinks and retry', (t) => {
  const dirs: string[] = [];
  afterEach(async () => {
    await t.cleanup();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'finch-inbox-'));
    dirs.push(d);
    return d;
  };

  it('never follows a symlink out of the inbox, nor loops on one back into it', async () => {
    const inbox = dir();
    const elsewhere = dir();
    writeFileSync(join(elsewhere, 'theirs.csv'), csv(1));
    writeFileSync(join(elsewhere, 'linked-target.csv'), csv(2));
    symlinkSync(elsewhere, join(inbox, 'outside'));
    symlinkSync(inbox, join(inbox, 'loop'));
    symlinkSync(join(elsewhere, 'linked-target.csv'), join(inbox, 'linked.csv'));
    writeFileSync(join(inbox, 'real.csv'), csv(3));
    const finch = await t.open();
    await finch.accounts.add({ name: 'Checking', currency: 'USD' });
    const events: InboxEvent[] = [];
    const handle = await watchInbox(finch, inbox, { defaultAccount: 'Checking', settleMs: 50, pollMs: 50 }, (e) => events.push(e));
    try {
      await waitFor(events, (e) => e.type === 'processed' && e.file === 'real.csv');
      await new Promise((r) => setTimeout(r, 700));
    } finally {
      await handle.close();
    }
    expect(events.filter((e) => e.type === 'queued').map((e) => (e as { file: string }).file)).toEqual(['real.csv']);
    expect(readdirSync(elsewhere).sort()).toEqual(['linked-target.csv', 'theirs.csv']);
    expect(readdirSync(join(inbox, 'processed')).sort()).toEqual(['real.csv', 'real.csv.log.json']);
    expect(await finch.transactions.count()).toBe(2);
    await finch.close();
  });

  it('refuses to move files into a processed/ that is a link elsewhere', async () => {
    const inbox = dir();
    const elsewhere = dir();
    symlinkSync(elsewhere, join(inbox, 'processed'));
    writeFileSync(join(inbox, 'a.csv'), csv(4));
    const finch = await t.open();
    await finch.accounts.add({ name: 'Checking', currency: 'USD' });
    const events: InboxEvent[] = [];
    const handle = await watchInbox(finch, inbox, { defaultAccount: 'Checking', settleMs: 50, pollMs: 50 }, (e) => events.push(e));
    try {
      await waitFor(events, (e) => e.type === 'failed');
    } finally {
      await handle.close();
    }
    expect(readdirSync(elsewhere)).toEqual([]);
    await finch.close();
  });

  it('jobs retry brings the file back from failed/ and imports it', async () => {
    const inbox = dir();
    writeFileSync(join(inbox, 'march.csv'), csv(5));
    const target = t.target();
    const finch = await t.open({ db: target });
    const events: InboxEvent[] = [];
    // No account yet: the job fails for good and the file goes to failed/.
    const handle = await watchInbox(finch, inbox, { settleMs: 50, pollMs: 50 }, (e) => events.push(e));
    let failed: InboxEvent;
    try {
      failed = await waitFor(events, (e) => e.type === 'failed' && !e.willRetry);
    } finally {
      await handle.close();
    }
    expect(existsSync(join(inbox, 'failed', 'march.csv'))).toBe(true);
    await finch.accounts.add({ name: 'Checking', currency: 'USD' });
    await finch.close();

    const r = await runCli(['jobs', 'retry', (failed as { jobId: string }).jobId, '--account', 'Checking', '--json'], { db: target, env: { FINCH_HOME: t.home() } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.json().status).toBe('done');
    expect(existsSync(join(inbox, 'failed', 'march.csv'))).toBe(false);
    expect(existsSync(join(inbox, 'failed', 'march.csv.log.json'))).toBe(false);
    expect(existsSync(join(inbox, 'processed', 'march.csv'))).toBe(true);
    const again = await t.open({ db: target });
    expect((await again.transactions.list()).map((x) => x.description).sort()).toEqual(['Pay 5', 'Shop 5']);
    await again.close();
  });
});
