/**
 * Per-field accuracy of the rules parser on chat eval sets (default: the shared dev set and finch's
 * own fixture sets), plus payer and split where a set gives them.
 * Run: npm run eval:chat [-- [--part all|tune|holdout] [--quiet] path.tsv ...]
 * `--part holdout` scores every fourth row only and never prints its failures (keep it unseen).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXTRA_FIELDS, evaluate, FIELDS } from '../src/core/chat/rules/evaluate.js';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const partAt = args.indexOf('--part');
const part = partAt >= 0 ? (args[partAt + 1] as 'all' | 'tune' | 'holdout') : 'all';
const files = args.filter((a, i) => !a.startsWith('--') && (partAt < 0 || i !== partAt + 1));
const defaults = ['../shared/eval/chat-dev.tsv', 'fixtures/chat/messages.tsv', 'fixtures/chat/messages-gbp.tsv', 'fixtures/chat/messages-probe.tsv', 'fixtures/chat/messages-probe2.tsv', 'fixtures/chat/messages-probe3.tsv'];
for (const path of files.length ? files : defaults.map((p) => resolve(root, p))) {
  const report = evaluate(readFileSync(path, 'utf8'), { part });
  console.log(`\n${path} (${part}): ${report.cases} messages`);
  for (const f of [...FIELDS, ...EXTRA_FIELDS]) {
    if (report.scored[f] === 0) continue;
    console.log(`  ${f.padEnd(9)} ${(report.accuracy[f] * 100).toFixed(1).padStart(5)}%  (${report.scored[f]} scored)`);
  }
  if (quiet || part === 'holdout') continue;
  for (const x of report.failures) console.log(`  line ${x.line} ${x.field}: expected "${x.expected}", got "${x.got}"  ← ${x.text}`);
}
