/** Reports: summaries, breakdowns, cash flow, balances, net worth and trends, aggregated in SQL. */
export {
  type ReportBy,
  type ReportOptions,
  type Amount,
  type Conversion,
  type BreakdownRow,
  type BreakdownReport,
  type SummaryReport,
  type CashflowRow,
  type CashflowReport,
  type BalanceRow,
  type BalanceReport,
  type NetworthReport,
  type TrendPoint,
  type TrendsReport,
  type Report,
  REPORT_BYS,
  breakdown,
  summary,
  cashflow,
  balance,
  networth,
  trends,
} from './reports.js';
export { type ReportFilter, periodRange, effectiveRange, narrowsRows, reportWhere } from './filter.js';
export { type ExchangeRate, type AppliedRate, type Ratio, addRate, listRates, ratesTo, parseRate, ratioOf, convertMinor, divRoundHalfEven } from './rates.js';
