import type { CurrencyCode } from '../money/index.js';
import { minorToDecimal } from '../money/index.js';
import type { ExchangeRate } from '../reports/index.js';
import type { ExportAccount, ExportCategory, ExportRow } from './source.js';
import { personShares } from '../ledger/index.js';
import { type CalendarDate, addDays } from '../calendar/index.js';
import { type JournalFormat, Namer, OPENING_ACCOUNT, UNASSIGNED_ACCOUNT, kindPath, tagFor } from './names.js';

interface Posting {
  account: string;
  minor: number;
  /** Written as `ORIGINAL @@ COST`: the amount in the currency it was spent in. */
  price?: { minor: number; currency: CurrencyCode };
}

const TRANSFER_ACCOUNT = 'Equity:Transfers';



/**
 * Writes plain-text accounting journals that hledger, ledger and beancount accept. Every
 * transaction balances in its own currency: the account's posting is the amount finch holds, the
 * others' shares of a split go to Assets:Receivable:<Person>, the rest to the category.
 */
export class JournalWriter {
  readonly namer: Namer;
  private accountNames = new Map<string, string>();
  /** Every account used, for beancount's open directives. */
  readonly used = new Set<string>();
  private categories: Map<string, ExportCategory>;
  minDate: string | null = null;

  constructor(
    readonly format: JournalFormat,
    accounts: ExportAccount[],
    categories: ExportCategory[],
  ) {
    this.namer = new Namer(format);
    for (const a of accounts) this.accountNames.set(a.id, this.namer.name(`account:${a.id}`, kindPath(a.kind), [a.name]));
    this.categories = new Map(categories.map((c) => [c.slug, c]));
  }

  /** finch account name → journal account name. */
  accountName(accountId: string | null): string {
    if (!accountId) return UNASSIGNED_ACCOUNT;
    return this.accountNames.get(accountId) ?? UNASSIGNED_ACCOUNT;
  }

  /** Spending and refunds book to Expenses, income to Income, every transfer to Equity:Transfers. */
  private categoryAccount(row: ExportRow): string {
    if (row.kind === 'transfer' || row.kind === 'repayment') return TRANSFER_ACCOUNT;
    const root = row.kind === 'income' ? 'Income' : 'Expenses';
    const c = row.categorySlug ? this.categories.get(row.categorySlug) : undefined;
    if (!c) return `${root}:Uncategorized`;
    const parts = c.parentName ? [c.parentName, c.name] : [c.name];
    return this.namer.name(`category:${root}:${c.slug}`, root, parts);
  }

  /**
   * One account per person, Assets:Receivable:<Name> when the first thing booked with them was
   * owed to me, else Liabilities:Payable:<Name>; repayments and settle-ups book to the same one,
   * so a settled person's account is zero.
   */
  private personAccount(handle: string, name: string, firstMinor: number): string {
    const root = firstMinor >= 0 ? 'Assets:Receivable' : 'Liabilities:Payable';
    return this.namer.name(`person:${handle}`, root, [name]);
  }

  private amount(minor: number, currency: CurrencyCode): string {
    return `${minorToDecimal(minor, currency)} ${currency}`;
  }

  private seeDate(d: string): void {
    if (this.minDate === null || d < this.minDate) this.minDate = d;
  }

  header(homeCurrency: CurrencyCode, currencies: CurrencyCode[]): string {
    const lines = [`; finch export (${this.format}) — amounts in each transaction's own currency`];
    if (this.format === 'beancount') lines.push(`option "title" "finch"`, `option "operating_currency" "${homeCurrency}"`);
    // hledger shows a commodity with the most decimals it has seen (a price's, too): pin each to its ISO digits.
    if (this.format === 'hledger') for (const c of currencies) lines.push(`commodity ${minorToDecimal(0, c).replace(/^0(\.|$)/, (_m, dot: string) => `1000${dot || '.'}`)} ${c}`);
    return `${lines.join('\n')}\n\n`;
  }

  prices(rates: ExchangeRate[]): string {
    if (rates.length === 0) return '';
    const out = rates.map((r) => {
      this.seeDate(r.asOf);
      return this.format === 'beancount' ? `${r.asOf} price ${r.from} ${r.rate} ${r.to}` : `P ${r.asOf} ${r.from} ${r.rate} ${r.to}`;
    });
    return `${out.join('\n')}\n\n`;
  }

  opening(a: ExportAccount): string {
    if (a.openingMinor === 0) return '';
    const date = a.firstDate && a.firstDate < a.createdDate ? a.firstDate : a.createdDate;
    return this.transaction(date, 'Opening balance', [], [
      { account: this.accountName(a.id), minor: a.openingMinor },
      { account: OPENING_ACCOUNT, minor: -a.openingMinor },
    ], a.currency);
  }

