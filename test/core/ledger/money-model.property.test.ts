import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import Papa from 'papaparse';
import fc from 'fast-check';
import { describeEachDialect } from '../../helpers/dialects.js';
import { decimalToMinor, minorToDecimal, type Finch } from '../../../src/core/index.js';
import type { TransactionInput } from '../../../src/core/ledger/index.js';
import { applyStatementBalances } from '../../../src/core/ledger/index.js';
import { component } from '../../../src/core/exports/index.js';

/*
 * The money model's property: over random ledgers (two currencies, splits where I or someone
 * else paid, refunds, card payments, spending abroad, imported statements with printed balances,
 * settle-ups), finch's `report balance`, `report spending --by category`, `report networth` and
 * `budget status` equal what hledger and bean-query compute from finch's own export — and the
 * balance assertions the statements brought hold in both tools.
 *
 * To keep the tools' start-up cost bounded, each batch of ledgers lives in one database (one
 * user per ledger); their exports are joined into one journal per tool with each ledger's
 * accounts moved under its own component (Expenses:L3:Dining), and each tool runs once a batch.
 */

const CATEGORIES = ['groceries', 'dining', 'rent', 'shopping', 'transport'] as const;
const BUDGETED = ['groceries', 'dining', 'shopping'] as const;
const MONTH = '2026-03';
const ACCOUNTS = ['Checking', 'Card', 'Dollars'] as const;

type Split = 'none' | 'equal-group' | 'kate-paid' | 'exact-tom';
type Op =
  | { t: 'spend'; day: number; account: 0 | 1 | 2; category: string; cents: number; split: Split }
  | { t: 'refund'; day: number; account: 0 | 1; category: string; cents: number }
  | { t: 'income'; day: number; account: 0 | 2; cents: number }
  | { t: 'card-payment'; day: number; cents: number }
  | { t: 'abroad'; day: number; pence: number; rate: string };

interface LedgerSpec {
  opening: number;
  ops: Op[];
  /** Dollar-account statement: printed opening balance and its rows. */
  statement: { opening: number; rows: number[] } | null;
  settle: boolean;
}

const day = fc.integer({ min: 1, max: 27 });
const cents = fc.integer({ min: 1, max: 60_000 });
const category = fc.constantFrom(...CATEGORIES);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ t: fc.constant('spend' as const), day, account: fc.constantFrom(0 as const, 1 as const, 2 as const), category, cents, split: fc.constantFrom<Split>('none', 'none', 'equal-group', 'kate-paid', 'exact-tom') }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('refund' as const), day, account: fc.constantFrom(0 as const, 1 as const), category, cents: fc.integer({ min: 1, max: 5_000 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('income' as const), day, account: fc.constantFrom(0 as const, 2 as const), cents }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('card-payment' as const), day, cents }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('abroad' as const), day, pence: fc.integer({ min: 1, max: 30_000 }), rate: fc.constantFrom('1.17', '1.1834', '0.99', '1.2') }) },
);
const ledgerSpec: fc.Arbitrary<LedgerSpec> = fc.record({
  opening: fc.integer({ min: -50_000, max: 500_000 }),
  ops: fc.array(op, { minLength: 1, maxLength: 14 }),
  statement: fc.option(fc.record({ opening: fc.integer({ min: 0, max: 900_000 }), rows: fc.array(fc.integer({ min: -40_000, max: 40_000 }).filter((x) => x !== 0), { minLength: 1, maxLength: 5 }) }), { nil: null }),
  settle: fc.boolean(),
});

const eur = (minor: number) => minorToDecimal(minor, 'EUR' as never);
const date = (d: number) => `${MONTH}-${String(d).padStart(2, '0')}`;

