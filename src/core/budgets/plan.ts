import type { Ctx } from '../db/index.js';
import { invalid } from '../errors/index.js';
import { type CalendarMonth, monthOf, toCalendarDate } from '../calendar/index.js';
import { type CurrencyCode, allocate, decimalToMinor, formatMoney, minorDigits } from '../money/index.js';
import { type Category, listCategories, toSlug } from '../ledger/index.js';
import { history } from './history.js';
import { type BuiltinTemplateName, NEEDS, SAVINGS, type TemplateDefinition, WANTS } from './template.js';

/** One category's allocation in a budget about to be written. */
export interface PlannedLine {
  category: Category;
  amountMinor: number;
  rollover: boolean;
  /** Lower is funded first. */
  priority: number;
  note: string | null;
}

export interface Plan {
  template: string;
  month: CalendarMonth;
  currency: CurrencyCode;
  incomeMinor: number | null;
  lines: PlannedLine[];
  /** Things the person should know: a shortfall, income left unassigned, a by-date already past. */
  warnings: string[];
}

export interface PlanOptions {
  month: CalendarMonth;
  currency: CurrencyCode;
  /** Overrides the template's income. */
  incomeMinor?: number;
  /** Months of history built-in templates look at (default 3). */
  historyMonths?: number;
  /** Where a category of the template was written, for "unknown category" errors. */
  where?: (lineIndex: number) => string;
}

const DEFAULT_PRIORITY = 100;

/** Months from `month` to the month of `by`, both included (0 or less when `by` is before `month`). */
export function monthsUntil(month: CalendarMonth, by: string): number {
  const target = monthOf(toCalendarDate(by));
  const idx = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  return idx(target) - idx(month) + 1;
}

/** Turns a template definition into lines for one month. Allocations sum exactly to the income when a line takes the rest. */
export async function planFromDefinition(ctx: Ctx, def: TemplateDefinition, o: PlanOptions): Promise<Plan> {
  const currency = o.currency;
  const money = (minor: number) => formatMoney(minor, currency);
  const incomeMinor = o.incomeMinor ?? (def.income !== undefined ? decimalToMinor(def.income, currency, 'income') : undefined);
  const warnings: string[] = [];
  const bySlug = new Map((await listCategories(ctx)).map((c) => [c.slug, c]));
  const categories = def.lines.map((l, i) => {
    const c = bySlug.get(toSlug(l.category));
    if (!c) throw invalid(`${o.where ? `${o.where(i)}: ` : ''}unknown category "${l.category}"`, 'category');
    if (c.kind === 'income') throw invalid(`${o.where ? `${o.where(i)}: ` : ''}category "${l.category}" is income; budget lines are for spending and saving`);
    return c;
  });
  const percentIdx = def.lines.map((l, i) => (l.percent !== undefined ? i : -1)).filter((i) => i >= 0);
  if ((percentIdx.length > 0 || def.lines.some((l) => l.rest)) && incomeMinor === undefined) {
    throw invalid(`template "${def.name}" uses percentages of income or the rest: give --income AMOUNT`);
  }
  // Percentages are allocated together (with the unpercented remainder) so they sum exactly.
  const percentAmounts = new Map<number, number>();
  if (percentIdx.length > 0) {
    const weights = percentIdx.map((i) => Number(def.lines[i]!.percent));
    const rest = Math.max(0, 100 - weights.reduce((a, b) => a + b, 0));
    const parts = allocate(incomeMinor!, [...weights, rest]);
    percentIdx.forEach((i, k) => percentAmounts.set(i, parts[k]!));
  }
  const requested = def.lines.map((l, i): number => {
    if (l.amount !== undefined) return decimalToMinor(l.amount, currency, `amount for ${l.category}`);
    if (l.up_to !== undefined) return decimalToMinor(l.up_to, currency, `up_to for ${l.category}`);
    if (l.percent !== undefined) return percentAmounts.get(i)!;
    if (l.save !== undefined) {
      const total = decimalToMinor(l.save, currency, `save for ${l.category}`);
      const left = monthsUntil(o.month, l.by!);
      if (left <= 0) {
        warnings.push(`${l.category}: the by date ${l.by} has passed; budgeting the whole ${money(total)}`);
        return total;
      }
      return Math.ceil(total / left);
    }
    return 0; // rest
  });
  const order = def.lines
    .map((l, i) => ({ i, priority: l.priority !== undefined ? Number(l.priority) : DEFAULT_PRIORITY, rest: l.rest === true }))
    .sort((a, b) => Number(a.rest) - Number(b.rest) || a.priority - b.priority || a.i - b.i);
  const amounts = def.lines.map(() => 0);
  let remaining = incomeMinor ?? Number.POSITIVE_INFINITY;
  for (const { i, rest } of order) {
    const l = def.lines[i]!;
    if (rest) {
      amounts[i] = Math.max(0, remaining);
      remaining = 0;
      continue;
    }
    const give = Math.min(requested[i]!, Math.max(0, remaining));
    if (give < requested[i]! && l.up_to === undefined) {
      warnings.push(`${l.category}: income runs short; ${money(give)} of ${money(requested[i]!)} allocated`);
    }
    amounts[i] = give;
    remaining -= give;
  }
  if (incomeMinor !== undefined && remaining > 0 && Number.isFinite(remaining)) {
    warnings.push(`${money(remaining)} of income is not assigned to any category (add a line with rest: true for a zero-based budget)`);
  }
  const lines = def.lines.map((l, i) => ({
    category: categories[i]!,
    amountMinor: amounts[i]!,
    rollover: l.rollover ?? def.rollover ?? false,
    priority: l.priority !== undefined ? Number(l.priority) : DEFAULT_PRIORITY,
    note: l.note ?? (l.save !== undefined ? `saving ${l.save} by ${l.by}` : null),
  }));
  return { template: def.name, month: o.month, currency, incomeMinor: incomeMinor ?? null, lines, warnings };
}

