/** Checks one generated statement fixture against the truth JSON beside it, the same way for every layout test. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { readStatement } from '../../../src/core/statements/index.js';
import { parseDocument } from '../../../src/core/statements/system-parser/index.js';
import type { Truth } from '../../../src/core/statements/evaluate.js';
import { perWordAndScaled } from './documents.js';

export const FIXTURE_PDFS = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'statements', 'pdf');

/** Amounts compared as numbers: the truth prints 2 decimals, the parser the currency's own (JPY none). */
export const money = (s: string | null | undefined) => (s == null ? s : Number(s).toFixed(2));

export interface TruthCheck {
  /** The currency the parser must find; `null` skips the check (the statement prints none it can read). Default: the truth's. */
  currency?: string | null;
  /** 'contains' where the parser keeps a type code in front of the description the truth leaves out. */
  description?: 'equal' | 'contains';
  /** The warnings the parser must give (default none): the header-less fallback always asks for a review. */
  warnings?: string[];
}

/**
 * Every row (date, signed amount, description), the currency, opening and closing balances and the
 * balance check must match; no warnings, no rows for review — and the same again when every word is
 * its own text item and the page is scaled, as other PDF writers produce.
 */
export async function expectMatchesTruth(name: string, options: TruthCheck = {}): Promise<void> {
  const truth = JSON.parse(readFileSync(join(FIXTURE_PDFS, `${name}.json`), 'utf8')) as Truth;
  const bytes = new Uint8Array(readFileSync(join(FIXTURE_PDFS, `${name}.pdf`)));
  const { statement, parser, document } = await readStatement(bytes, 'pdf', { filename: `${name}.pdf`, parser: 'system' });
  expect(parser).toBe('system');
  const check = (got: ReadonlyArray<{ date: string; amount: string; description: string }>) => {
    expect(got.map((t) => [t.date, money(t.amount)])).toEqual(truth.transactions.map((t) => [t.date, money(t.amount)]));
    got.forEach((t, i) => {
      const want = truth.transactions[i]!.description;
      if ((options.description ?? 'equal') === 'equal') expect(t.description).toBe(want);
      else expect(t.description).toContain(want);
    });
  };
  check(statement.transactions);
  const currency = options.currency === undefined ? truth.currency : options.currency;
  if (currency !== null) expect(statement.currency).toBe(currency);
  expect([money(statement.openingBalance), money(statement.closingBalance), statement.reconciled]).toEqual([money(truth.opening_balance), money(truth.closing_balance), true]);
  expect(statement.warnings).toEqual(options.warnings ?? []);
  expect(statement.transactions.filter((t) => t.reviewReasons?.length)).toEqual([]);
  const other = parseDocument(perWordAndScaled(document, 1.25));
  check(other.transactions);
  expect(other.reconciled).toBe(true);
}
