import type { Command } from 'commander';
import type { TransactionFilter } from '../core/index.js';

/** The filter flags shared by tx list, bulk actions, reports and exports. */
export function addFilterOptions(cmd: Command): Command {
  return cmd
    .option('--from <date>', 'on or after YYYY-MM-DD')
    .option('--to <date>', 'on or before YYYY-MM-DD')
    .option('--month <YYYY-MM>', 'one calendar month')
    .option('--account <name>', 'one account')
    .option('--category <slug>', 'one category (and its children)')
    .option('--uncategorized', 'only rows without a category')
    .option('--tag <tag>', 'rows with this tag')
    .option('--min <amount>', 'amount at least this (ignoring sign)')
    .option('--max <amount>', 'amount at most this (ignoring sign)')
    .option('--text <text>', 'description, merchant or notes contain this')
    .option('--type <type>', 'expense | income | transfer');
}

export interface FilterFlags {
  from?: string;
  to?: string;
  month?: string;
  account?: string;
  category?: string;
  uncategorized?: boolean;
  tag?: string;
  min?: string;
  max?: string;
  text?: string;
  type?: string;
}

export async function filterFromFlags(f: FilterFlags): Promise<TransactionFilter> {
  let { from, to } = f;
  if (f.month) {
    const { toCalendarMonth, monthStart, monthEnd } = await import('../core/index.js');
    const m = toCalendarMonth(f.month);
    from = monthStart(m);
    to = monthEnd(m);
  }
  if (f.type && !['expense', 'income', 'transfer'].includes(f.type)) {
    const { FinchError } = await import('../core/index.js');
    throw new FinchError('INVALID_INPUT', `invalid type "${f.type}": expense, income or transfer`);
  }
  return {
    from,
    to,
    account: f.account,
    category: f.category,
    uncategorized: f.uncategorized,
    tag: f.tag,
    minAmount: f.min,
    maxAmount: f.max,
    text: f.text,
    type: f.type as TransactionFilter['type'],
  };
}
