import type { Command } from 'commander';
import type { ApplyResult, Budget, BudgetStatus, BudgetSuggestion, TemplateInfo } from '../../core/index.js';
import { CliError as FinchError } from '../cli-error.js';
import { io } from '../io.js';
import { printJson, printTable, say } from '../output.js';
import { confirmOrAbort, positiveInt, withFinch } from '../run.js';

async function currentMonth(month: string | undefined): Promise<string> {
  const { monthOf, toCalendarMonth, today } = await import('../../core/index.js');
  return month ? toCalendarMonth(month) : monthOf(today());
}

const budgetJson = (b: Budget) => ({
  month: b.month,
  template: b.template,
  currency: b.currency,
  income: b.income,
  total: b.total,
  lines: b.lines.map((l) => ({ category: l.category, amount: l.amount, rollover: l.rollover, priority: l.priority })),
});

const templateJson = (t: TemplateInfo) => ({ name: t.name, builtin: t.builtin, description: t.description, definition: t.definition });

function printBudget(b: Budget): void {
  printTable(b.lines, [
    { header: 'category', value: (l) => l.category },
    { header: 'amount', value: (l) => l.amount, align: 'right' },
    { header: 'rollover', value: (l) => (l.rollover ? 'yes' : '') },
    { header: 'priority', value: (l) => l.priority, align: 'right' },
  ], `${b.month} has a budget with no lines yet: finch budget set CATEGORY AMOUNT --month ${b.month}`);
  say(`total ${b.total} ${b.currency}${b.income ? ` of income ${b.income} ${b.currency}` : ''}`);
}

function printApplied(r: ApplyResult, json: boolean | undefined): void {
  if (json) return printJson({ ...budgetJson(r.budget), replaced: r.replaced, warnings: r.warnings });
  say(`${r.replaced ? 'replaced' : 'created'} the budget for ${r.budget.month}${r.budget.template ? ` from ${r.budget.template}` : ''}`);
  printBudget(r.budget);
  for (const w of r.warnings) say(`! ${w}`);
}

function printStatus(s: BudgetStatus): void {
  say(`budget ${s.month}${s.template ? ` (${s.template})` : ''}, ${s.currency}`);
  printTable(s.lines, [
    { header: 'category', value: (l) => l.category },
    { header: 'allocated', value: (l) => l.allocated, align: 'right' },
    { header: 'rollover', value: (l) => (l.hasRollover ? l.rollover : ''), align: 'right' },
    { header: 'spent', value: (l) => l.spent, align: 'right' },
    { header: 'remaining', value: (l) => l.remaining, align: 'right' },
    { header: '%', value: (l) => (l.percent === null ? '' : `${l.percent.toFixed(1)}%`), align: 'right' },
    { header: '', value: (l) => (l.over ? 'OVER' : '') },
  ]);
  say(`total allocated ${s.totals.allocated}, available ${s.totals.available}, spent ${s.totals.spent}, remaining ${s.totals.remaining}${s.totals.percent === null ? '' : ` (${s.totals.percent.toFixed(1)}%)`}`);
  for (const w of s.warnings) say(`! ${w}`);
}

function printSuggestion(s: BudgetSuggestion): void {
  say(`suggested budget for ${s.month} (${s.source === 'ai' ? `AI: ${s.provider}` : 'rules'}), from ${s.months[0]}…${s.months[s.months.length - 1]}`);
  printTable(s.lines, [
    { header: 'category', value: (l) => l.category },
    { header: 'amount', value: (l) => l.amount, align: 'right' },
    { header: 'median', value: (l) => l.median, align: 'right' },
    { header: 'months', value: (l) => l.monthly.join(' '), max: 40 },
    { header: 'trend', value: (l) => l.trend },
    { header: 'note', value: (l) => l.note, max: 50 },
  ], 'no spending to base a budget on');
  say(`total ${s.total} ${s.currency}${s.income ? `; median income ${s.income} ${s.currency}` : ''}`);
  say(s.summary);
}

