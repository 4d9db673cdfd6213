import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { currencyCode, isCurrencyCode, minorDigits } from '../../../../src/core/money/index.js';
import { decodeBytes, parseCsv } from '../../../../src/core/statements/readers/index.js';
import { detectDelimiter } from '../../../../src/core/statements/readers/csv/index.js';
import { type ImportTruth, scoreImport } from '../../../../src/core/statements/evaluate-imports.js';

const BLIND = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures/exports/blind');

/**
 * What a reading finds must not depend on how the same rows are laid out: newest first or last,
 * tabs or the bank's delimiter. Checked on every blind CSV fixture finch reads right as written.
 */
describe('CSV readings do not depend on row order or delimiter', () => {
  for (const name of readdirSync(BLIND).filter((d) => existsSync(join(BLIND, d, 'truth.json'))).sort()) {
    const truth = JSON.parse(readFileSync(join(BLIND, name, 'truth.json'), 'utf8')) as ImportTruth;
    if (truth.format !== 'csv' || name === 'us-amex-positive-charges') continue;
    it(name, () => {
      const text = decodeBytes(readFileSync(join(BLIND, name, truth.file))).text;
      const currency = isCurrencyCode(truth.currency) ? currencyCode(truth.currency) : undefined;
      const digits = currency ? minorDigits(currency) : 2;
      const delimiter = detectDelimiter(text);
      const rows = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy' }).data;
      const header = parseCsv(text, { currency }).reading.header;
      const reversed = header === null ? [...rows].reverse() : [...rows.slice(0, header + 1), ...rows.slice(header + 1).reverse()];
      for (const variant of [Papa.unparse(reversed, { delimiter }), Papa.unparse(rows, { delimiter: '\t' })]) {
        const s = scoreImport(parseCsv(variant, { currency }).parsed.transactions, truth, digits);
        expect({ missing: s.missing, extra: s.extra }).toEqual({ missing: [], extra: [] });
      }
    });
  }
});
