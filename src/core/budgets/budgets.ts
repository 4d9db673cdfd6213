import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { sql } from 'kysely';
import { inTransaction, newId, parseJson, type Ctx } from '../db/index.js';
import { FinchError, conflict, invalid, notFound } from '../errors/index.js';
import { type CalendarMonth, addMonthsToMonth, nowIso, toCalendarMonth } from '../calendar/index.js';
import { type CurrencyCode, currencyCode, decimalToMinor, formatMoney, minorToDecimal } from '../money/index.js';
import { type Category, getCategory, kindIn, listCategories, SPENDING_KINDS, toSlug } from '../ledger/index.js';
import { type Plan, type PlannedLine, planBuiltin, planFromDefinition } from './plan.js';
import { entriesInMonths, spendByCategoryMonth } from './history.js';
import { BUILTIN_TEMPLATES, MAX_TEMPLATE_BYTES, isBuiltinTemplate, parseTemplateText, templateSchema, type TemplateDefinition } from './template.js';

// ---------------------------------------------------------------------------------------------
// Templates

export interface TemplateInfo {
  name: string;
  builtin: boolean;
  description: string;
  /** The definition of a user's own template; null for built-ins (they are computed). */
  definition: TemplateDefinition | null;
}

export async function listTemplates(ctx: Ctx): Promise<TemplateInfo[]> {
  const rows = await ctx.db.selectFrom('budget_templates').selectAll().where('user_id', '=', ctx.userId).orderBy('name').execute();
  return [
    ...Object.entries(BUILTIN_TEMPLATES).map(([name, description]) => ({ name, builtin: true, description, definition: null })),
    ...rows.map((r) => {
      const definition = parseJson<TemplateDefinition | null>(r.definition_json, null);
      return { name: r.name, builtin: false, description: definition?.description ?? `${definition?.lines.length ?? 0} lines`, definition };
    }),
  ];
}

export async function getTemplate(ctx: Ctx, name: string): Promise<TemplateInfo> {
  const key = name.trim();
  if (isBuiltinTemplate(key)) return { name: key, builtin: true, description: BUILTIN_TEMPLATES[key], definition: null };
  const row = await ctx.db.selectFrom('budget_templates').selectAll().where('user_id', '=', ctx.userId).where('name', '=', key).executeTakeFirst();
  if (!row) throw notFound(`unknown budget template "${name}"`, 'budget-template');
  const parsed = templateSchema.safeParse(parseJson<unknown>(row.definition_json, null));
  if (!parsed.success) throw new FinchError('DATABASE', `stored budget template "${name}" is damaged; add it again with --replace`);
  return { name: row.name, builtin: false, description: parsed.data.description ?? `${parsed.data.lines.length} lines`, definition: parsed.data };
}

/**
 * Adds a template from a YAML or JSON file's text. Bad files are rejected with the file, the line
 * and the reason; so are categories the user does not have.
 */
export async function addTemplate(ctx: Ctx, text: string, filename: string, options: { replace?: boolean } = {}): Promise<TemplateInfo> {
  const { definition, lineOf } = parseTemplateText(text, filename);
  const file = filename.split(/[\\/]/).pop();
  if (isBuiltinTemplate(definition.name)) throw conflict(`${file}: "${definition.name}" is a built-in template name; pick another`);
  const bySlug = new Map((await listCategories(ctx)).map((c) => [c.slug, c]));
  for (const [i, l] of definition.lines.entries()) {
    const c = bySlug.get(toSlug(l.category));
    if (!c) throw invalid(`${file} line ${lineOf(['lines', i, 'category']) ?? 1}: unknown category "${l.category}"`, 'category');
    if (c.kind === 'income') throw invalid(`${file} line ${lineOf(['lines', i, 'category']) ?? 1}: category "${l.category}" is income; budget lines are for spending and saving`);
  }
  await inTransaction(ctx, async (tx) => {
    const existing = await tx.db.selectFrom('budget_templates').select('id').where('user_id', '=', tx.userId).where('name', '=', definition.name).executeTakeFirst();
    if (existing && !options.replace) throw conflict(`a budget template "${definition.name}" already exists; add --replace to overwrite it`);
    if (existing) {
      await tx.db.updateTable('budget_templates').set({ definition_json: JSON.stringify(definition) }).where('id', '=', existing.id).execute();
    } else {
      await tx.db.insertInto('budget_templates').values({ id: newId(), user_id: tx.userId, name: definition.name, definition_json: JSON.stringify(definition), created_at: nowIso() }).execute();
    }
  });
  return getTemplate(ctx, definition.name);
}

