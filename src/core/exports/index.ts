/** Exports: CSV, JSON, and hledger / ledger / beancount journals, streamed page by page. */
import type { Ctx } from '../db/index.js';
import { csvLine } from './csv.js';
import { invalid } from '../errors/index.js';
import { type CurrencyCode, minorToDecimal } from '../money/index.js';
import { type BalanceAssertion, entryCurrencies, getAccount, listBalanceAssertions } from '../ledger/index.js';
import { listRates, narrowsRows, type ReportFilter } from '../reports/index.js';
import { JournalWriter } from './journal.js';
import { exportAccounts, exportCategories, exportRows, type ExportRow } from './source.js';

export { type JournalFormat, component, kindPath, OPENING_ACCOUNT, UNASSIGNED_ACCOUNT } from './names.js';

export const EXPORT_FORMATS = ['csv', 'json', 'hledger', 'ledger', 'beancount'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  format: ExportFormat;
  filter?: ReportFilter;
}

export interface ExportResult {
  format: ExportFormat;
  transactions: number;
  /** finch account name → the account it became in the journal (journal formats only). */
  accounts: Record<string, string>;
}

/** Collects small pieces into large writes. */
class Buffered {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly write: (chunk: string) => void | Promise<void>) {}
  async push(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 1 << 20) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    await this.write(chunk);
  }
}

// The amount column (index 2) is a number; every other cell is text and is neutralised (csv.ts).
const CSV_NUMERIC = new Set([2]);

const CSV_HEADER = ['id', 'date', 'amount', 'currency', 'type', 'description', 'merchant', 'category', 'account', 'tags', 'notes', 'splits', 'kind', 'my_share'];

/** Filters that select only some rows make opening balances meaningless (as in report balance). */
function selectsSome(f: ReportFilter): boolean {
  return Boolean(f.from || f.period || narrowsRows(f));
}

export async function exportLedger(ctx: Ctx, options: ExportOptions, write: (chunk: string) => void | Promise<void>): Promise<ExportResult> {
  const format = options.format;
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw invalid(`invalid export format "${format}": one of ${EXPORT_FORMATS.join(', ')}`);
  const filter = options.filter ?? {};
  const only = filter.account ? (await getAccount(ctx, filter.account)).id : undefined;
  const accounts = await exportAccounts(ctx, only);
  const accountName = new Map(accounts.map((a) => [a.id, a.name]));
  const out = new Buffered(write);
  let count = 0;
  const result: ExportResult = { format, transactions: 0, accounts: {} };

  if (format === 'csv') {
    await out.push(csvLine(CSV_HEADER));
    for await (const page of exportRows(ctx, filter)) {
      for (const r of page) {
        const cells = [
          r.id,
          r.date,
          minorToDecimal(r.amountMinor, r.currency),
          r.currency,
          r.type,
          r.description,
          r.merchant ?? '',
          r.categorySlug ?? '',
          r.accountId ? (accountName.get(r.accountId) ?? '') : '',
          r.tags.join(' '),
          r.notes ?? '',
          r.splits.filter((s) => s.person).map((s) => `${s.person}=${minorToDecimal(s.shareMinor, r.currency)}`).join(' '),
          r.kind,
          minorToDecimal(r.shareMinor, r.currency),
        ];
        await out.push(csvLine(cells, CSV_NUMERIC));
        count++;
      }
    }
  } else if (format === 'json') {
    const categories = await exportCategories(ctx);
    const rates = await listRates(ctx);
    const head = {
      format: 'finch',
      version: 1,
      homeCurrency: ctx.homeCurrency,
      accounts: accounts.map((a) => ({ name: a.name, kind: a.kind, currency: a.currency, openingBalance: minorToDecimal(a.openingMinor, a.currency), archived: a.archived })),
      categories: categories.map((c) => ({ slug: c.slug, name: c.name, kind: c.kind, parent: c.parentSlug })),
      rates,
    };
    const headText = JSON.stringify(head);
    await out.push(`${headText.slice(0, -1)},"transactions":[`);
    const txJson = (r: ExportRow) =>
      JSON.stringify({
        id: r.id,
        date: r.date,
        amount: minorToDecimal(r.amountMinor, r.currency),
        currency: r.currency,
        type: r.type,
        description: r.description,
        merchant: r.merchant,
        category: r.categorySlug,
        account: r.accountId ? (accountName.get(r.accountId) ?? null) : null,
        tags: r.tags,
        notes: r.notes,
        kind: r.kind,
        myShare: minorToDecimal(r.shareMinor, r.currency),
        accountAmount: minorToDecimal(r.accountMinor, r.currency),
        original: r.originalCurrency !== r.currency ? { amount: minorToDecimal(r.originalMinor, r.originalCurrency), currency: r.originalCurrency } : null,
        splits: r.splits.map((s) => ({ person: s.person ?? 'me', share: minorToDecimal(s.shareMinor, r.currency), paid: minorToDecimal(s.paidMinor, r.currency) })),
      });
    for await (const page of exportRows(ctx, filter)) {
      for (const r of page) {
        await out.push(`${count === 0 ? '\n' : ',\n'}${txJson(r)}`);
        count++;
      }
    }
    await out.push(']}\n');
  } else {
    const w = new JournalWriter(format, accounts, await exportCategories(ctx));
    const used = (await entryCurrencies(ctx)) as CurrencyCode[];
    const currencies = [...new Set([...accounts.map((a) => a.currency), ...used])].sort();
    await out.push(w.header(ctx.homeCurrency, currencies));
    await out.push(w.prices(await listRates(ctx)));
    const whole = !selectsSome(filter);
    if (whole) for (const a of accounts) await out.push(w.opening(a));
    // Balance assertions go after the last entry of their day; one finch's entries break is
    // written as a comment (the tool would refuse the file), and `account reconcile` reports it.
    const pending: BalanceAssertion[] = whole ? (await listBalanceAssertions(ctx, only)).filter((a) => accountName.has(a.accountId)) : [];
    const flushUpTo = async (date: string | null) => {
      while (pending.length && (date === null || pending[0]!.date < date)) {
        const a = pending.shift()!;
        await out.push(a.holds ? w.assertion(a.accountId, a.date, a.balanceMinor, a.currency) : `; ${a.date} ${a.account}: the bank says ${a.balance} ${a.currency}, finch has ${a.actual} (see: finch account reconcile)\n\n`);
      }
    };
    for await (const page of exportRows(ctx, filter)) {
      for (const r of page) {
        await flushUpTo(r.date);
        await out.push(w.row(r));
        count++;
      }
    }
    await flushUpTo(null);
    await out.push(w.footer());
    for (const a of accounts) result.accounts[a.name] = w.accountName(a.id);
    result.accounts['(no account)'] = w.accountName(null);
  }
  await out.flush();
  result.transactions = count;
  return result;
}

export { csvCell, csvLine, toCsv, type CsvOptions } from './csv.js';
