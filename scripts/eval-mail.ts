/**
 * Measures the mail parser on fixtures/mail: `npx tsx scripts/eval-mail.ts [dev|heldout]`.
 * Transaction mails must be read right (date, signed amount, currency, merchant); no other mail
 * may become a transaction.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMail, parseMail, judge, type MailTruth, type AccountHint } from '../src/core/mail/index.js';
import { currencyCode } from '../src/core/money/index.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'mail');
const truth = JSON.parse(readFileSync(join(root, 'truth.json'), 'utf8')) as { accounts: Array<{ name: string; currency: string; kind: string; number?: string }>; messages: Array<{ file: string; set: string; truth: MailTruth }> };
const accounts: AccountHint[] = truth.accounts.map((a) => ({ id: a.name, name: a.name, currency: a.currency, numberHint: a.number ?? null, kind: a.kind, institution: null }));
const only = process.argv[2];
const verbose = process.argv.includes('-v');
for (const set of only ? [only] : ['dev', 'heldout']) {
  let tx = 0, txRight = 0, non = 0, nonWrong = 0;
  for (const m of truth.messages.filter((x) => x.set === set)) {
    const parsed = parseMail(await readMail(readFileSync(join(root, m.file))), { home: currencyCode('USD'), accounts });
    const wrong = judge(parsed, m.truth);
    if (m.truth.kind === 'transaction') { tx++; if (!wrong.length) txRight++; } else { non++; if (wrong.length) nonWrong++; }
    if (wrong.length || verbose) console.log(`${wrong.length ? '✗' : '✓'} ${m.file}: ${wrong.join('; ')}${verbose ? ` ${JSON.stringify(parsed.kind === 'transaction' ? { ...parsed, evidence: undefined } : parsed.reason)}` : ''}`);
  }
  console.log(`${set}: transactions read right ${txRight}/${tx} (${((100 * txRight) / Math.max(1, tx)).toFixed(1)}%), non-transactions turned into transactions ${nonWrong}/${non}`);
}