/** The built-in templates (see BUILTIN_TEMPLATES), computed from the user's history. */
export async function planBuiltin(ctx: Ctx, name: BuiltinTemplateName, o: PlanOptions, previous?: { lines: Array<{ category: Category; amountMinor: number; priority: number }> }): Promise<Plan> {
  const currency = o.currency;
  const money = (minor: number) => formatMoney(minor, currency);
  const months = o.historyMonths ?? 3;
  const hist = await history(ctx, o.month, months, currency);
  const all = await listCategories(ctx);
  const bySlug = new Map(all.map((c) => [c.slug, c]));
  const spentOf = new Map(hist.categories.map((h) => [h.category.id, h.monthly.reduce((a, b) => a + b, 0)]));
  const warnings: string[] = [];
  const window = `${hist.months[0]}…${hist.months[hist.months.length - 1]}`;
  const income = (): number => {
    const v = o.incomeMinor ?? (hist.incomeMedianMinor > 0 ? hist.incomeMedianMinor : undefined);
    if (v === undefined || v <= 0) throw invalid(`the ${name} template needs an income: give --income AMOUNT (no income recorded in ${window})`);
    if (o.incomeMinor === undefined) warnings.push(`income taken as the median of ${window}: ${money(v)}`);
    return v;
  };
  const line = (category: Category, amountMinor: number, note: string | null, rollover = false): PlannedLine => ({ category, amountMinor, rollover, priority: DEFAULT_PRIORITY, note });
  const savings = bySlug.get(SAVINGS[0]);

  if (name === '50-30-20') {
    const incomeMinor = income();
    const [needs, wants, save] = allocate(incomeMinor, [50, 30, 20]) as [number, number, number];
    const lines: PlannedLine[] = [];
    for (const [slugs, total, label] of [[NEEDS, needs, 'needs'], [WANTS, wants, 'wants']] as const) {
      const cats = slugs.map((s) => bySlug.get(s)).filter((c): c is Category => !!c);
      const weights = cats.map((c) => spentOf.get(c.id) ?? 0);
      const used = weights.some((w) => w > 0) ? weights : cats.map(() => 1);
      const parts = allocate(total, used);
      cats.forEach((c, i) => {
        if (parts[i]! > 0) lines.push(line(c, parts[i]!, `${label} (${label === 'needs' ? 50 : 30}%)`));
      });
    }
    if (!savings) throw invalid('the 50-30-20 template needs the investments category');
    lines.push(line(savings, save, 'savings (20%)'));
    return { template: name, month: o.month, currency, incomeMinor, lines, warnings };
  }

  if (name === 'zero-based') {
    if (hist.categories.length === 0) throw invalid(`no spending recorded in ${window} to base a zero-based budget on; use another template or set the lines one by one`, 'budget-line');
    const incomeMinor = income();
    const used = hist.categories.filter((h) => h.medianMinor > 0);
    if (used.length === 0) throw invalid(`spending in ${window} is too sparse for medians (most months had none); use another template or set the lines one by one`, 'budget-line');
    const medians = used.map((h) => h.medianMinor);
    const total = medians.reduce((a, b) => a + b, 0);
    let amounts = medians;
    if (total > incomeMinor) {
      amounts = allocate(incomeMinor, medians);
      warnings.push(`recent spending (${money(total)} a month) is more than the income (${money(incomeMinor)}): every category scaled down`);
    }
    const lines = used.map((h, i) => line(h.category, amounts[i]!, `median of ${months} months`)).filter((l) => l.amountMinor > 0);
    const rest = incomeMinor - amounts.reduce((a, b) => a + b, 0);
    if (rest > 0) {
      if (!savings) throw invalid('the zero-based template needs the investments category for the rest');
      lines.push(line(savings, rest, 'the rest of the income'));
    }
    return { template: name, month: o.month, currency, incomeMinor, lines, warnings };
  }

  // envelopes
  if (previous && previous.lines.length > 0) {
    const lines = previous.lines.map((l) => ({ ...line(l.category, l.amountMinor, 'envelope', true), priority: l.priority }));
    return { template: name, month: o.month, currency, incomeMinor: o.incomeMinor ?? null, lines, warnings };
  }
  if (hist.categories.length === 0) throw invalid(`no earlier budget and no spending in ${window} to size envelopes from; set the lines one by one`, 'budget-line');
  const unit = 10 ** minorDigits(currency);
  const lines = hist.categories
    .filter((h) => h.medianMinor > 0)
    .map((h) => line(h.category, Math.ceil(h.medianMinor / unit) * unit, `envelope (median of ${months} months, rounded up)`, true));
  if (lines.length === 0) throw invalid(`spending in ${window} is too sparse to size envelopes from; set the lines one by one`, 'budget-line');
  return { template: name, month: o.month, currency, incomeMinor: o.incomeMinor ?? null, lines, warnings };
}

