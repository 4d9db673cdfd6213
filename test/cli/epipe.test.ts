import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openFinch } from '../../src/core/index.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'finch.js');
let home: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'finch-epipe-'));
  const finch = await openFinch({ home, env: {} });
  await finch.transactions.addMany(Array.from({ length: 3000 }, (_, i) => ({ amount: `${i + 1}.00`, description: `a long enough description to fill the pipe ${i}`, date: '2024-03-01' })));
  await finch.close();
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Like `finch ARGS | head -c 1`: the reader goes away after the first chunk. */
function runIntoClosedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, FINCH_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

it('ends quietly with status 0 when the reader of its output goes away (finch … | head)', async () => {
  for (const args of [['tx', 'list', '--limit', '3000'], ['export', '--format', 'csv'], ['tx', 'list', '--json', '--limit', '3000']]) {
    const r = await runIntoClosedPipe(args);
    expect([args.join(' '), r.code, r.stderr]).toEqual([args.join(' '), 0, '']);
  }
}, 60_000);
