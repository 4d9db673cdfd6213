import type { FinchErrorCode } from '../core/index.js';

/**
 * The CLI's advice for a library error, keyed by what it is about (FinchError.subject). The
 * library says what is wrong; only the CLI knows which command puts it right.
 */
const HINTS: Record<string, string> = {
  user: 'create it with finch --user NAME init',
  account: 'see: finch account list',
  category: 'see: finch category list',
  person: 'see: finch people list',
  group: 'see: finch group list',
  goal: 'see: finch goal list',
  'budget-template': 'see: finch budget template list',
  mention: 'add them with finch people add',
  'secret-key': 'to recover: finch password remove LABEL (and finch ai remove-key PROVIDER), then save them again; finch secrets rotate --from OLD_KEY_FILE moves secrets to a new key',
  'db-role': 'the owner runs: finch --user PROFILE db grant-role ROLE',
  mailbox: 'add one with finch mail add',
  history: 'see: finch history',
  'gmail-consent': 'run finch mail add NAME --gmail again',
  'exchange-rate': 'use --account-amount or --rate, or store one with finch rate add FROM TO RATE',
  'budget-line': 'finch budget set CATEGORY AMOUNT',
  'csv-mapping': 'see: finch statement mappings list',
};

/** The one line the CLI prints for a FinchError: the library's message, then the CLI's hint. */
export function errorLine(e: Error & { code: FinchErrorCode; subject?: string }): string {
  const hint = e.subject ? HINTS[e.subject] : undefined;
  return hint ? `${e.message} (${hint})` : e.message;
}
