import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { runCli } from '../helpers/cli.js';
import { EXIT_CODES } from '../../src/cli/exit-codes.js';

const ROOT = join(import.meta.dirname, '..', '..');

describeEachDialect('cli: statement map and mappings', (t) => {
  let db: string;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  const cli = (args: string[]) => runCli(args, { db, env });
  beforeEach(async () => {
    db = t.target();
    env = { FINCH_HOME: t.home() };
    dir = mkdtempSync(join(tmpdir(), 'finch-map-'));
    expect((await cli(['account', 'add', 'Giro', '--currency', 'EUR'])).code).toBe(0);
  });
  afterEach(() => t.cleanup());

  it('previews and saves a mapping, lists, shows and removes it, and import uses it', async () => {
    const file = join(dir, 'odd.csv');
    writeFileSync(file, 'Wann|Was|Wieviel\n02.01.2024|Miete|900,00\n05.01.2024|Laden|12,50\n');
    const map = await cli(['statement', 'map', file, '--date', 'Wann', '--amount', '3', '--desc', 'Was', '--date-format', 'DD.MM.YYYY', '--decimal', ',', '--invert', '--json']);
    expect(map.code).toBe(0);
    const out = map.json() as { id: string; saved: boolean; transactions: Array<{ amount: string }> };
    expect([out.saved, out.transactions.map((x) => x.amount)]).toEqual([true, ['-900.00', '-12.50']]);
    const list = await cli(['statement', 'mappings', 'list', '--json']);
    expect((list.json() as Array<{ id: string }>).map((m) => m.id)).toEqual([out.id]);
    const show = await cli(['statement', 'mappings', 'show', out.id]);
    expect(show.stdout).toContain('date=Wann amount=Wieviel desc=Was dmy decimal , inverted');
    const imported = await cli(['statement', 'import', file, '--account', 'Giro', '--json']);
    expect((imported.json() as { created: number }).created).toBe(2);
    expect((await cli(['statement', 'mappings', 'remove', out.id])).code).toBe(0);
    expect((await cli(['statement', 'mappings', 'list', '--json'])).json()).toEqual([]);
    const gone = await cli(['statement', 'mappings', 'show', out.id]);
    expect(gone.code).toBe(EXIT_CODES.NOT_FOUND);
  });

  it('gives one clear line and exit 3 for a mapping the file cannot take', async () => {
    const file = join(dir, 'odd.csv');
    writeFileSync(file, 'Wann|Was|Wieviel\n02.01.2024|Miete|900,00\n');
    const r = await cli(['statement', 'map', file, '--date', 'Wann', '--amount', 'Betrag']);
    expect(r.code).toBe(EXIT_CODES.INVALID_INPUT);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reads an MT940 file as MT940 (not as a CSV without a header)', async () => {
    const r = await cli(['statement', 'parse', join(ROOT, 'fixtures/exports/blind/mt940-de-multi/20240131-0012345678-umsatz.sta'), '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ format: 'mt940', reconciled: true });
  });
  it('parse shows exact amounts, sections, and CAMT value dates on request', async () => {
    const blind = (d: string, f: string) => join(ROOT, 'fixtures/exports/blind', d, f);
    const ofx = (await cli(['statement', 'parse', blind('ofx-multidecimal', 'download.ofx'), '--json'])).json() as { transactions: Array<{ amount: string; exact_amount?: string }> };
    expect(ofx.transactions[0]).toMatchObject({ amount: '-23.46', exact_amount: '-23.4567' });
    const multi = (await cli(['statement', 'parse', blind('ofx2-multi-account', 'accounts.ofx'), '--json'])).json() as { sections: unknown[] };
    expect(multi.sections).toHaveLength(3);
    const camt = blind('camt053-batch', 'camt053_DE89370400440532013000_20240630.xml');
    const dates = async (extra: string[]) => ((await cli(['statement', 'parse', camt, '--json', ...extra])).json() as { transactions: Array<{ date: string }> }).transactions.map((t) => t.date);
    expect((await dates([]))[0]).toBe('2024-06-03');
    expect((await dates(['--value-date']))[0]).toBe('2024-06-01');
  });
});

