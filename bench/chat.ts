/**
 * Chat parsing (issue #4): rules parse time per message (target median < 1 ms) and 10,000 messages
 * through `finch parse` on stdin (target < 5 s). Run: npm run build && npx tsx bench/chat.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMessage } from '../src/core/chat/rules/index.js';
import { toCalendarDate } from '../src/core/calendar/index.js';
import { currencyCode } from '../src/core/money/index.js';
import { machine, rng } from './lib.js';

const TEMPLATES = [
  (a: string) => `@john $${a} lunch at pizza place`,
  (a: string) => `uber ${a} yesterday`,
  (a: string) => `groceries at kroger ${a} last friday #weekly`,
  (a: string) => `split ${a} dinner with @ana @leo`,
  (a: string) => `€${a.replace('.', ',')} aldi`,
  (a: string) => `got paid ${a} salary`,
  (a: string) => `moved ${a} to savings on 5th jan`,
  (a: string) => `theatre tickets 2x ${a}`,
  (a: string) => `Rs ${a} auto rickshaw 3 days ago`,
  (a: string) => `coffee ${a} on tuesday with @kate`,
];

export function messages(n: number): string[] {
  const r = rng(7);
  return Array.from({ length: n }, (_, i) => TEMPLATES[i % TEMPLATES.length]!((1 + Math.floor(r() * 50000) / 100).toFixed(2)));
}

const options = { today: toCalendarDate('2024-03-15'), currency: currencyCode('USD') };
const set = messages(10_000);
for (const m of set.slice(0, 500)) parseMessage(m, options); // warm-up
const times = set.map((m) => {
  const t0 = performance.now();
  parseMessage(m, options);
  return performance.now() - t0;
});
times.sort((a, b) => a - b);
const home = mkdtempSync(join(tmpdir(), 'finch-bench-chat-'));
const t0 = performance.now();
const run = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'finch.js'), 'parse', '--today', '2024-03-15'], {
  input: `${set.join('\n')}\n`,
  env: { ...process.env, FINCH_HOME: home },
  maxBuffer: 256 * 2 ** 20,
});
const cliMs = Math.round(performance.now() - t0);
rmSync(home, { recursive: true, force: true });
console.log(
  JSON.stringify({
    machine: machine(),
    date: new Date().toISOString().slice(0, 10),
    parseMedianMs: Math.round(times[times.length >> 1]! * 1000) / 1000,
    parseP95Ms: Math.round(times[Math.floor(times.length * 0.95)]! * 1000) / 1000,
    cli10kMessagesMs: cliMs,
    cliLinesOut: run.stdout.toString().trim().split('\n').length,
    cliExit: run.status,
  }),
);
