import type { Command } from 'commander';
import type { Goal, GoalStatus } from '../../core/index.js';
import { printJson, printTable, say } from '../output.js';
import { confirmOrAbort, withFinch } from '../run.js';

const goalJson = (g: Goal) => ({ name: g.name, target: g.target, currency: g.currency, by: g.targetDate, account: g.account, tag: g.tag });

const statusJson = (s: GoalStatus) => ({
  ...goalJson(s),
  saved: s.saved,
  remaining: s.remaining,
  percent: s.percent,
  months_left: s.monthsLeft,
  required_monthly: s.requiredMonthly,
  reached: s.reached,
  overdue: s.overdue,
});

export function register(program: Command): void {
  const goal = program.command('goal').description('savings goals: target, date, progress from an account or a tag');

  goal
    .command('add <name>')
    .description('add a goal, e.g. finch goal add "New bike" --target 1200 --by 2027-06-01 --account Savings')
    .requiredOption('--target <amount>', 'the amount to reach')
    .option('--by <YYYY-MM-DD>', 'the date to reach it by')
    .option('--account <name>', 'progress is this account\'s balance')
    .option('--tag <tag>', 'progress is the total of this tag\'s transactions')
    .option('--currency <code>', 'default: the account\'s, else your home currency')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { target: string; by?: string; account?: string; tag?: string; currency?: string; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const g = await finch.goals.add({ name, target: opts.target, by: opts.by, account: opts.account, tag: opts.tag, currency: opts.currency });
        if (opts.json) return printJson(goalJson(g));
        say(`added goal "${g.name}": ${g.target} ${g.currency}${g.targetDate ? ` by ${g.targetDate}` : ''}, from ${g.account ? `account ${g.account}` : `#${g.tag}`}`);
      });
    });

  goal
    .command('list')
    .description('your goals')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const rows = (await finch.goals.list()).map(goalJson);
        if (opts.json) return printJson(rows);
        printTable(rows, [
          { header: 'name', value: (g) => g.name, max: 30 },
          { header: 'target', value: (g) => g.target, align: 'right' },
          { header: 'cur', value: (g) => g.currency },
          { header: 'by', value: (g) => g.by ?? '' },
          { header: 'from', value: (g) => (g.account ? `account ${g.account}` : `#${g.tag}`), max: 30 },
        ], 'no goals yet: finch goal add NAME --target AMOUNT --by DATE --account NAME');
      });
    });

  goal
    .command('status [name]')
    .description('progress and the monthly saving still required')
    .option('--as-of <YYYY-MM-DD>', 'the day to measure from (default: today)')
    .option('--json', 'print JSON')
    .action(async (name: string | undefined, opts: { asOf?: string; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const rows = await finch.goals.status({ name, asOf: opts.asOf });
        if (opts.json) return printJson(name ? statusJson(rows[0]!) : rows.map(statusJson));
        printTable(rows, [
          { header: 'name', value: (g) => g.name, max: 30 },
          { header: 'saved', value: (g) => g.saved, align: 'right' },
          { header: 'target', value: (g) => g.target, align: 'right' },
          { header: 'cur', value: (g) => g.currency },
          { header: '%', value: (g) => `${g.percent.toFixed(1)}%`, align: 'right' },
          { header: 'by', value: (g) => g.targetDate ?? '' },
          { header: 'months', value: (g) => g.monthsLeft ?? '', align: 'right' },
          { header: 'per month', value: (g) => g.requiredMonthly ?? '', align: 'right' },
          { header: '', value: (g) => (g.reached ? 'reached' : g.overdue ? 'OVERDUE' : '') },
        ], 'no goals yet: finch goal add NAME --target AMOUNT --by DATE --account NAME');
      });
    });

  goal
    .command('remove <name>')
    .description('remove a goal (its account and transactions stay)')
    .option('--yes', 'do not ask')
    .action(async (name: string, opts: { yes?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        if (!(await confirmOrAbort(`remove the goal "${name}"?`, opts.yes))) return;
        const g = await finch.goals.remove(name);
        say(`removed goal "${g.name}"`);
      });
    });
}