async function build(finch: Finch, spec: LedgerSpec): Promise<void> {
  await finch.accounts.add({ name: 'Checking', currency: 'EUR', openingBalance: eur(spec.opening) });
  await finch.accounts.add({ name: 'Card', kind: 'card', currency: 'EUR' });
  await finch.accounts.add({ name: 'Dollars', currency: 'USD' });
  await finch.people.add({ name: 'Kate', handle: 'kate' });
  await finch.people.add({ name: 'Tom', handle: 'tom' });
  await finch.groups.add({ name: 'Flat', handle: 'flat', members: ['kate', 'tom'] });
  // One batch, one database transaction: what a statement import or a restore does.
  const inputs: TransactionInput[] = [];
  for (const o of spec.ops) {
    const d = date(o.day);
    switch (o.t) {
      case 'spend': {
        const base = { date: d, amount: eur(o.cents), description: `spend ${o.category}`, category: o.category, account: ACCOUNTS[o.account] };
        if (o.split === 'none') inputs.push(base);
        if (o.split === 'equal-group') inputs.push({ ...base, split: 'equal:@flat' });
        if (o.split === 'kate-paid') inputs.push({ ...base, account: undefined, currency: o.account === 2 ? 'USD' : 'EUR', split: { method: 'equal', participants: [{ person: 'me' }, { person: 'kate' }], paidBy: 'kate' } });
        if (o.split === 'exact-tom' && o.cents >= 2) {
          const tom = Math.floor(o.cents / 3);
          inputs.push({ ...base, split: { method: 'exact', participants: [{ person: 'me', value: eur(o.cents - tom) }, { person: 'tom', value: eur(tom) }] } });
        }
        break;
      }
      case 'refund':
        inputs.push({ date: d, amount: `+${eur(o.cents)}`, description: `refund ${o.category}`, category: o.category, account: ACCOUNTS[o.account] });
        break;
      case 'income':
        inputs.push({ date: d, amount: `+${eur(o.cents)}`, description: 'salary', category: 'salary', account: ACCOUNTS[o.account] });
        break;
      case 'card-payment':
        inputs.push(
          { date: d, amount: `-${eur(o.cents)}`, description: 'card payment', category: 'transfer', account: 'Checking' },
          { date: d, amount: `+${eur(o.cents)}`, description: 'payment received', category: 'transfer', account: 'Card' },
        );
        break;
      case 'abroad':
        inputs.push({ date: d, amount: minorToDecimal(o.pence, 'GBP' as never), currency: 'GBP', rate: o.rate, description: 'train abroad', category: 'transport', account: 'Checking' });
        break;
    }
  }
  await finch.transactions.addMany(inputs);
  if (spec.statement) {
    // An imported statement for the dollar account (February, before the month's other entries):
    // rows as the pipeline creates them, then its printed balances.
    const feb = (d: number) => `2026-02-${String(d).padStart(2, '0')}`;
    const rows = spec.statement.rows.map((m, i) => ({ date: feb(i + 1), amount: `${m < 0 ? '-' : '+'}${minorToDecimal(Math.abs(m), 'USD' as never)}`, description: `statement row ${i}`, account: 'Dollars', source: 'statement' as const }));
    await finch.transactions.addMany(rows);
    const closing = spec.statement.opening + spec.statement.rows.reduce((a, b) => a + b, 0);
    await applyStatementBalances(finch.ctx, {
      accountId: (await finch.accounts.get('Dollars')).id,
      fileId: 'test',
      period: { start: feb(1) as never, end: feb(spec.statement.rows.length) as never },
      opening: minorToDecimal(spec.statement.opening, 'USD' as never),
      closing: minorToDecimal(closing, 'USD' as never),
    });
  }
  if (spec.settle && (await finch.groups.balances('flat')).currencies.length) await finch.groups.settle('flat', { date: date(28), account: 'Checking' }).catch(() => undefined);
  for (const c of BUDGETED) await finch.budgets.set(c, '300', { month: MONTH });
}

/** finch's figures for one ledger: journal account → currency → minor units. */
interface Figures {
  balances: Array<{ account: string; currency: string; minor: number }>;
  spending: Array<{ account: string; currency: string; minor: number }>;
  networth: Map<string, number>;
  budget: Array<{ account: string; minor: number }>;
  broken: number;
}

