import type { Command } from 'commander';
import type { Amount, Conversion, Report, ReportOptions } from '../../core/index.js';
import { addFilterOptions, filterFromFlags, type FilterFlags } from '../filters.js';
import { formatTable, printCsv, printJson, say, type Column } from '../output.js';
import { io } from '../io.js';
import { withFinch } from '../run.js';

interface ReportFlags extends FilterFlags {
  period?: string;
  group?: string;
  by?: string;
  convert?: string | boolean;
  json?: boolean;
  csv?: boolean;
  chart?: boolean;
}

const KINDS = {
  summary: 'income, spending and net per currency, with the top spending categories',
  spending: 'spending by category (or --by month|week|merchant|tag|account)',
  income: 'income by category (or --by month|week|merchant|tag|account)',
  cashflow: 'income against spending per month (or --by week)',
  balance: 'each account: opening balance plus its transactions (as of --to)',
  networth: 'assets minus liabilities (card and loan accounts) per currency',
  trends: 'spending per month for each category, with the change from the month before',
} as const;
type Kind = keyof typeof KINDS;

/** JSON for scripts: amounts as decimal strings only (no minor units), conversion spelled out. */
export function reportJson(r: Report): Record<string, unknown> {
  const scrub = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(scrub);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('currency' in o && 'minor' in o && 'amount' in o && Object.keys(o).length === 3) return { amount: o.amount, currency: o.currency };
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(o)) {
        if (k === 'minor' || k === 'changeMinor' || k === 'conversion') continue;
        out[k] = scrub(x);
      }
      return out;
    }
    return v;
  };
  const c: Conversion | null = r.conversion;
  return {
    ...(scrub(r) as Record<string, unknown>),
    converted: c?.converted ?? false,
    convertedTo: c?.to ?? null,
    rates: c?.rates ?? [],
    missing_rates: c?.missingRates ?? [],
  };
}

