import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import type { Finch } from '../../../src/core/index.js';

// A layout inference cannot settle: the amounts are unsigned and nothing says their direction.
const ODD = (rows: string) => Buffer.from(`Wann|Was|Wieviel|Konto\n${rows}`);
const FIRST = ODD('02.01.2024|Miete|900,00|x\n05.01.2024|Laden|12,50|x\n');
const LATER = ODD('03.02.2024|Miete|900,00|y\n09.02.2024|Kino|11,00|y\n');

describeEachDialect('saved CSV mappings', (t) => {
  let finch: Finch;
  beforeEach(async () => {
    finch = await t.open();
    await finch.accounts.add({ name: 'Giro', currency: 'EUR' });
    await finch.accounts.add({ name: 'Joint', currency: 'EUR' });
  });
  afterEach(async () => {
    await finch.close();
    await t.cleanup();
  });

  it('previews without saving, saves by header fingerprint, and applies by itself to another file and account', async () => {
    const columns = { date: 'Wann', amount: '3', description: ['Was'], dateFormat: 'DD.MM.YYYY', decimal: ',' as const, invert: true };
    const dry = await finch.statements.map(FIRST, columns, { save: false });
    expect(dry.saved).toBeNull();
    expect(dry.preview.result.parsed.transactions.map((r) => [r.date, r.amount, r.description])).toEqual([['2024-01-02', '-900.00', 'Miete'], ['2024-01-05', '-12.50', 'Laden']]);
    expect(await finch.statements.mappings.list()).toEqual([]);

    const { saved } = await finch.statements.map(FIRST, columns, { name: 'Hausbank' });
    expect(saved).toMatchObject({ name: 'Hausbank', header: ['Wann', 'Was', 'Wieviel', 'Konto'], mapping: { date: 'Wann', amount: 'Wieviel', description: ['Was'], dateOrder: 'dmy', decimal: ',', invert: true } });
    // without the mapping the unsigned amounts would be read as money in
    const r = await finch.statements.import({ bytes: LATER, filename: 'feb.csv', account: 'Joint' });
    expect(r.created).toBe(2);
    expect((await finch.transactions.list({ account: 'Joint', sort: 'date', order: 'asc' })).map((x) => x.amount)).toEqual(['-900.00', '-11.00']);
    // a different layout into the same account is read by inference, not refused
    const other = await finch.statements.import({ bytes: Buffer.from('Datum;Betrag (€);Empfänger\n02.05.2024;-3,20;Kiosk\n'), filename: 'other.csv', account: 'Joint' });
    expect(other.created).toBe(1);
  });

  it('lists, shows by id prefix, replaces and removes mappings', async () => {
    const { saved } = await finch.statements.map(FIRST, { date: '1', amount: '3', description: ['2'] });
    const id = saved!.id;
    expect(id).toMatch(/^h:[0-9a-f]{16}$/);
    expect((await finch.statements.mappings.show(id.slice(0, 6))).mapping).toMatchObject({ date: 'Wann', amount: 'Wieviel' });
    await finch.statements.map(FIRST, { date: '1', amount: '3', description: ['2'], invert: true });
    const all = await finch.statements.mappings.list();
    expect(all.map((m) => [m.id, m.mapping.invert])).toEqual([[id, true]]);
    await finch.statements.mappings.remove(id);
    expect(await finch.statements.mappings.list()).toEqual([]);
    await expect(finch.statements.mappings.show(id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a mapping that names a column the file does not have, or no amount', async () => {
    await expect(finch.statements.map(FIRST, { date: 'Wann', amount: 'Betrag' })).rejects.toThrow(/amount column "Betrag" is not in this file's header/);
    await expect(finch.statements.map(FIRST, { date: 'Wann', debit: '3' })).rejects.toThrow(/--amount|both --debit and --credit/);
    await expect(finch.statements.map(FIRST, { date: 'Wann', amount: '3', dateFormat: 'QQ' })).rejects.toThrow(/invalid date format/);
    expect(await finch.statements.mappings.list()).toEqual([]);
  });
});