async function figures(finch: Finch, accounts: Record<string, string>, format: 'hledger' | 'beancount'): Promise<Figures> {
  const names = new Map((await finch.categories.list()).map((c) => [c.slug, c.name]));
  const expenseAccount = (slug: string) => (slug === 'uncategorized' ? 'Expenses:Uncategorized' : `Expenses:${component(names.get(slug)!, format)}`);
  const bal = await finch.reports.balance();
  const sp = await finch.reports.spending({ by: 'category' });
  const nw = await finch.reports.networth();
  const st = (await finch.budgets.status(MONTH))!;
  const assertions = await finch.accounts.assertions();
  return {
    balances: bal.rows.map((r) => ({ account: accounts[r.account ?? '(no account)']!, currency: r.currency, minor: r.minor })),
    spending: sp.rows.map((r) => ({ account: expenseAccount(r.key), currency: r.currency, minor: r.minor })),
    networth: new Map(nw.rows.map((r) => [r.currency, r.net.minor])),
    budget: st.lines.map((l) => ({ account: expenseAccount(l.category), minor: l.spentMinor })),
    broken: assertions.filter((a) => !a.holds).length,
  };
}

/** Moves every account of one ledger's journal under its own component: Expenses:Dining → Expenses:L3:Dining. */
function relabel(text: string, i: number, keepHeader: boolean): string {
  return text
    .split('\n')
    .filter((line) => keepHeader || !/^(commodity |option |; finch export)/.test(line))
    .map((line) => line.replace(/\b(Assets|Liabilities|Equity|Income|Expenses)(?=[:\s])/g, `$1:L${i}`))
    .join('\n');
}

type ToolBalances = Map<number, Map<string, Map<string, number>>>;

function collect(rows: string[][]): ToolBalances {
  const out: ToolBalances = new Map();
  for (const [account, amounts] of rows) {
    const m = /^(\w+):L(\d+)(:.*)?$/.exec(account?.trim() ?? '');
    if (!m) continue;
    const ledger = Number(m[2]);
    const name = `${m[1]}${m[3] ?? ''}`;
    const per = out.get(ledger) ?? new Map<string, Map<string, number>>();
    const cur = per.get(name) ?? new Map<string, number>();
    for (const hit of (amounts ?? '').matchAll(/(-?[\d.,]+)\s+([A-Z]{3})/g)) cur.set(hit[2]!, (cur.get(hit[2]!) ?? 0) + decimalToMinor(hit[1]!.replace(/,/g, ''), hit[2]! as never));
    per.set(name, cur);
    out.set(ledger, per);
  }
  return out;
}

async function hledger(file: string): Promise<ToolBalances> {
  // -B: an amount spent abroad counts at what the account paid for it (its @@ cost), as in finch.
  const { stdout } = await execa('hledger', ['-f', file, 'balance', '-B', '-O', 'csv']);
  return collect(Papa.parse<string[]>(stdout.trim()).data.slice(1));
}

async function beanQuery(file: string): Promise<ToolBalances> {
  const r = await execa('bean-query', ['-f', 'csv', file, 'select account, sum(weight) as total group by account'], { reject: false });
  if (r.exitCode !== 0 || r.stderr.trim()) throw new Error(`bean-query refused the export:\n${r.stderr.slice(0, 2000)}`);
  return collect(Papa.parse<string[]>(r.stdout.trim()).data.slice(1));
}