  /**
   * The entry as the ledger's read side sees it: the account moves by what I paid, each person
   * takes their part of what is left owed, and the category gets the rest (my share) — so the
   * postings balance and every tool's totals are finch's.
   */
  row(r: ExportRow): string {
    const postings: Posting[] = [];
    const owed = r.shareMinor - r.accountMinor;
    const names = new Map(r.splits.filter((s) => s.person).map((s) => [s.person!, s.personName ?? s.person!]));
    const { parts, unplaced } = personShares(owed, r.splits);
    for (const p of parts) postings.push({ account: this.personAccount(p.person, names.get(p.person) ?? p.person, p.minor), minor: p.minor });
    const people = parts.reduce((a, p) => a + p.minor, 0);
    const category = -(r.accountMinor + people);
    if (category !== 0 || unplaced !== 0) {
      // Spent in another currency: the category carries what was paid there, at its total cost.
      const foreign = r.originalCurrency !== r.currency && parts.length === 0 && r.originalMinor !== 0;
      postings.unshift({ account: this.categoryAccount(r), minor: category, ...(foreign ? { price: { minor: -r.originalMinor, currency: r.originalCurrency } } : {}) });
    }
    if (r.accountMinor !== 0 || postings.length === 0) postings.push({ account: this.accountName(r.accountId), minor: r.accountMinor });
    if (postings.length === 1) postings.push({ account: this.categoryAccount(r), minor: 0 });
    const payee = this.format === 'beancount' ? r.merchant : null;
    return this.transaction(r.date, r.description, r.tags, postings, r.currency, payee);
  }

  /**
   * A balance assertion at the end of `date`: hledger and ledger check `= AMOUNT` on a posting of
   * zero after the day's entries; beancount's `balance` is checked at the start of a day, so it is
   * dated the day after.
   */
  assertion(accountId: string, date: string, minor: number, currency: CurrencyCode): string {
    const account = this.accountName(accountId);
    this.used.add(account);
    if (this.format === 'beancount') return `${addDays(date as CalendarDate, 1)} balance ${account} ${this.amount(minor, currency)}\n\n`;
    this.seeDate(date);
    return `${date} Balance assertion\n    ${account}    ${this.amount(0, currency)} = ${this.amount(minor, currency)}\n\n`;
  }

  private transaction(date: string, description: string, tags: string[], postings: Posting[], currency: CurrencyCode, payee: string | null = null): string {
    this.seeDate(date);
    for (const p of postings) this.used.add(p.account);
    const width = Math.max(...postings.map((p) => p.account.length)) + 4;
    // hledger and ledger take `ORIGINAL @@ COST` exactly; beancount turns a total price into a
    // per-unit one and its sums drift by a cent, so there the original rides as posting metadata.
    const lines = postings.map((p) => {
      const head = `    ${p.account.padEnd(width)}`;
      if (!p.price) return `${head}${this.amount(p.minor, currency)}`;
      if (this.format === 'beancount') return `${head}${this.amount(p.minor, currency)}\n      original: ${this.amount(p.price.minor, p.price.currency)}`;
      return `${head}${this.amount(p.price.minor, p.price.currency)} @@ ${this.amount(Math.abs(p.minor), currency)}`;
    });
    if (this.format === 'beancount') {
      const q = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')}"`;
      const tagText = tags.map((t) => ` #${tagFor(t, 'beancount')}`).join('');
      const head = payee ? `${date} * ${q(payee)} ${q(description)}` : `${date} * ${q(description)}`;
      return `${head}${tagText}\n${lines.join('\n')}\n\n`;
    }
    // ';' starts a comment and a leading '*', '!' or '(' would read as a status or a code.
    const desc = description.replace(/[;\r\n\t]+/g, ',').replace(/^[*!(]+/, '-').trim() || '-';
    let comment = '';
    if (tags.length && this.format === 'hledger') comment = `  ; ${tags.map((t) => `${tagFor(t, 'hledger')}:`).join(', ')}`;
    if (tags.length && this.format === 'ledger') comment = `  ; :${tags.map((t) => tagFor(t, 'ledger')).join(':')}:`;
    return `${date} ${desc}${comment}\n${lines.join('\n')}\n\n`;
  }

  /** beancount needs every account opened before its first use. */
  footer(): string {
    if (this.format !== 'beancount' || this.used.size === 0) return '';
    const date = this.minDate ?? '1970-01-01';
    return [...this.used].sort().map((a) => `${date} open ${a}`).join('\n') + '\n';
  }
}
