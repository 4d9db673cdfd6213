/**
 * Chat parsing (issue #4): rules parse time per message (target median < 1 ms) and 10,000 messages
 * through `finch parse` on stdin (target < 3 s), on the templates and on varied corpus lines. Run: npm run build && npx tsx bench/chat.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

/** Varied messages: the corpus's lines (many languages, merchants, phrasings), each with an amount. */
export function variedMessages(n: number): string[] {
  const lines = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'chat', 'corpus', 'corpus.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t')[0]!);
  const r = rng(11);
  return Array.from({ length: n }, (_, i) => {
    const text = lines[Math.floor(r() * lines.length)]!;
    return /\d/.test(text) ? text : `${text} ${(1 + Math.floor(r() * 20000) / 100).toFixed(2)}`;
  });
}

function timeParse(set: string[]): { median: number; p95: number } {
  for (const m of set.slice(0, 500)) tryParse(m); // warm-up
  const times = set.map((m) => {
    const t0 = performance.now();
    tryParse(m);
    return performance.now() - t0;
  });
  times.sort((a, b) => a - b);
  return { median: Math.round(times[times.length >> 1]! * 1000) / 1000, p95: Math.round(times[Math.floor(times.length * 0.95)]! * 1000) / 1000 };
}

function tryParse(m: string): void {
  try {
    parseMessage(m, options);
  } catch {
    // a corpus line may carry no amount
  }
}

function timeCli(set: string[]): { ms: number; lines: number; exit: number | null } {
  const home = mkdtempSync(join(tmpdir(), 'finch-bench-chat-'));
  const t0 = performance.now();
  const run = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'finch.js'), 'parse', '--today', '2024-03-15'], {
    input: `${set.join('\n')}\n`,
    env: { ...process.env, FINCH_HOME: home },
    maxBuffer: 256 * 2 ** 20,
  });
  const ms = Math.round(performance.now() - t0);
  rmSync(home, { recursive: true, force: true });
  return { ms, lines: run.stdout.toString().trim().split('\n').length, exit: run.status };
}

const options = { today: toCalendarDate('2024-03-15'), currency: currencyCode('USD') };
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const templated = messages(10_000);
  const varied = variedMessages(10_000);
  const a = timeParse(templated);
  const b = timeParse(varied);
  const cliA = timeCli(templated);
  const cliB = timeCli(varied);
  console.log(
    JSON.stringify({
      machine: machine(),
      date: new Date().toISOString().slice(0, 10),
      load: loadavg()[0]!.toFixed(1),
      templated: { parseMedianMs: a.median, parseP95Ms: a.p95, cli10kMessagesMs: cliA.ms, cliLinesOut: cliA.lines, cliExit: cliA.exit },
      varied: { parseMedianMs: b.median, parseP95Ms: b.p95, cli10kMessagesMs: cliB.ms, cliLinesOut: cliB.lines, cliExit: cliB.exit },
    }),
  );
}