export function register(program: Command): void {
  const budget = program.command('budget').description('monthly budgets: templates, apply, suggest, status, set');

  const template = budget.command('template').description('budget templates: built-in and your own YAML/JSON files');
  template
    .command('list')
    .description('built-in templates and yours')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const rows = (await finch.budgets.templates.list()).map(templateJson);
        if (opts.json) return printJson(rows);
        printTable(rows, [
          { header: 'name', value: (t) => t.name },
          { header: 'kind', value: (t) => (t.builtin ? 'built-in' : 'yours') },
          { header: 'description', value: (t) => t.description, max: 90 },
        ]);
      });
    });
  template
    .command('show <name>')
    .description('one template')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const t = await finch.budgets.templates.get(name);
        if (opts.json) return printJson(templateJson(t));
        say(`${t.name} (${t.builtin ? 'built-in' : 'yours'}): ${t.description}`);
        if (t.definition) {
          const d = t.definition;
          if (d.income) say(`income ${d.income}${d.currency ? ` ${d.currency}` : ''}`);
          printTable(d.lines, [
            { header: 'category', value: (l) => l.category },
            { header: 'rule', value: (l) => (l.amount ? l.amount : l.percent ? `${l.percent}% of income` : l.up_to ? `up to ${l.up_to}` : l.save ? `save ${l.save} by ${l.by}` : 'the rest') },
            { header: 'priority', value: (l) => l.priority ?? '' },
            { header: 'rollover', value: (l) => ((l.rollover ?? d.rollover) ? 'yes' : '') },
          ]);
        }
      });
    });
  template
    .command('add <file>')
    .description('add your own template from a YAML or JSON file (see README for the format)')
    .option('--replace', 'overwrite a template of the same name')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { replace?: boolean; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const t = await finch.budgets.templates.addFile(file, { replace: opts.replace });
        if (opts.json) return printJson(templateJson(t));
        say(`added budget template ${t.name} (${t.definition?.lines.length ?? 0} lines): finch budget apply ${t.name} --month YYYY-MM`);
      });
    });
  template
    .command('remove <name>')
    .description('remove one of your templates')
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        await finch.budgets.templates.remove(name);
        say(`removed budget template ${name}`);
      });
    });

  budget
    .command('apply <template>')
    .description("create a month's budget from a template")
    .requiredOption('--month <YYYY-MM>', 'the month')
    .option('--income <amount>', 'monthly income for percentages and the rest')
    .option('--currency <code>', 'the budget currency (default: the template\'s, else your home currency)')
    .option('--months <n>', 'months of history built-in templates look at (default 3)', positiveInt)
    .option('--replace', "overwrite the month's budget if it has one")
    .option('--dry-run', 'show what would be allocated; write nothing')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { month: string; income?: string; currency?: string; months?: number; replace?: boolean; dryRun?: boolean; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const options = { month: opts.month, income: opts.income, currency: opts.currency, replace: opts.replace, historyMonths: opts.months };
        if (opts.dryRun) {
          const { minorToDecimal } = await import('../../core/index.js');
          const plan = await finch.budgets.plan(name, options);
          const lines = plan.lines.map((l) => ({ category: l.category.slug, amount: minorToDecimal(l.amountMinor, plan.currency), rollover: l.rollover, priority: l.priority, note: l.note }));
          const total = minorToDecimal(plan.lines.reduce((a, l) => a + l.amountMinor, 0), plan.currency);
          if (opts.json) return printJson({ month: plan.month, template: plan.template, currency: plan.currency, income: plan.incomeMinor === null ? null : minorToDecimal(plan.incomeMinor, plan.currency), total, lines, warnings: plan.warnings });
          say(`${plan.month} from ${plan.template} (dry run, nothing written)`);
          printTable(lines, [
            { header: 'category', value: (l) => l.category },
            { header: 'amount', value: (l) => l.amount, align: 'right' },
            { header: 'rollover', value: (l) => (l.rollover ? 'yes' : '') },
            { header: 'note', value: (l) => l.note ?? '', max: 50 },
          ]);
          say(`total ${total} ${plan.currency}`);
          for (const w of plan.warnings) say(`! ${w}`);
          return;
        }
        printApplied(await finch.budgets.apply(name, options), opts.json);
      });
    });

  budget
    .command('suggest')
    .description('propose a budget from the last months (median spend per category, trends); --ai asks the AI layer')
    .option('--month <YYYY-MM>', 'the month to budget (default: this month)')
    .option('--months <n>', 'months of history, 3 to 6 (default 3)', positiveInt)
    .option('--currency <code>', 'currency (default: your home currency)')
    .option('--ai', 'ask the configured AI provider; falls back to the rules and says so')
    .option('--apply', "write the suggestion as the month's budget")
    .option('--replace', "with --apply: overwrite the month's budget")
    .option('--json', 'print JSON')
    .action(async (opts: { month?: string; months?: number; currency?: string; ai?: boolean; apply?: boolean; replace?: boolean; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const month = await currentMonth(opts.month);
        const s = await finch.budgets.suggest({ month, months: opts.months, currency: opts.currency, ai: opts.ai });
        if (!opts.json) for (const n of s.notes) io().err(`finch: ${n}\n`);
        const applied = opts.apply ? await finch.budgets.applySuggestion(s, { replace: opts.replace }) : undefined;
        if (opts.json) {
          return printJson({
            month: s.month,
            currency: s.currency,
            months: s.months,
            answered_by: s.source === 'ai' ? s.provider : 'rules',
            lines: s.lines.map((l) => ({ category: l.category, amount: l.amount, median: l.median, monthly: l.monthly, trend: l.trend, note: l.note })),
            total: s.total,
            income: s.income,
            summary: s.summary,
            notes: s.notes,
            ...(applied ? { applied: budgetJson(applied.budget) } : {}),
          });
        }
        printSuggestion(s);
        if (applied) say(`${applied.replaced ? 'replaced' : 'created'} the budget for ${applied.budget.month}`);
        else if (s.lines.length) say(`to use it: finch budget suggest --month ${s.month}${opts.ai ? ' --ai' : ''} --apply`);
      });
    });

  budget
    .command('status')
    .description('allocated, spent, remaining and % per category, with rollover and over-budget warnings')
    .option('--month <YYYY-MM>', 'the month (default: this month)')
    .option('--gross', 'count full amounts paid instead of my share of shared costs')
    .option('--json', 'print JSON')
    .action(async (opts: { month?: string; json?: boolean; gross?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const month = await currentMonth(opts.month);
        const s = await finch.budgets.status(month, { gross: opts.gross });
        if (!s) {
          const { noBudgetMessage } = await (await import('../../core/index.js')).modules.budgets();
          const message = noBudgetMessage(month as Parameters<typeof noBudgetMessage>[0]);
          if (opts.json) return printJson({ month, budget: null, message });
          return say(message);
        }
        if (opts.json) {
          return printJson({
            month: s.month,
            template: s.template,
            currency: s.currency,
            income: s.income,
            lines: s.lines.map((l) => ({ category: l.category, allocated: l.allocated, rollover: l.rollover, available: l.available, spent: l.spent, remaining: l.remaining, percent: l.percent, over: l.over })),
            unbudgeted: s.unbudgeted.map((u) => ({ category: u.category, spent: u.spent })),
            totals: s.totals,
            warnings: s.warnings,
          });
        }
        printStatus(s);
      });
    });

  budget
    .command('set <category> <amount>')
    .description("set one category's allocation (creates the month's budget if needed)")
    .option('--month <YYYY-MM>', 'the month (default: this month)')
    .option('--rollover', 'carry what is left (or overspent) into the next month')
    .option('--no-rollover', 'do not carry over')
    .option('--priority <n>', 'lower is funded first', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 9999) throw new FinchError('INVALID_INPUT', `priority must be a whole number 0–9999, got "${v}"`);
      return n;
    })
    .option('--json', 'print JSON')
    .action(async (category: string, amount: string, opts: { month?: string; rollover?: boolean; priority?: number; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const month = await currentMonth(opts.month);
        // commander sets rollover to true by default when --no-rollover exists; only pass it when given.
        const given = cmd.getOptionValueSource('rollover') === 'cli';
        const b = await finch.budgets.set(category, amount, { month, rollover: given ? opts.rollover : undefined, priority: opts.priority });
        if (opts.json) return printJson(budgetJson(b));
        const slug = (await finch.categories.get(category)).slug;
        const line = b.lines.find((l) => l.category === slug)!;
        say(`${b.month}: ${line.category} ${line.amount} ${b.currency}${line.rollover ? ' (rollover)' : ''}; budget total ${b.total} ${b.currency}`);
      });
    });

  budget
    .command('show')
    .description("a month's budget lines")
    .option('--month <YYYY-MM>', 'the month (default: this month)')
    .option('--json', 'print JSON')
    .action(async (opts: { month?: string; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const month = await currentMonth(opts.month);
        const b = await finch.budgets.get(month);
        if (!b) {
          const { noBudgetMessage } = await (await import('../../core/index.js')).modules.budgets();
          const message = noBudgetMessage(month as Parameters<typeof noBudgetMessage>[0]);
          if (opts.json) return printJson({ month, budget: null, message });
          return say(message);
        }
        if (opts.json) return printJson(budgetJson(b));
        say(`budget ${b.month}${b.template ? ` (${b.template})` : ''}`);
        printBudget(b);
      });
    });

  budget
    .command('list')
    .description('months that have a budget')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const rows = await finch.budgets.list();
        if (opts.json) return printJson(rows);
        printTable(rows, [
          { header: 'month', value: (r) => r.month },
          { header: 'template', value: (r) => r.template ?? '' },
          { header: 'lines', value: (r) => r.lines, align: 'right' },
          { header: 'total', value: (r) => r.total, align: 'right' },
          { header: 'cur', value: (r) => r.currency },
        ], 'no budgets yet: finch budget apply TEMPLATE --month YYYY-MM (finch budget template list)');
      });
    });

  budget
    .command('delete')
    .description("delete a month's budget")
    .requiredOption('--month <YYYY-MM>', 'the month')
    .option('--yes', 'do not ask')
    .action(async (opts: { month: string; yes?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        if (!(await confirmOrAbort(`delete the budget for ${opts.month}?`, opts.yes))) return;
        await finch.budgets.delete(opts.month);
        say(`deleted the budget for ${opts.month}`);
      });
    });
}
