import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/core/index.js';
import { runCli } from '../../helpers/cli.js';

const HOSTILE = ["=cmd|' /C calc'!A0", '+SUM(A1:A9)', '-2+3', '@HYPERLINK("http://x","y")', '\tTAB', '\rCR'];
const STORED = HOSTILE.slice(0, 4);

describe('CSV formula neutralising', () => {
  it('prefixes text cells that a spreadsheet would run, and leaves numbers alone', () => {
    for (const h of HOSTILE) expect(Papa.parse<string[]>(csvCell(h)).data[0]![0]!.startsWith("'")).toBe(true);
    expect(csvCell('-12.50', true)).toBe('-12.50');
    expect(csvCell('-12.50')).toBe("'-12.50");
    expect(csvCell('lunch, with "friends"')).toBe('"lunch, with ""friends"""');
    // A numeric column with a formula in it is still neutralised.
    expect(csvCell('=1+1', true)).toBe("'=1+1");
    const table = toCsv(['amount', 'description'], [['-12.50', '=evil()'], ['3.00', 'fine']]);
    expect(table).toBe("amount,description\n-12.50,'=evil()\n3.00,fine\n");
  });
});

describe('every CSV finch writes is neutralised', () => {
  let home: string;
  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), 'finch-csv-'));
    // The ledger trims descriptions, so tab/CR starts reach CSV only through other fields (unit-tested above).
    for (const [i, d] of STORED.entries()) {
      const r = await runCli(['tx', 'add', '--amount', `${i + 1}.50`, '--desc', d, '--date', '2024-03-0' + (i + 1), '--category', 'dining'], { env: { FINCH_HOME: home } });
      expect(r.code, r.stderr).toBe(0);
    }
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const cellsOf = (csv: string) => Papa.parse<string[]>(csv.trim()).data;
  const noFormula = (rows: string[][]) => rows.slice(1).flat().filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c));

  it('export --format csv, tx list --csv and report --csv', async () => {
    const exported = cellsOf((await runCli(['export', '--format', 'csv'], { env: { FINCH_HOME: home } })).stdout);
    const listed = cellsOf((await runCli(['tx', 'list', '--csv'], { env: { FINCH_HOME: home } })).stdout);
    const report = cellsOf((await runCli(['report', 'spending', '--by', 'merchant', '--csv', '--period', '2024'], { env: { FINCH_HOME: home } })).stdout);
    for (const rows of [exported, listed]) {
      expect(rows.length).toBe(STORED.length + 1);
      expect(noFormula(rows)).toEqual([]);
      const descriptions = rows.slice(1).map((r) => r[rows[0]!.indexOf('description')]);
      expect(descriptions.sort()).toEqual(STORED.map((h) => `'${h}`).sort());
      // Amounts are spending: negative decimals, which stay numbers.
      const amounts = rows.slice(1).map((r) => r[rows[0]!.indexOf('amount')]!);
      expect(amounts.every((a) => /^-\d+\.50$/.test(a))).toBe(true);
    }
    expect(report.length).toBeGreaterThan(1);
    expect(noFormula(report)).toEqual([]);
  });
});
