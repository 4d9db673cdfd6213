/**
 * OCR at native speed: native Tesseract's TSV made into positioned lines (cells of one printed row
 * regrouped across Tesseract's blocks), the statement's language guessed, and a real scanned page
 * read by the installed `tesseract` with that language's data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPdf } from '../../../../src/core/statements/pdf/extract.js';
import { guessLanguage } from '../../../../src/core/statements/pdf/ocr-language.js';
import { nativeTesseract, parseTsv, wordsToLines } from '../../../../src/core/statements/pdf/ocr-native.js';
import { pool } from '../../../../src/core/statements/pdf/ocr.js';
import { parseDocument } from '../../../../src/core/statements/system-parser/index.js';

const BLIND = join(import.meta.dirname, '../../../../fixtures/statements/blind/pdf');

describe('native Tesseract output', () => {
  it('puts the cells of one printed row on one line even when Tesseract put them in two blocks', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '5\t1\t1\t1\t1\t1\t100\t400\t120\t30\t95\t02.02',
      '5\t1\t1\t1\t1\t2\t300\t402\t300\t30\t94\tVIREMENT',
      '5\t1\t4\t1\t1\t1\t2000\t404\t200\t30\t93\t1 624,62',
      '5\t1\t1\t1\t2\t1\t100\t460\t120\t30\t10\tnoise',
      '5\t1\t1\t1\t3\t1\t100\t520\t120\t30\t90\t03.02',
    ].join('\n');
    const lines = wordsToLines(parseTsv(tsv), 300 / 72, 1);
    expect(lines.map((l) => l.words.map((w) => w.text))).toEqual([['02.02', 'VIREMENT', '1 624,62'], ['03.02']]);
    expect(lines[0]!.words[0]!.x).toBeCloseTo(24, 0);
  });

  it('guesses the statement language from its words, among the installed ones', () => {
    expect(guessLanguage(['SOLDE', 'CREDITEUR', 'AU', 'Date', 'valeur', 'Opération', 'Débit', 'euros'], ['eng', 'fra', 'deu'])).toBe('fra');
    expect(guessLanguage(['Kontoauszug', 'alter', 'Kontostand', 'vom', 'Buchung', 'Wert'], ['eng', 'fra', 'deu'])).toBe('deu');
    expect(guessLanguage(['Statement', 'of', 'account', 'Date', 'Description', 'Balance'], ['eng', 'fra', 'deu'])).toBe('eng');
    // no installed data fits: no guess (the caller reads with English)
    expect(guessLanguage(['SOLDE', 'CREDITEUR', 'AU', 'Opération', 'Débit'], ['eng'])).toBeNull();
  });

  it('runs at most `limit` tasks at once and keeps their order', async () => {
    let running = 0;
    let most = 0;
    const out = await pool([5, 1, 3, 2], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n * 5));
      running--;
      return n * 10;
    });
    expect([out, most]).toEqual([[50, 10, 30, 20], 2]);
  });
});

describe('a scanned statement read by the installed tesseract', async () => {
  const native = await nativeTesseract();
  it.skipIf(!native?.languages.includes('fra'))('reads a French scanned page with the French data and the rows reconcile', async () => {
    const doc = await extractPdf(new Uint8Array(readFileSync(join(BLIND, 'blind-fr-scanned.pdf'))), { filename: 'blind-fr-scanned.pdf' });
    expect([doc.ocr, doc.ocrEngine, doc.ocrLanguages]).toEqual([true, 'tesseract', ['fra']]);
    const truth = JSON.parse(readFileSync(join(BLIND, 'blind-fr-scanned.json'), 'utf8')) as { transactions: Array<{ amount: string }>; closing_balance: string };
    const parsed = parseDocument(doc);
    expect(parsed.transactions.map((t) => Number(t.amount))).toEqual(truth.transactions.map((t) => Number(t.amount)));
    expect([Number(parsed.closingBalance), parsed.reconciled]).toEqual([Number(truth.closing_balance), true]);
  }, 120_000);
});