export async function addTemplateFile(ctx: Ctx, path: string, options: { replace?: boolean } = {}): Promise<TemplateInfo> {
  let text: string;
  try {
    // Checked before reading: an oversized file is refused without loading it.
    const { size } = await stat(path);
    if (size > MAX_TEMPLATE_BYTES) throw invalid(`${basename(path)} is ${(size / 1024).toFixed(0)} KiB; a budget template may be up to ${MAX_TEMPLATE_BYTES / 1024} KiB`);
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (e instanceof FinchError) throw e;
    throw new FinchError('IO', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return addTemplate(ctx, text, path, options);
}

export async function removeTemplate(ctx: Ctx, name: string): Promise<void> {
  if (isBuiltinTemplate(name)) throw invalid(`"${name}" is built in and cannot be removed`);
  const r = await ctx.db.deleteFrom('budget_templates').where('user_id', '=', ctx.userId).where('name', '=', name).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notFound(`unknown budget template "${name}"`);
}

// ---------------------------------------------------------------------------------------------
// Budgets

export interface BudgetLine {
  category: string;
  categoryId: string;
  amountMinor: number;
  amount: string;
  rollover: boolean;
  priority: number;
}

export interface Budget {
  id: string;
  month: CalendarMonth;
  template: string | null;
  currency: CurrencyCode;
  incomeMinor: number | null;
  income: string | null;
  lines: BudgetLine[];
  totalMinor: number;
  total: string;
}

export interface ApplyOptions {
  month: string;
  /** Decimal income for templates that use percentages or the rest. */
  income?: string;
  currency?: string;
  /** Overwrite the month's budget if there is one (otherwise a CONFLICT error). */
  replace?: boolean;
  historyMonths?: number;
}

export interface ApplyResult {
  budget: Budget;
  warnings: string[];
  replaced: boolean;
}

async function budgetRow(ctx: Ctx, month: CalendarMonth) {
  return ctx.db.selectFrom('budgets').selectAll().where('user_id', '=', ctx.userId).where('month', '=', month).executeTakeFirst();
}

const alreadyHasBudget = (month: CalendarMonth, template: string | null) =>
  conflict(`${month} already has a budget${template ? ` (from ${template})` : ''}; add --replace to overwrite it`);

/** Deletes a budget and its lines; call inside a database transaction. */
async function deleteBudgetRow(tx: Ctx, id: string): Promise<void> {
  await tx.db.deleteFrom('budget_lines').where('user_id', '=', tx.userId).where('budget_id', '=', id).execute();
  await tx.db.deleteFrom('budgets').where('user_id', '=', tx.userId).where('id', '=', id).execute();
}

/** The month's budget, or null when there is none. */
export async function getBudget(ctx: Ctx, monthText: string): Promise<Budget | null> {
  const month = toCalendarMonth(monthText);
  const row = await budgetRow(ctx, month);
  if (!row) return null;
  const currency = row.currency as CurrencyCode;
  const lines = await ctx.db
    .selectFrom('budget_lines as l')
    .innerJoin('categories as c', 'c.id', 'l.category_id')
    .select(['l.category_id', 'l.amount_minor', 'l.rollover', 'l.priority', 'c.slug'])
    .where('l.user_id', '=', ctx.userId)
    .where('l.budget_id', '=', row.id)
    .orderBy('l.priority')
    .orderBy('c.slug')
    .execute();
  const mapped = lines.map((l) => ({
    category: l.slug,
    categoryId: l.category_id,
    amountMinor: Number(l.amount_minor),
    amount: minorToDecimal(Number(l.amount_minor), currency),
    rollover: Number(l.rollover) === 1,
    priority: Number(l.priority),
  }));
  const totalMinor = mapped.reduce((a, l) => a + l.amountMinor, 0);
  const incomeMinor = row.income_minor === null ? null : Number(row.income_minor);
  return {
    id: row.id,
    month,
    template: row.template,
    currency,
    incomeMinor,
    income: incomeMinor === null ? null : minorToDecimal(incomeMinor, currency),
    lines: mapped,
    totalMinor,
    total: minorToDecimal(totalMinor, currency),
  };
}

export async function listBudgets(ctx: Ctx): Promise<Array<{ month: CalendarMonth; template: string | null; currency: CurrencyCode; total: string; lines: number }>> {
  const rows = await ctx.db
    .selectFrom('budgets as b')
    .leftJoin('budget_lines as l', 'l.budget_id', 'b.id')
    .select(['b.month', 'b.template', 'b.currency'])
    .select(sql<string | number>`coalesce(sum(l.amount_minor), 0)`.as('total'))
    .select((eb) => eb.fn.count<number>('l.id').as('n'))
    .where('b.user_id', '=', ctx.userId)
    .groupBy(['b.id', 'b.month', 'b.template', 'b.currency'])
    .orderBy('b.month', 'desc')
    .execute();
  return rows.map((r) => ({ month: r.month as CalendarMonth, template: r.template, currency: r.currency as CurrencyCode, total: minorToDecimal(Number(r.total), r.currency as CurrencyCode), lines: Number(r.n) }));
}

/** The latest budget before `month`, for envelopes and rollover. */
async function previousBudget(ctx: Ctx, month: CalendarMonth): Promise<Budget | null> {
  const row = await ctx.db.selectFrom('budgets').select('month').where('user_id', '=', ctx.userId).where('month', '<', month).orderBy('month', 'desc').executeTakeFirst();
  return row ? getBudget(ctx, row.month) : null;
}

/** Works out what a template would allocate for a month, without writing anything. */
export async function planTemplate(ctx: Ctx, templateName: string, o: ApplyOptions): Promise<Plan> {
  const month = toCalendarMonth(o.month);
  const template = await getTemplate(ctx, templateName);
  const currency = o.currency ? currencyCode(o.currency) : template.definition?.currency ? currencyCode(template.definition.currency) : ctx.homeCurrency;
  const incomeMinor = o.income !== undefined ? decimalToMinor(o.income, currency, 'income') : undefined;
  if (incomeMinor !== undefined && incomeMinor <= 0) throw invalid('income must be more than zero');
  const base = { month, currency, incomeMinor, historyMonths: o.historyMonths };
  if (template.builtin) {
    let previous: { lines: Array<{ category: Category; amountMinor: number; priority: number }> } | undefined;
    if (template.name === 'envelopes') {
      const prev = await previousBudget(ctx, month);
      if (prev && prev.currency === currency) {
        const cats = new Map((await listCategories(ctx)).map((c) => [c.id, c]));
        previous = { lines: prev.lines.map((l) => ({ category: cats.get(l.categoryId)!, amountMinor: l.amountMinor, priority: l.priority })) };
      }
    }
    return planBuiltin(ctx, template.name as Parameters<typeof planBuiltin>[1], base, previous);
  }
  return planFromDefinition(ctx, template.definition!, { ...base, where: (i) => `template "${template.name}", lines[${i}]` });
}

/** Writes a plan as the month's budget and its lines, in one database transaction. */
export async function writePlan(ctx: Ctx, plan: Plan, replace = false): Promise<ApplyResult> {
  let replaced = false;
  await inTransaction(ctx, async (tx) => {
    const existing = await budgetRow(tx, plan.month);
    if (existing) {
      if (!replace) throw alreadyHasBudget(plan.month, existing.template);
      await deleteBudgetRow(tx, existing.id);
      replaced = true;
    }
    const id = newId();
    await tx.db
      .insertInto('budgets')
      .values({ id, user_id: tx.userId, month: plan.month, template: plan.template, currency: plan.currency, income_minor: plan.incomeMinor, created_at: nowIso() })
      .execute();
    const lines = mergeLines(plan.lines);
    if (lines.length > 0) {
      await tx.db
        .insertInto('budget_lines')
        .values(lines.map((l) => ({ id: newId(), user_id: tx.userId, budget_id: id, category_id: l.category.id, amount_minor: l.amountMinor, rollover: l.rollover ? 1 : 0, priority: l.priority })))
        .execute();
    }
  });
  return { budget: (await getBudget(ctx, plan.month))!, warnings: plan.warnings, replaced };
}

function mergeLines(lines: readonly PlannedLine[]): PlannedLine[] {
  const out = new Map<string, PlannedLine>();
  for (const l of lines) {
    const have = out.get(l.category.id);
    out.set(l.category.id, have ? { ...have, amountMinor: have.amountMinor + l.amountMinor } : l);
  }
  return [...out.values()];
}

/** `finch budget apply TEMPLATE --month YYYY-MM [--income AMOUNT]`. */
export async function applyTemplate(ctx: Ctx, templateName: string, o: ApplyOptions): Promise<ApplyResult> {
  const month = toCalendarMonth(o.month);
  const existing = o.replace ? undefined : await budgetRow(ctx, month);
  if (existing) throw alreadyHasBudget(month, existing.template);
  const plan = await planTemplate(ctx, templateName, o);
  return writePlan(ctx, plan, o.replace);
}

/** Sets one category's allocation for a month, creating the month's budget when there is none. */
export async function setBudgetLine(
  ctx: Ctx,
  categoryName: string,
  amount: string,
  o: { month: string; rollover?: boolean; priority?: number },
): Promise<Budget> {
  const month = toCalendarMonth(o.month);
  const category = await getCategory(ctx, categoryName);
  if (category.kind === 'income') throw invalid(`category "${category.slug}" is income; budget lines are for spending and saving`);
  await inTransaction(ctx, async (tx) => {
    let row = await budgetRow(tx, month);
    if (!row) {
      row = { id: newId(), user_id: tx.userId, month, template: null, currency: tx.homeCurrency, income_minor: null, created_at: nowIso() };
      await tx.db.insertInto('budgets').values(row).execute();
    }
    const minor = decimalToMinor(amount, row.currency as CurrencyCode, 'amount');
    if (minor < 0) throw invalid('a budget amount must not be negative');
    const line = await tx.db.selectFrom('budget_lines').selectAll().where('budget_id', '=', row.id).where('category_id', '=', category.id).executeTakeFirst();
    if (line) {
      await tx.db
        .updateTable('budget_lines')
        .set({ amount_minor: minor, ...(o.rollover !== undefined ? { rollover: o.rollover ? 1 : 0 } : {}), ...(o.priority !== undefined ? { priority: o.priority } : {}) })
        .where('id', '=', line.id)
        .execute();
    } else {
      await tx.db
        .insertInto('budget_lines')
        .values({ id: newId(), user_id: tx.userId, budget_id: row.id, category_id: category.id, amount_minor: minor, rollover: o.rollover ? 1 : 0, priority: o.priority ?? 100 })
        .execute();
    }
  });
  return (await getBudget(ctx, month))!;
}

export async function deleteBudget(ctx: Ctx, monthText: string): Promise<void> {
  const month = toCalendarMonth(monthText);
  await inTransaction(ctx, async (tx) => {
    const row = await budgetRow(tx, month);
    if (!row) throw notFound(noBudgetMessage(month));
    await deleteBudgetRow(tx, row.id);
  });
}

export function noBudgetMessage(month: CalendarMonth): string {
  return `no budget for ${month}: finch budget apply TEMPLATE --month ${month} (templates: finch budget template list), or finch budget suggest --month ${month}`;
}

// ---------------------------------------------------------------------------------------------
// Tracking

export interface StatusLine {
  category: string;
  allocatedMinor: number;
  /** Carried from the previous month when the line has rollover (negative after overspending). */
  rolloverMinor: number;
  availableMinor: number;
  spentMinor: number;
  remainingMinor: number;
  allocated: string;
  rollover: string;
  available: string;
  spent: string;
  remaining: string;
  /** Spent as a percentage of what is available, one decimal; null when nothing is available. */
  percent: number | null;
  over: boolean;
  hasRollover: boolean;
}

export interface BudgetStatus {
  month: CalendarMonth;
  template: string | null;
  currency: CurrencyCode;
  income: string | null;
  lines: StatusLine[];
  /** Spending in categories the budget has no line for. */
  unbudgeted: Array<{ category: string; spentMinor: number; spent: string }>;
  totals: { allocated: string; available: string; spent: string; remaining: string; percent: number | null };
  warnings: string[];
}

/**
 * What a budget line counts: my share of spending in its category, net of refunds (the ledger's
 * one definition), or the full amounts with `gross`; a line for a transfer-kind category (saving
 * into investments) counts what moved into it.
 */
const LINE_KINDS = ['expense', 'transfer'] as const;

/** Spending per category id and month over `from`…`to`, aggregated in SQL in one query, one currency. */
async function spentByCategory(ctx: Ctx, from: CalendarMonth, to: CalendarMonth, currency: CurrencyCode, gross = false): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  for (const r of await spendByCategoryMonth(ctx, from, to, currency, LINE_KINDS, gross)) {
    const m = out.get(r.month) ?? new Map<string, number>();
    m.set(r.categoryId, r.spentMinor);
    out.set(r.month, m);
  }
  return out;
}

/** Spending in the month in currencies other than the budget's, which status cannot count. */
async function otherCurrencySpending(ctx: Ctx, month: CalendarMonth, currency: CurrencyCode): Promise<Array<{ currency: string; count: number }>> {
  const rows = await entriesInMonths(ctx, month, month)
    .select('t.currency')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(kindIn(SPENDING_KINDS))
    .where('t.currency', '!=', currency)
    .groupBy('t.currency')
    .orderBy('t.currency')
    .execute();
  return rows.map((r) => ({ currency: r.currency, count: Number(r.n) }));
}

/** Rolls spending of child categories into the line of their parent when the child has no line itself. */
function spendPerLine(spent: Map<string, number>, lineIds: Set<string>, categories: readonly Category[]): { perLine: Map<string, number>; other: Map<string, number> } {
  const parentOf = new Map(categories.map((c) => [c.id, c.parentId]));
  const perLine = new Map<string, number>();
  const other = new Map<string, number>();
  for (const [id, minor] of spent) {
    const parent = parentOf.get(id) ?? null;
    const target = lineIds.has(id) ? id : parent && lineIds.has(parent) ? parent : null;
    if (target) perLine.set(target, (perLine.get(target) ?? 0) + minor);
    else other.set(id, (other.get(id) ?? 0) + minor);
  }
  return { perLine, other };
}

const MAX_ROLLOVER_DEPTH = 36;

/**
 * What is left over (or overspent) in each rollover line of the month before, carried forward
 * through the chain of earlier budgets (same currency, at most MAX_ROLLOVER_DEPTH months back).
 * Their spending comes from one GROUP BY over the whole chain, not one query per month.
 */
async function carryInto(ctx: Ctx, budget: Budget, categories: readonly Category[]): Promise<Map<string, number>> {
  // chain[0] is `budget`, chain[i + 1] the month before chain[i]; it ends at a budget with no rollover lines.
  const chain: Budget[] = [budget];
  for (let cur = budget; cur.lines.some((l) => l.rollover) && chain.length <= MAX_ROLLOVER_DEPTH; ) {
    const prev = await getBudget(ctx, addMonthsToMonth(cur.month, -1));
    if (!prev || prev.currency !== budget.currency) break;
    chain.push(prev);
    cur = prev;
  }
  if (chain.length === 1) return new Map();
  const spent = await spentByCategory(ctx, chain[chain.length - 1]!.month, chain[1]!.month, budget.currency);
  let carry = new Map<string, number>(); // into chain[i + 1], starting from the oldest (nothing carried into it)
  for (let i = chain.length - 2; i >= 0; i--) {
    const prev = chain[i + 1]!;
    const { perLine } = spendPerLine(spent.get(prev.month) ?? new Map(), new Set(prev.lines.map((l) => l.categoryId)), categories);
    const out = new Map<string, number>();
    for (const l of chain[i]!.lines) {
      if (!l.rollover) continue;
      const p = prev.lines.find((x) => x.categoryId === l.categoryId);
      if (!p) continue;
      out.set(l.categoryId, p.amountMinor + (carry.get(l.categoryId) ?? 0) - (perLine.get(l.categoryId) ?? 0));
    }
    carry = out;
  }
  return carry;
}

/** Allocated, rollover, spent, remaining and % per category; null when the month has no budget. */
export async function budgetStatus(ctx: Ctx, monthText: string, options: { gross?: boolean } = {}): Promise<BudgetStatus | null> {
  const budget = await getBudget(ctx, monthText);
  if (!budget) return null;
  const categories = await listCategories(ctx);
  const byId = new Map(categories.map((c) => [c.id, c]));
  const currency = budget.currency;
  const money = (minor: number) => minorToDecimal(minor, currency);
  const spent = (await spentByCategory(ctx, budget.month, budget.month, currency, options.gross)).get(budget.month) ?? new Map<string, number>();
  const { perLine, other } = spendPerLine(spent, new Set(budget.lines.map((l) => l.categoryId)), categories);
  const carry = await carryInto(ctx, budget, categories);
  const pct = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 10 : null);
  const warnings: string[] = [];
  const lines = budget.lines.map((l): StatusLine => {
    const rolloverMinor = carry.get(l.categoryId) ?? 0;
    const availableMinor = l.amountMinor + rolloverMinor;
    const spentMinor = perLine.get(l.categoryId) ?? 0;
    const remainingMinor = availableMinor - spentMinor;
    const over = remainingMinor < 0;
    if (over) warnings.push(`${l.category} is over budget by ${formatMoney(-remainingMinor, currency)} (spent ${formatMoney(spentMinor, currency)} of ${formatMoney(availableMinor, currency)})`);
    return {
      category: l.category,
      allocatedMinor: l.amountMinor,
      rolloverMinor,
      availableMinor,
      spentMinor,
      remainingMinor,
      allocated: money(l.amountMinor),
      rollover: money(rolloverMinor),
      available: money(availableMinor),
      spent: money(spentMinor),
      remaining: money(remainingMinor),
      percent: pct(spentMinor, availableMinor),
      over,
      hasRollover: l.rollover,
    };
  });
  const unbudgeted = [...other]
    .filter(([id, minor]) => minor > 0 && byId.get(id)?.kind === 'expense')
    .map(([id, minor]) => ({ category: byId.get(id)!.slug, spentMinor: minor, spent: money(minor) }))
    .sort((a, b) => b.spentMinor - a.spentMinor);
  const elsewhere = await otherCurrencySpending(ctx, budget.month, currency);
  if (elsewhere.length > 0) warnings.push(`not counted (the budget is in ${currency}): ${elsewhere.map((e) => `${e.count} transaction${e.count === 1 ? '' : 's'} in ${e.currency}`).join(', ')}`);
  if (unbudgeted.length > 0) warnings.push(`spending with no budget line: ${unbudgeted.map((u) => `${u.category} ${formatMoney(u.spentMinor, currency)}`).join(', ')}`);
  const sum = (f: (l: StatusLine) => number) => lines.reduce((a, l) => a + f(l), 0);
  const available = sum((l) => l.availableMinor);
  const spentTotal = sum((l) => l.spentMinor);
  return {
    month: budget.month,
    template: budget.template,
    currency,
    income: budget.income,
    lines,
    unbudgeted,
    totals: {
      allocated: money(sum((l) => l.allocatedMinor)),
      available: money(available),
      spent: money(spentTotal),
      remaining: money(available - spentTotal),
      percent: pct(spentTotal, available),
    },
    warnings,
  };
}
