/**
 * 1,000 mails synced and parsed against local servers: a real Dovecot (IMAP) and the local Gmail
 * API server, into a fresh SQLite ledger. Prints one JSON line. Target: ≤ 10 s each.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFinch } from '../src/core/index.js';
import { removeDovecot, startDovecot } from '../test/helpers/dovecot.js';
import { startFakeGmail } from '../test/helpers/fake-gmail.js';

const N = Number(process.env.BENCH_MAIL_N ?? 1000);
const dir = join(import.meta.dirname, '..', 'fixtures', 'mail', 'dev');
// Every development fixture but the one with a PDF statement attached (that is a statement import, timed elsewhere).
const templates = readdirSync(dir).sort().map((f) => readFileSync(join(dir, f))).filter((b) => !b.includes('application/pdf'));
const mails = Array.from({ length: N }, (_, i) => Buffer.from(templates[i % templates.length]!.toString('latin1').replace(/^Message-ID: <([^>]+)>/m, `Message-ID: <bench-${i}-$1>`), 'latin1'));

async function timed(name: string, setup: (finch: Awaited<ReturnType<typeof openFinch>>) => Promise<void>, env: NodeJS.ProcessEnv = {}) {
  const home = mkdtempSync(join(tmpdir(), 'finch-bench-mail-'));
  const finch = await openFinch({ db: join(home, 'finch.db'), home, env });
  try {
    await finch.accounts.add({ name: 'Checking', currency: 'USD', numberHint: '4821' });
    await setup(finch);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const [r] = await finch.mail.sync('box');
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const t1 = performance.now();
    const [again] = await finch.mail.sync('box');
    return { name, ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), read: r!.read, transactions: r!.created.length, skipped: r!.skipped.length, failed: r!.failed.length, secondSyncRead: again!.read, secondSyncMs: Math.round(performance.now() - t1) };
  } finally {
    await finch.close();
    rmSync(home, { recursive: true, force: true });
  }
}

const dovecot = await startDovecot();
for (const m of mails) dovecot.deliverRaw('bench.eml', m);
const imap = await timed('imap (dovecot)', async (finch) => {
  await finch.mail.addImap('box', dovecot.url, { password: dovecot.password });
});
await dovecot.stop();
removeDovecot(dovecot);

const gmail = await startFakeGmail();
for (const m of mails) gmail.add(m);
const env = { FINCH_GMAIL_API_ROOT: gmail.url, FINCH_GMAIL_OAUTH_ROOT: gmail.url };
const viaGmail = await timed(
  'gmail (local API server)',
  async (finch) => {
    const { addMailbox } = await import('../src/core/mail/index.js');
    await addMailbox(finch.ctx, finch.secrets(), { name: 'box', kind: 'gmail', config: { email: null, clientId: 'c', clientSecret: 's' }, secret: gmail.refreshToken });
  },
  env,
);
await gmail.close();
console.log(JSON.stringify({ messages: N, runs: [imap, viaGmail] }));
