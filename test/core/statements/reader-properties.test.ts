import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyCode, decimalToMinor, FinchError } from '../../../src/core/index.js';
import { preflight, readStatement } from '../../../src/core/statements/index.js';

const FORMATS = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'statements', 'formats');
const SAMPLES = ['us-bank.csv', 'de-giro.csv', 'uk-current.csv', 'bank.qif', 'camt053.xml'].map((f) => ({ name: f, text: readFileSync(join(FORMATS, f), 'latin1') }));
const OFX = `OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKTRANLIST>\n<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240305<TRNAMT>-42.10<FITID>A1<NAME>GROCERY</STMTTRN>\n</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n`;
SAMPLES.push({ name: 'bank.ofx', text: OFX });
const BLIND = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'exports', 'blind');
for (const dir of ['mt940-de-multi', 'mt940-swift-envelope']) {
  const file = readdirSync(join(BLIND, dir)).find((f) => f !== 'truth.json')!;
  SAMPLES.push({ name: file, text: readFileSync(join(BLIND, dir, file), 'latin1') });
}

/** Edits that keep a file mostly what it was: delete, duplicate or replace a slice, insert junk. */
const edit = fc.record({
  kind: fc.constantFrom('delete', 'insert', 'replace', 'duplicate', 'truncate'),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  len: fc.nat({ max: 64 }),
  junk: fc.string({ unit: 'binary', maxLength: 24 }),
});

function applyEdits(text: string, edits: Array<{ kind: string; at: number; len: number; junk: string }>): string {
  let t = text;
  for (const e of edits) {
    const i = Math.floor(e.at * t.length);
    if (e.kind === 'delete') t = t.slice(0, i) + t.slice(i + e.len);
    else if (e.kind === 'insert') t = t.slice(0, i) + e.junk + t.slice(i);
    else if (e.kind === 'replace') t = t.slice(0, i) + e.junk + t.slice(i + e.junk.length);
    else if (e.kind === 'duplicate') t = t.slice(0, i + e.len) + t.slice(i, i + e.len) + t.slice(i + e.len);
    else t = t.slice(0, Math.max(1, i));
  }
  return t;
}

async function readOrRefuse(bytes: Uint8Array, filename: string): Promise<void> {
  try {
    const format = await preflight(bytes, filename);
    const r = await readStatement(bytes, format, { filename, currency: currencyCode('EUR') });
    // What a reader accepts is well-formed: every amount is a decimal in the statement's currency, every date a calendar date.
    for (const row of r.statement.transactions) {
      expect(() => decimalToMinor(row.amount, r.statement.currency ?? currencyCode('EUR'))).not.toThrow();
      expect(row.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  } catch (e) {
    if (!(e instanceof FinchError)) throw e;
    expect(e.message).toContain(filename);
  }
}

describe('statement readers behind the read boundary', () => {
  it('CSV, OFX, QIF, CAMT and MT940: any edit of a real file is read or refused with a FinchError naming it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SAMPLES), fc.array(edit, { minLength: 1, maxLength: 4 }), async (sample, edits) => {
        await readOrRefuse(Buffer.from(applyEdits(sample.text, edits), 'latin1'), `fuzz-${sample.name}`);
      }),
      { numRuns: 600 },
    );
  });

  it('arbitrary bytes under each extension are read or refused the same way', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('x.csv', 'x.qif', 'x.ofx', 'x.xml', 'x.sta'), fc.uint8Array({ minLength: 1, maxLength: 2048 }), async (name, bytes) => {
        await readOrRefuse(bytes, name);
      }),
      { numRuns: 400 },
    );
  });
});
