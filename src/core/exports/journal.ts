import type { CurrencyCode } from '../money/index.js';
import { minorToDecimal } from '../money/index.js';
import type { ExchangeRate } from '../reports/index.js';
import type { ExportAccount, ExportCategory, ExportRow } from './source.js';
import { type JournalFormat, Namer, OPENING_ACCOUNT, UNASSIGNED_ACCOUNT, kindPath, rootFor, tagFor } from './names.js';

interface Posting {
  account: string;
  minor: number;
}

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

  private categoryAccount(row: ExportRow): string {
    const root = rootFor(row.type);
    const c = row.categorySlug ? this.categories.get(row.categorySlug) : undefined;
    if (!c) return row.type === 'transfer' ? root : `${root}:Uncategorized`;
    const parts = c.parentName ? [c.parentName, c.name] : [c.name];
    return this.namer.name(`category:${root}:${c.slug}`, root, parts);
  }

  private receivable(handle: string, name: string): string {
    return this.namer.name(`person:${handle}`, 'Assets:Receivable', [name]);
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

  row(r: ExportRow): string {
    const account = this.accountName(r.accountId);
    const sign = r.amountMinor < 0 ? 1 : -1;
    const postings: Posting[] = [];
    let others = 0;
    for (const s of r.splits) {
      if (s.shareMinor <= 0) continue;
      postings.push({ account: this.receivable(s.person, s.personName), minor: sign * s.shareMinor });
      others += sign * s.shareMinor;
    }
    const rest = -r.amountMinor - others;
    if (rest !== 0 || postings.length === 0) postings.unshift({ account: this.categoryAccount(r), minor: rest });
    postings.push({ account, minor: r.amountMinor });
    const payee = this.format === 'beancount' ? r.merchant : null;
    return this.transaction(r.date, r.description, r.tags, postings, r.currency, payee);
  }

  private transaction(date: string, description: string, tags: string[], postings: Posting[], currency: CurrencyCode, payee: string | null = null): string {
    this.seeDate(date);
    for (const p of postings) this.used.add(p.account);
    const width = Math.max(...postings.map((p) => p.account.length)) + 4;
    const lines = postings.map((p) => `    ${p.account.padEnd(width)}${this.amount(p.minor, currency)}`);
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
