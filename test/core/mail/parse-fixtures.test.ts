import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currencyCode } from '../../../src/core/money/index.js';
import { judge, parseMail, readMail, type AccountHint } from '../../../src/core/mail/index.js';
import { MAIL_FIXTURES, TRUTH } from './fixture-accounts.js';

const accounts: AccountHint[] = TRUTH.accounts.map((a) => ({ id: a.name, name: a.name, currency: a.currency, numberHint: a.number ?? null, kind: a.kind, institution: null }));

async function measure(set: 'dev' | 'heldout') {
  const out = { tx: 0, right: 0, non: 0, turned: 0, wrong: [] as string[] };
  for (const m of TRUTH.messages.filter((x) => x.set === set)) {
    const parsed = parseMail(await readMail(readFileSync(join(MAIL_FIXTURES, m.file))), { home: currencyCode('USD'), accounts });
    const wrong = judge(parsed, m.truth);
    if (m.truth.kind === 'transaction') {
      out.tx++;
      if (wrong.length === 0) out.right++;
      else out.wrong.push(`${m.file}: ${wrong.join('; ')}`);
    } else {
      out.non++;
      if (wrong.length) out.turned++;
      // The classifier says why, with the words that showed it.
      if (parsed.kind === 'not-transaction') expect(parsed.reason.length).toBeGreaterThan(5);
    }
  }
  return out;
}

describe('mail alert parser on the fixture mailbox', () => {
  it('reads every development alert right (date, signed amount, currency, merchant) and no other mail as a transaction', async () => {
    const r = await measure('dev');
    expect(r.wrong).toEqual([]);
    expect(r.tx).toBeGreaterThanOrEqual(25);
    expect(r.turned).toBe(0);
  });

  it('on the blind held-out set turns no non-transaction into one and reads at least 90% of the alerts right', async () => {
    const r = await measure('heldout');
    expect(r.turned).toBe(0);
    expect(r.right / r.tx).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps both amounts of a foreign-currency purchase, the billed one as the amount', async () => {
    const mail = await readMail(readFileSync(join(MAIL_FIXTURES, 'dev', '17-chase-fx-hotel.eml')));
    const p = parseMail(mail, { home: currencyCode('USD'), accounts });
    expect(p).toMatchObject({ kind: 'transaction', amountMinor: -12984, currency: 'USD', original: { amountMinor: -12000, currency: 'EUR' }, accountId: 'Chase Sapphire' });
  });

  it('decodes quoted-printable windows-1252 and iso-8859-1 bodies', async () => {
    const fr = await readMail(readFileSync(join(MAIL_FIXTURES, 'dev', '16-bnp-fnac-fr.eml')));
    expect(fr.text).toContain('45,90 € a été effectué chez FNAC PARIS');
    const uk = await readMail(readFileSync(join(MAIL_FIXTURES, 'dev', '13-monzo-pret.eml')));
    expect(uk.text).toContain('You spent £12.50 at Pret A Manger');
  });

  it('a one-time code that names an amount and a merchant is still not a transaction', async () => {
    const otp = await readMail(readFileSync(join(MAIL_FIXTURES, 'dev', '29-hdfc-otp.eml')));
    const p = parseMail(otp, { home: currencyCode('INR'), accounts });
    expect(p).toMatchObject({ kind: 'not-transaction' });
    expect(p.kind === 'not-transaction' && p.reason).toMatch(/one-time code/);
    expect(p.evidence.amounts.map((a) => a.amount)).toContain('2500.00');
  });
});
