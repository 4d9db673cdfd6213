import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { runCli } from '../helpers/cli.js';
import { EXIT_CODES } from '../../src/cli/exit-codes.js';

describeEachDialect('cli: payers, people balances, repayments, tx edit of splits, history and undo', (t) => {
  let db: string;
  let env: NodeJS.ProcessEnv;
  const cli = (args: string[]) => runCli(args, { db, env });
  const ok = async (args: string[]) => {
    const r = await cli(args);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r;
  };
  const balances = async () => Object.fromEntries((await ok(['people', 'balances', '--json'])).json().map((p: any) => [p.person, p.balances.map((b: any) => `${b.net} ${b.currency}`).join(' ')]));

  beforeEach(async () => {
    db = t.target();
    env = { FINCH_HOME: t.home() };
    await ok(['init', '--currency', 'EUR']);
    await ok(['account', 'add', 'Checking']);
    await ok(['people', 'add', 'Kate', '--alias', 'Katie']);
    await ok(['people', 'add', 'Tom']);
    // A member may be named by an alias.
    await ok(['group', 'add', 'Flat', 'Katie', 'tom']);
  });
  afterEach(() => t.cleanup());

  it('records who paid, each share and repayments, and shows each person\'s balance', async () => {
    const g = (await ok(['tx', 'add', '--amount', '80', '--desc', 'groceries', '--category', 'groceries', '--payer', 'kate', '--json'])).json();
    expect([g.account, g.payer, g.splits.map((s: any) => [s.person, s.share])]).toEqual([null, 'kate', [['me', '80.00'], ['kate', '0.00']]]);
    await ok(['tx', 'add', '--amount', '90', '--desc', 'dinner', '--account', 'Checking', '--split', 'exact:kate=30,tom=20,me=rest']);
    await ok(['tx', 'add', '--amount', '15', '--desc', 'cinema', '--account', 'Checking', '--split', 'exact:tom=15']);
    expect(await balances()).toEqual({ kate: '-50.00 EUR', tom: '35.00 EUR' });
    const repaid = await ok(['people', 'repayment', 'tom', '20', '--to-me', '--account', 'Checking']);
    expect(repaid.stdout).toMatch(/@tom owes you 15\.00/);
    await ok(['people', 'repayment', 'kate', '50', '--from-me', '--account', 'Checking']);
    expect(await balances()).toEqual({ tom: '15.00 EUR' });
    const table = await ok(['people', 'balances']);
    expect(table.stdout).toMatch(/@tom\s+15\.00\s+EUR\s+owes you 15\.00\s+outside groups 15\.00/);
    const show = (await ok(['people', 'show', 'tom', '--json'])).json();
    expect(show.entries.map((e: any) => [e.description, e.effect])).toEqual([['dinner', '20.00'], ['cinema', '15.00'], ['@tom paid me back', '-20.00']]);
    const neither = await cli(['people', 'repayment', 'tom', '5']);
    expect(neither.code).toBe(EXIT_CODES.INVALID_INPUT);
    // The repayments are transfers: the account only moved by the money that went through it.
    const account = (await ok(['account', 'show', 'Checking', '--json'])).json();
    expect(account.balance).toBe('-135.00');
  });

  it('edits split, payer and mentions; a new amount re-allocates; a group mention counts in the group', async () => {
    const x = (await ok(['tx', 'add', '--amount', '60', '--desc', 'cleaning', '--mention', 'flat', '--split', 'equal:me,kate,tom', '--json'])).json();
    const flat = (await ok(['group', 'balances', 'flat', '--json'])).json();
    expect(flat.currencies[0].members.map((m: any) => [m.person, m.net])).toEqual([['me', '40.00'], ['kate', '-20.00'], ['tom', '-20.00']]);
    const more = (await ok(['tx', 'edit', x.id, '--amount', '90', '--json'])).json();
    expect(more.splits.map((s: any) => s.share)).toEqual(['30.00', '30.00', '30.00']);
    const paid = (await ok(['tx', 'edit', x.id, '--payer', 'kate', '--split', 'percent:me=50,tom=50', '--mention', 'tom', '--json'])).json();
    expect([paid.payer, paid.mentions, paid.splits.map((s: any) => [s.person, s.share])]).toEqual(['kate', ['tom'], [['me', '45.00'], ['tom', '45.00'], ['kate', '0.00']]]);
    expect(await balances()).toEqual({ kate: '-45.00 EUR' });
  });

  it('lists history and undoes a settle-up, a bulk delete and an edit', async () => {
    await ok(['tx', 'add', '--amount', '90', '--desc', 'rent', '--split', 'equal:@flat']);
    await ok(['tx', 'add', '--amount', '30', '--desc', 'pizza', '--split', 'equal:@flat', '--payer', 'tom']);
    await ok(['group', 'settle', 'flat', '--yes', '--date', '2026-05-31']);
    expect(await balances()).toEqual({});
    const h = (await ok(['history', '--json'])).json();
    expect(h.slice(0, 3).map((e: any) => e.label)).toEqual(['group settle flat', 'tx add 30 pizza', 'tx add 90 rent']);
    expect(h[0].changes.transactions.insert).toBeGreaterThan(0);
    expect((await cli(['undo'])).code).toBe(EXIT_CODES.INVALID_INPUT);
    const undone = await ok(['undo', '--yes']);
    expect(undone.stdout).toMatch(/^undone: group settle flat/);
    expect((await ok(['group', 'balances', 'flat', '--json'])).json().settled).toBe(false);
    expect(await balances()).toEqual({ kate: '30.00 EUR', tom: '20.00 EUR' });
    await ok(['tx', 'bulk', 'delete', '--text', 'r', '--yes']);
    expect((await ok(['tx', 'list', '--json'])).json()).toHaveLength(1);
    await ok(['undo', '--yes']);
    expect((await ok(['tx', 'list', '--json'])).json().map((x: any) => x.description).sort()).toEqual(['pizza', 'rent']);
    const list = await ok(['history']);
    // Cascaded rows are journaled too: the splits of the deleted entry came back with it.
    expect(list.stdout).toMatch(/bulk delete\s+splits −3, transactions −1\s+undone/);
  });
});