function expectAgree(tool: string, t: Map<string, Map<string, number>>, f: Figures, spec: LedgerSpec): void {
  const get = (account: string, currency: string) => t.get(account)?.get(currency) ?? 0;
  const ctx = `${tool} on ${JSON.stringify(spec)}`;
  for (const b of f.balances) expect([b.account, b.currency, get(b.account, b.currency)], ctx).toEqual([b.account, b.currency, b.minor]);
  for (const s of f.spending) {
    expect([s.account, s.currency, get(s.account, s.currency)], ctx).toEqual([s.account, s.currency, s.minor]);
  }
  // every Expenses account the tool shows is one finch's spending report has
  const spendingTotal = new Map<string, number>();
  for (const s of f.spending) spendingTotal.set(s.currency, (spendingTotal.get(s.currency) ?? 0) + s.minor);
  const toolExpenses = new Map<string, number>();
  const net = new Map<string, number>();
  for (const [account, amounts] of t) {
    for (const [cur, minor] of amounts) {
      if (account.startsWith('Expenses')) toolExpenses.set(cur, (toolExpenses.get(cur) ?? 0) + minor);
      if (/^(Assets|Liabilities)/.test(account)) net.set(cur, (net.get(cur) ?? 0) + minor);
    }
  }
  for (const [cur, minor] of toolExpenses) expect([cur, minor], ctx).toEqual([cur, spendingTotal.get(cur) ?? 0]);
  for (const cur of new Set([...net.keys(), ...f.networth.keys()])) expect([cur, net.get(cur) ?? 0], ctx).toEqual([cur, f.networth.get(cur) ?? 0]);
  for (const l of f.budget) expect([l.account, get(l.account, 'EUR')], ctx).toEqual([l.account, l.minor]);
}

describeEachDialect('money model: finch and the accounting tools agree', (t) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'finch-money-'));
  });
  afterAll(async () => {
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  // ~200 ledgers over both databases, 7 runs of each tool; Postgres pays a round trip per write,
  // so it gets fewer (the model is the same code on both; the dialect half checks the SQL).
  const batches = Number(process.env.FINCH_MONEY_BATCHES ?? (t.dialect === 'sqlite' ? 5 : 2));
  const perBatch = t.dialect === 'sqlite' ? 30 : 24;
  it(`on ${batches * perBatch} random ledgers, reports, budgets and net worth equal hledger's and bean-query's`, { timeout: 180_000 }, async () => {
    let batch = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(ledgerSpec, { minLength: perBatch, maxLength: perBatch }), async (specs) => {
        batch++;
        const target = t.target();
        const journals: { hledger: string[]; beancount: string[] } = { hledger: [], beancount: [] };
        const all: Array<{ spec: LedgerSpec; hl: Figures; bc: Figures }> = [];
        for (const [i, spec] of specs.entries()) {
          const finch = await t.open({ db: target, user: `u${i}`, homeCurrency: 'EUR' });
          try {
            await build(finch, spec);
            const parts: Record<'hledger' | 'beancount', string> = { hledger: '', beancount: '' };
            const results: Record<string, Record<string, string>> = {};
            for (const format of ['hledger', 'beancount'] as const) {
              const r = await finch.export({ format }, (c) => {
                parts[format] += c;
              });
              results[format] = r.accounts;
              journals[format].push(relabel(parts[format], i, i === 0));
            }
            all.push({ spec, hl: await figures(finch, results.hledger!, 'hledger'), bc: await figures(finch, results.beancount!, 'beancount') });
          } finally {
            await finch.close();
          }
        }
        const hlFile = join(dir, `batch${batch}.journal`);
        const bcFile = join(dir, `batch${batch}.beancount`);
        writeFileSync(hlFile, journals.hledger.join('\n'));
        writeFileSync(bcFile, journals.beancount.join('\n'));
        const [hl, bc] = await Promise.all([hledger(hlFile), beanQuery(bcFile)]);
        for (const [i, x] of all.entries()) {
          // the statements' balance assertions hold in finch (and the tools checked them too)
          expect(x.hl.broken, JSON.stringify(x.spec)).toBe(0);
          expectAgree('hledger', hl.get(i) ?? new Map(), x.hl, x.spec);
          expectAgree('bean-query', bc.get(i) ?? new Map(), x.bc, x.spec);
        }
      }),
      { numRuns: batches, endOnFailure: true },
    );
  });
});
