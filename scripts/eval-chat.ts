/**
 * Per-field accuracy of the rules parser on a chat eval set (default ../shared/eval/chat-dev.tsv).
 * Run: npm run eval:chat [-- path.tsv ...]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluate, FIELDS } from '../src/core/chat/rules/evaluate.js';

const root = resolve(import.meta.dirname, '..');
const paths = process.argv.slice(2).length ? process.argv.slice(2) : [resolve(root, '../shared/eval/chat-dev.tsv'), resolve(root, 'fixtures/chat/messages.tsv'), resolve(root, 'fixtures/chat/messages-gbp.tsv'), resolve(root, 'fixtures/chat/messages-probe.tsv'), resolve(root, 'fixtures/chat/messages-probe2.tsv'), resolve(root, 'fixtures/chat/messages-probe3.tsv')];
for (const path of paths) {
  const report = evaluate(readFileSync(path, 'utf8'));
  console.log(`\n${path}: ${report.cases} messages`);
  for (const f of FIELDS) console.log(`  ${f.padEnd(9)} ${(report.accuracy[f] * 100).toFixed(1).padStart(5)}%  (${report.scored[f]} scored)`);
  for (const x of report.failures) console.log(`  line ${x.line} ${x.field}: expected "${x.expected}", got "${x.got}"  ← ${x.text}`);
}