function color(): boolean {
  const env = io().env;
  return io().stdoutIsTTY && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

function bar(value: number, max: number, width = 24): string {
  if (max <= 0 || value <= 0) return '';
  const eighths = Math.max(1, Math.round((value / max) * width * 8));
  const full = '█'.repeat(Math.floor(eighths / 8));
  const part = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'][eighths % 8]!;
  const text = full + part;
  return color() ? `\u001b[36m${text}\u001b[0m` : text;
}

/** Appends a bar to each data line of a table (after its two header lines). */
function withBars(table: string, bars: string[]): string {
  const lines = table.trimEnd().split('\n');
  const width = Math.max(...lines.map((l) => [...l].length));
  return lines.map((l, i) => (i < 2 || !bars[i - 2] ? l : `${l.padEnd(width)}  ${bars[i - 2]}`)).join('\n') + '\n';
}

function sparkline(values: number[]): string {
  const ticks = '▁▂▃▄▅▆▇█';
  const max = Math.max(...values, 0);
  const min = Math.min(...values, 0);
  if (max === min) return ticks[0]!.repeat(values.length);
  return values.map((v) => ticks[Math.round(((v - min) / (max - min)) * 7)]!).join('');
}

async function lineChart(values: number[], labels: string[], currency: string): Promise<string> {
  const { plot } = await import('asciichart');
  const { minorDigits } = await import('../../core/index.js');
  const scale = 10 ** minorDigits(currency as never);
  const series = values.map((v) => v / scale);
  const chart = plot(series, { height: 10, format: (x) => x.toFixed(0).padStart(10) });
  return `${chart}\n${' '.repeat(12)}${labels[0] ?? ''} … ${labels[labels.length - 1] ?? ''} (${currency})\n`;
}

function periodText(r: Report): string {
  if (r.from && r.to) return ` between ${r.from} and ${r.to}`;
  if (r.from) return ` since ${r.from}`;
  if (r.to) return ` up to ${r.to}`;
  return '';
}

function conversionNote(c: Conversion | null): string[] {
  if (!c) return [];
  const lines: string[] = [];
  if (c.converted) lines.push(`converted to ${c.to} with your rates: ${c.rates.map((r) => `1 ${r.inverted ? r.to : r.from} = ${r.rate} ${r.inverted ? r.from : r.to} (${r.asOf})`).join(', ')}`);
  else lines.push(`nothing needed converting to ${c.to}`);
  if (c.missingRates.length) lines.push(`no rate to ${c.to} for ${c.missingRates.join(', ')}: left in their own currency (add one with: finch rate add ${c.missingRates[0]} ${c.to} RATE)`);
  return lines;
}

const money = (a: Amount) => a.amount;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The currency with the most rows: the one a single chart line is drawn for. */
function mainCurrency(rows: ReadonlyArray<{ currency: string }>): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.currency, (counts.get(r.currency) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

async function render(kind: Kind, r: Report, flags: ReportFlags): Promise<void> {
  if (flags.json) return printJson(reportJson(r));
  const tty = io().stdoutIsTTY && flags.chart !== false;
  if (r.empty && !flags.csv) {
    say(kind === 'balance' || kind === 'networth' ? `no accounts or transactions${periodText(r)}: nothing to report` : `no transactions${periodText(r)}: nothing to report`);
    return;
  }
  const out: string[] = [];
  switch (r.kind) {
    case 'spending':
    case 'income': {
      type Row = (typeof r.rows)[number];
      const cols: Column<Row>[] = [
        { header: r.by, value: (x) => x.label, max: 40 },
        { header: 'currency', value: (x) => x.currency },
        { header: 'amount', value: (x) => x.amount, align: 'right' },
        { header: 'share %', value: (x) => x.share, align: 'right' },
        { header: 'count', value: (x) => x.count, align: 'right' },
      ];
      if (flags.csv) return printCsv(r.rows, [{ header: 'key', value: (x) => x.key }, ...cols.map((c) => ({ ...c, max: undefined }))]);
      const chronological = r.by === 'month' || r.by === 'week';
      if (tty) {
        if (chronological) {
          const main = mainCurrency(r.rows);
          const rows = r.rows.filter((x) => x.currency === main);
          if (rows.length > 1) out.push(await lineChart(rows.map((x) => x.minor), rows.map((x) => x.key), main));
        }
      }
      const table = formatTable(r.rows, cols);
      const max = new Map<string, number>();
      for (const x of r.rows) max.set(x.currency, Math.max(max.get(x.currency) ?? 0, x.minor));
      out.push(tty ? withBars(table, r.rows.map((x) => bar(x.minor, max.get(x.currency) ?? 0))) : table);
      out.push(`total: ${r.totals.map((t) => `${t.amount} ${t.currency} (${plural(t.count, 'transaction')})`).join(' · ')}\n`);
      break;
    }
    case 'summary': {
      type Row = (typeof r.currencies)[number];
      const cols: Column<Row>[] = [
        { header: 'currency', value: (x) => x.currency },
        { header: 'income', value: (x) => money(x.income), align: 'right' },
        { header: 'spending', value: (x) => money(x.spending), align: 'right' },
        { header: 'net', value: (x) => money(x.net), align: 'right' },
        { header: 'transfers', value: (x) => money(x.transfers), align: 'right' },
        { header: 'count', value: (x) => x.count, align: 'right' },
      ];
      if (flags.csv) return printCsv(r.currencies, cols);
      out.push(formatTable(r.currencies, cols));
      if (r.topCategories.length) {
        const max = new Map<string, number>();
        for (const x of r.topCategories) max.set(x.currency, Math.max(max.get(x.currency) ?? 0, x.minor));
        out.push('\ntop spending\n');
        const table = formatTable(r.topCategories, [
          { header: 'category', value: (x) => x.label },
          { header: 'currency', value: (x) => x.currency },
          { header: 'amount', value: (x) => x.amount, align: 'right' },
          { header: 'share %', value: (x) => x.share, align: 'right' },
        ]);
        out.push(tty ? withBars(table, r.topCategories.map((x) => bar(x.minor, max.get(x.currency) ?? 0))) : table);
      }
      break;
    }
    case 'cashflow': {
      type Row = (typeof r.rows)[number];
      const cols: Column<Row>[] = [
        { header: r.by, value: (x) => x.period },
        { header: 'currency', value: (x) => x.currency },
        { header: 'income', value: (x) => money(x.income), align: 'right' },
        { header: 'spending', value: (x) => money(x.spending), align: 'right' },
        { header: 'net', value: (x) => money(x.net), align: 'right' },
        { header: 'count', value: (x) => x.count, align: 'right' },
      ];
      if (flags.csv) return printCsv(r.rows, cols);
      if (tty) {
        const main = mainCurrency(r.rows);
        const rows = r.rows.filter((x) => x.currency === main);
        if (rows.length > 1) out.push(await lineChart(rows.map((x) => x.net.minor), rows.map((x) => x.period), `${main}, net`));
      }
      out.push(formatTable(r.rows, cols));
      out.push(`total: ${r.totals.map((t) => `income ${t.income.amount} · spending ${t.spending.amount} · net ${t.net.amount} ${t.currency}`).join('; ')}\n`);
      break;
    }
    case 'balance': {
      type Row = (typeof r.rows)[number];
      const cols: Column<Row>[] = [
        { header: 'account', value: (x) => x.account ?? '(no account)', max: 30 },
        { header: 'kind', value: (x) => x.kind ?? '' },
        { header: 'currency', value: (x) => x.currency },
        { header: 'opening', value: (x) => x.opening.amount, align: 'right' },
        { header: 'balance', value: (x) => x.amount, align: 'right' },
        { header: 'count', value: (x) => x.count, align: 'right' },
      ];
      if (flags.csv) return printCsv(r.rows, cols);
      out.push(formatTable(r.rows, cols));
      out.push(`total: ${r.totals.map((t) => `${t.amount} ${t.currency}`).join(' · ')}${r.includesOpening ? '' : ' (only the matching transactions; no opening balances)'}\n`);
      break;
    }
    case 'networth': {
      type Row = (typeof r.rows)[number];
      const cols: Column<Row>[] = [
        { header: 'currency', value: (x) => x.currency },
        { header: 'assets', value: (x) => money(x.assets), align: 'right' },
        { header: 'liabilities', value: (x) => money(x.liabilities), align: 'right' },
        { header: 'net worth', value: (x) => money(x.net), align: 'right' },
      ];
      if (flags.csv) return printCsv(r.rows, cols);
      out.push(formatTable(r.rows, cols));
      break;
    }
    case 'trends': {
      if (flags.csv) {
        const flat = r.series.flatMap((s) => s.points.map((p) => ({ s, p })));
        return printCsv(flat, [
          { header: 'key', value: (x) => x.s.key },
          { header: 'label', value: (x) => x.s.label },
          { header: 'currency', value: (x) => x.s.currency },
          { header: 'period', value: (x) => x.p.period },
          { header: 'amount', value: (x) => x.p.amount },
          { header: 'change', value: (x) => x.p.change ?? '' },
          { header: 'change %', value: (x) => x.p.changePct ?? '' },
        ]);
      }
      const shown = r.periods.slice(-6);
      type Row = (typeof r.series)[number];
      const at = (s: Row, p: string) => s.points.find((x) => x.period === p)!;
      const last = r.periods[r.periods.length - 1]!;
      const cols: Column<Row>[] = [
        { header: r.by, value: (x) => x.label, max: 30 },
        { header: 'cur', value: (x) => x.currency },
        ...shown.map((p) => ({ header: p, value: (x: Row) => at(x, p).amount, align: 'right' as const })),
        { header: 'change', value: (x) => at(x, last).change ?? '', align: 'right' },
        { header: '%', value: (x) => at(x, last).changePct ?? '', align: 'right' },
      ];
      if (tty) {
        cols.push({ header: 'trend', value: (x) => sparkline(x.points.map((p) => p.minor)) });
        const t = r.totals.find((x) => x.currency === mainCurrency(r.series)) ?? r.totals[0];
        if (t && t.points.length > 1) out.push(await lineChart(t.points.map((p) => p.minor), r.periods, t.currency));
      }
      if (r.periods.length > shown.length) out.push(`the last ${shown.length} of ${r.periods.length} ${r.step}s (all of them with --json or --csv)\n`);
      out.push(formatTable(r.series, cols));
      break;
    }
  }
  for (const line of conversionNote(r.conversion)) out.push(`${line}\n`);
  io().out(out.join(''));
}

export function register(program: Command): void {
  const report = program.command('report').description('the dashboard: summary, spending, income, cashflow, balance, networth, trends');
  for (const kind of Object.keys(KINDS) as Kind[]) {
    addFilterOptions(report.command(kind).description(KINDS[kind]))
      .option('--period <period>', 'YYYY, YYYY-MM, YYYY-Qn, this-month, last-month, this-year, last-year, ytd, last-N-days')
      .option('--group <handle>', 'only transactions split with or mentioning this group')
      .option('--by <key>', 'category | month | week | merchant | tag | account')
      .option('--convert [currency]', 'convert to one currency (default: your home currency) with your rates (finch rate add)')
      .option('--no-chart', 'no bars or charts even on a terminal')
      .option('--gross', 'full amounts paid instead of my share of shared costs (spending, summary, income, cashflow, trends)')
      .option('--json', 'print JSON')
      .option('--csv', 'print CSV')
      .action(async (opts: ReportFlags & { gross?: boolean }, cmd: Command) => {
        const { FinchError } = await import('../../core/index.js');
        const { REPORT_BYS } = await (await import('../../core/index.js')).modules.reports();
        if (opts.by && !(REPORT_BYS as readonly string[]).includes(opts.by)) throw new FinchError('INVALID_INPUT', `invalid --by "${opts.by}": one of ${REPORT_BYS.join(', ')}`);
        if (opts.json && opts.csv) throw new FinchError('INVALID_INPUT', 'choose one of --json and --csv');
        if (opts.gross && (kind === 'balance' || kind === 'networth')) throw new FinchError('INVALID_INPUT', `report ${kind} has no --gross: balances are what moved in your accounts`);
        if (opts.by && (kind === 'summary' || kind === 'balance' || kind === 'networth')) throw new FinchError('INVALID_INPUT', `report ${kind} has no --by (spending, income, cashflow and trends do)`);
        const filter = await filterFromFlags(opts);
        const options: ReportOptions = {
          ...filter,
          period: opts.period,
          group: opts.group,
          by: opts.by as ReportOptions['by'],
          convert: opts.convert,
          gross: opts.gross,
        };
        await withFinch(cmd, async (finch) => {
          const r = await finch.reports[kind](options);
          await render(kind, r, opts);
        });
      });
  }
}
