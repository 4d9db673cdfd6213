import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finch } from '../../../src/core/index.js';
import type { MailTruth } from '../../../src/core/mail/index.js';

export const MAIL_FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'mail');

interface TruthFile {
  accounts: Array<{ name: string; currency: string; kind: string; number?: string }>;
  messages: Array<{ file: string; set: 'dev' | 'heldout'; messageId: string; truth: MailTruth }>;
}

export const TRUTH = JSON.parse(readFileSync(join(MAIL_FIXTURES, 'truth.json'), 'utf8')) as TruthFile;

export function fixtureFiles(set: 'dev' | 'heldout'): string[] {
  return readdirSync(join(MAIL_FIXTURES, set)).sort().map((f) => join(MAIL_FIXTURES, set, f));
}

/** The accounts the fixture mailbox's owner has (card and account numbers as the alerts print them). */
export async function addFixtureAccounts(finch: Finch): Promise<void> {
  for (const a of TRUTH.accounts) await finch.accounts.add({ name: a.name, currency: a.currency, kind: a.kind as 'bank', numberHint: a.number });
}
