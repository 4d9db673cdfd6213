import { existsSync, readFileSync } from 'node:fs';
import { sharedPresent } from '../../helpers/shared.js';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import { minorToDecimal, type Finch } from '../../../src/core/index.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const fixture = (...p: string[]) => new Uint8Array(readFileSync(join(ROOT, 'fixtures', ...p)));
const SAMPLE = () => fixture('quickstart', 'sample-statement.pdf');
const SCANNED = join(ROOT, '../shared/eval/statements/uk_current_may2024_scanned.pdf');

describeEachDialect('statement pipeline', (t) => {
  let finch: Finch;
  beforeEach(async () => {
    finch = await t.open();
    await finch.accounts.add({ name: 'Checking', currency: 'USD' });
    await finch.accounts.add({ name: 'Giro', currency: 'EUR' });
  });
  afterEach(async () => {
    await finch.close();
    await t.cleanup();
  });

  it('imports a PDF through every stage, categorised, linked to the stored file, and logs each stage', async () => {
    const r = await finch.statements.import({ bytes: SAMPLE(), filename: 'nov.pdf', account: 'Checking' });
    expect([r.status, r.created, r.skippedDuplicates, r.reconciled]).toEqual(['completed', 10, 0, true]);
    expect(r.stages.map((s) => [s.stage, s.status])).toEqual(['decrypt', 'extract', 'parse', 'dedup', 'create', 'complete'].map((s) => [s, 'ok']));
    const rows = await finch.transactions.list({ account: 'Checking', sort: 'date', order: 'asc' });
    expect(rows.map((x) => x.amount)).toEqual(['-84.17', '-46.20', '3250.00', '-15.49', '-23.80', '-61.02', '-1650.00', '-6.45', '-39.99', '1.12']);
    expect(rows.every((x) => x.source === 'statement' && x.sourceRef === r.fileId)).toBe(true);
    expect(Object.fromEntries(rows.map((x) => [x.description, x.category]))).toMatchObject({
      'WHOLE FOODS MARKET #102': 'groceries',
      'SHELL OIL 5743': 'fuel',
      'PAYROLL ACME CORP': 'salary',
      'NETFLIX.COM': 'subscriptions',
      'RENT PAYMENT OAK APARTMENTS': 'rent',
    });
    const log = await finch.statements.log(r.fileId);
    expect(log.map((l) => l.stage)).toEqual(['decrypt', 'extract', 'parse', 'dedup', 'create', 'complete']);
    expect(log.find((l) => l.stage === 'parse')!.details).toMatchObject({ rows: 10, reconciled: true });
    const shown = await finch.statements.show(r.fileId.slice(0, 10));
    expect(existsSync(join(finch.home, 'files', shown.sha256.slice(0, 2), shown.sha256))).toBe(true);
    // The statement's printed balances: the account had none, so it gets the opening balance,
    // and `account show` ends at the closing balance the statement prints (an assertion).
    const parsed = (await finch.statements.show(r.fileId.slice(0, 10))).statement!;
    const account = await finch.accounts.get('Checking');
    expect(minorToDecimal(account.balanceMinor, 'USD' as never)).toBe(parsed.closingBalance);
    expect(minorToDecimal(account.openingBalanceMinor, 'USD' as never)).toBe(parsed.openingBalance);
    expect(account.balanceMinor - account.openingBalanceMinor).toBe(132400);
    expect((await finch.accounts.assertions('Checking')).map((a) => [a.date, a.balance, a.holds])).toEqual([[parsed.period!.end, parsed.closingBalance, true]]);
  });

  it('creates nothing when the same file is imported again', async () => {
    await finch.statements.import({ bytes: SAMPLE(), filename: 'nov.pdf', account: 'Checking' });
    const again = await finch.statements.import({ bytes: SAMPLE(), filename: 'copy-of-nov.pdf', account: 'Checking' });
    expect([again.status, again.created, again.skippedDuplicates]).toEqual(['duplicate', 0, 10]);
    expect(await finch.transactions.count()).toBe(10);
    expect(await finch.statements.list()).toHaveLength(1);
  });

  it('skips rows already in the ledger and suggests merging an overlapping statement; the merge actions resolve it', async () => {
    const older = 'Date,Description,Amount\n03/01/2024,COFFEE SHOP,-4.50\n03/02/2024,GROCER,-40.00\n03/03/2024,GROCER,-12.00\n';
    const newer = 'Date,Description,Amount\n03/02/2024,GROCER,-40.00\n03/03/2024,GROCER,-12.00\n03/05/2024,BOOKSHOP,-20.00\n';
    const first = await finch.statements.import({ bytes: Buffer.from(older), filename: 'feb-mar.csv', account: 'Checking' });
    const second = await finch.statements.import({ bytes: Buffer.from(newer), filename: 'mar.csv', account: 'Checking' });
    expect([second.created, second.skippedDuplicates]).toEqual([1, 2]);
    expect(second.merge).toMatchObject({ otherFileId: first.fileId, matchedRows: 2 });
    expect(await finch.transactions.count()).toBe(4);
    const compare = await finch.statements.compare(second.fileId);
    expect(compare.rows.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate', 'created']);
    expect(compare.rows[0]!.rawLines[0]).toContain('GROCER');
    expect(compare.differences.join(' ')).toMatch(/2 rows were already in the ledger/);

    const kept = await finch.statements.merge(second.fileId, 'keep-both');
    expect(kept).toEqual({ action: 'keep-both', created: 2, deleted: 0 });
    expect(await finch.transactions.count()).toBe(6);
    await expect(finch.statements.merge(second.fileId, 'merge')).rejects.toThrow(/no pending merge/);
  });

  it('replaces the old statement with delete-old', async () => {
    const older = 'Date,Description,Amount\n03/01/2024,COFFEE SHOP,-4.50\n03/02/2024,GROCER,-40.00\n';
    const newer = 'Date,Description,Amount\n03/02/2024,GROCER,-40.00\n03/05/2024,BOOKSHOP,-20.00\n';
    const first = await finch.statements.import({ bytes: Buffer.from(older), filename: 'a.csv', account: 'Checking' });
    const second = await finch.statements.import({ bytes: Buffer.from(newer), filename: 'b.csv', account: 'Checking' });
    expect(await finch.statements.merge(second.fileId, 'delete-old')).toEqual({ action: 'delete-old', created: 1, deleted: 2 });
    const rows = await finch.transactions.list({ sort: 'date', order: 'asc' });
    expect(rows.map((r) => [r.description, r.sourceRef])).toEqual([
      ['GROCER', second.fileId],
      ['BOOKSHOP', second.fileId],
    ]);
    expect((await finch.statements.show(first.fileId)).status).toBe('superseded');
  });

  it('imports CSV, OFX, QIF and CAMT.053, and another CSV layout into the same account', async () => {
    const csv = await finch.statements.import({ bytes: fixture('statements', 'formats', 'us-bank.csv'), filename: 'us-bank.csv', account: 'Checking' });
    expect([csv.created, csv.reconciled]).toEqual([4, true]);
    // no per-account mapping is written, so a second layout for the same account is read too
    expect(await finch.ctx.db.selectFrom('csv_mappings').selectAll().execute()).toEqual([]);
    const other = await finch.statements.import({ bytes: Buffer.from('Buchungstag;Betrag (€);Empfänger\n02.05.2024;-12,50;Bäckerei\n03.05.2024;-3,20;Kiosk\n'), filename: 'other.csv', account: 'Checking' });
    expect(other.created).toBe(2);
    const qif = await finch.statements.import({ bytes: fixture('statements', 'formats', 'bank.qif'), filename: 'bank.qif', account: 'Checking' });
    expect(qif.created).toBe(3);
    const camt = await finch.statements.import({ bytes: fixture('statements', 'formats', 'camt053.xml'), filename: 'apr.xml', account: 'Giro' });
    expect([camt.created, camt.reconciled]).toEqual([2, true]);
    const giro = await finch.statements.import({ bytes: fixture('statements', 'formats', 'de-giro.csv'), filename: 'de.csv', account: 'Giro' });
    expect(giro.created).toBe(2); // the salary row repeats the CAMT one
    expect(giro.skippedDuplicates).toBe(1);
    const ofx = join(ROOT, '../shared/eval/external/ofx/checking.ofx');
    if (existsSync(ofx)) {
      const r = await finch.statements.import({ bytes: new Uint8Array(readFileSync(ofx)), filename: 'checking.ofx', account: 'Checking' });
      expect(r.created).toBe(3);
      const again = await finch.statements.import({ bytes: Buffer.from(`${readFileSync(ofx, 'utf8')}\n`), filename: 'checking-2.ofx', account: 'Checking' });
      expect([again.created, again.skippedDuplicates]).toEqual([0, 3]); // same FITIDs, different bytes
    }
  });

  it('opens a locked PDF with the given or a saved password, and a wrong one changes nothing', async () => {
    const locked = fixture('statements', 'pdf', 'locked-giro.pdf');
    await expect(finch.statements.import({ bytes: locked, filename: 'locked.pdf', account: 'Giro' })).rejects.toMatchObject({ code: 'PASSWORD' });
    await expect(finch.statements.import({ bytes: locked, filename: 'locked.pdf', account: 'Giro', password: 'nope' })).rejects.toThrow(/wrong password/);
    expect(await finch.transactions.count()).toBe(0);
    const failed = await finch.statements.list();
    expect(failed.map((f) => [f.status, f.error])).toEqual([['failed', 'wrong password for locked.pdf']]);
    expect((await finch.statements.log(failed[0]!.id)).map((l) => [l.stage, l.status])).toEqual([['decrypt', 'failed']]);
    await finch.passwords.add('old bank', 'wrong-one');
    await finch.passwords.add('sparkasse', 'finch-test');
    const r = await finch.statements.import({ bytes: locked, filename: 'locked.pdf', account: 'Giro', trySavedPasswords: true });
    expect([r.created, r.reconciled]).toEqual([3, true]);
    expect(r.stages[0]!.details).toMatchObject({ password: 'saved', savedPassword: 'sparkasse' });
    expect((await finch.statements.list()).map((f) => f.status)).toEqual(['completed']);
  });

  it('repairs a PDF whose cross-reference table and trailer were lost, and rejects one cut in half', async () => {
    const whole = Buffer.from(SAMPLE());
    const noTrailer = whole.subarray(0, whole.lastIndexOf('\nxref'));
    expect(noTrailer.includes('trailer')).toBe(false);
    const r = await finch.statements.import({ bytes: noTrailer, filename: 'damaged.pdf', account: 'Checking' });
    expect([r.created, r.reconciled]).toEqual([10, true]);
    const half = whole.subarray(0, Math.floor(whole.length / 2));
    await expect(finch.statements.import({ bytes: half, filename: 'cut.pdf', account: 'Checking' })).rejects.toThrow(/cut\.pdf is not a readable PDF/);
    expect(await finch.transactions.count()).toBe(10);
  });

  it('rejects unreadable, unsupported, empty, too large and wrong-currency files, changing nothing', async () => {
    const cases: Array<[Uint8Array, string, string, RegExp]> = [
      [Buffer.from('%PDF-1.4\ngarbage'), 'broken.pdf', 'Checking', /not a readable PDF/],
      [Buffer.from([0, 1, 2, 3, 255, 254, 0, 7]), 'photo.jpg', 'Checking', /unsupported file format/],
      [Buffer.from(''), 'empty.csv', 'Checking', /is empty/],
      [fixture('statements', 'formats', 'camt053.xml'), 'eur.xml', 'Checking', /statement is in EUR but account "Checking" is in USD/],
      [Buffer.from('hello,world\nno,dates\n'), 'x.csv', 'Checking', /no row holds both a date and an amount/],
    ];
    for (const [bytes, filename, account, reason] of cases) {
      await expect(finch.statements.import({ bytes, filename, account })).rejects.toThrow(reason);
    }
    await expect(finch.statements.import({ bytes: SAMPLE(), filename: 'x.pdf', account: 'Nope' })).rejects.toThrow(/unknown account/);
    const small = await t.open({ env: { FINCH_MAX_FILE_MB: '0.001' } });
    try {
      await expect(small.statements.import({ bytes: SAMPLE(), filename: 'big.pdf', account: 'Checking' })).rejects.toThrow(/over the 0.001 MiB limit \(FINCH_MAX_FILE_MB\)/);
    } finally {
      await small.close();
    }
    expect(await finch.transactions.count()).toBe(0);
    expect((await finch.statements.list()).every((f) => f.status === 'failed')).toBe(true);
  });

  it.skipIf(!sharedPresent(SCANNED))('imports a scanned PDF through OCR', async () => {
    const r = await finch.accounts.add({ name: 'UK', currency: 'GBP' });
    const out = await finch.statements.import({ bytes: new Uint8Array(readFileSync(SCANNED)), filename: 'scan.pdf', account: r.name });
    expect([out.created, out.reconciled]).toEqual([20, true]);
    expect(out.stages.find((s) => s.stage === 'extract')!.details).toMatchObject({ ocr: true, ocrPages: [1] });
  }, 60_000);
});
