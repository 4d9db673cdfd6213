import { basename } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { z } from 'zod';
import { FinchError, invalid } from '../errors/index.js';
import { tryCalendarDate } from '../calendar/index.js';
import { isCurrencyCode } from '../money/index.js';

/**
 * A budget template: how a month's money is allocated to categories. Files are YAML or JSON
 * (JSON is read by the same YAML parser, so errors carry line numbers for both).
 *
 * ```yaml
 * name: household
 * description: rent first, then the rest
 * income: 4200.00            # default when apply gets no --income
 * rollover: true             # default for every line
 * lines:
 *   - category: rent
 *     amount: 1500.00        # a fixed amount
 *     priority: 1            # lower is funded first when income runs short
 *   - category: groceries
 *     percent: 12.5          # of income
 *   - category: dining
 *     up_to: 250.00          # whatever is left, at most this
 *   - category: travel
 *     save: 1800.00          # a savings target…
 *     by: 2027-06-01         # …reached by this day: saved in equal monthly parts
 *   - category: investments
 *     rest: true             # every unit of income not given elsewhere (zero-based)
 * ```
 */

const DECIMAL = /^\d+(\.\d+)?$/;
const SLUG = /^[a-z0-9_]{1,60}$/;

const decimal = (what: string) => z.string({ error: `${what} must be a decimal like 250.00` }).regex(DECIMAL, `${what} must be a decimal like 250.00`);

const lineSchema = z
  .strictObject({
    category: z.string({ error: 'category must be a category slug such as groceries' }).regex(SLUG, 'category must be a category slug such as groceries'),
    amount: decimal('amount').optional(),
    percent: z
      .string({ error: 'percent must be a number from 0 to 100' })
      .regex(DECIMAL, 'percent must be a number from 0 to 100')
      .refine((v) => Number(v) > 0 && Number(v) <= 100, 'percent must be more than 0 and at most 100')
      .optional(),
    up_to: decimal('up_to').optional(),
    save: decimal('save').optional(),
    by: z
      .string({ error: 'by must be a date as YYYY-MM-DD' })
      .refine((v) => tryCalendarDate(v) !== null, 'by must be a real day as YYYY-MM-DD')
      .optional(),
    rest: z.boolean({ error: 'rest must be true or false' }).optional(),
    priority: z.string({ error: 'priority must be a whole number' }).regex(/^\d{1,4}$/, 'priority must be a whole number from 0 to 9999').optional(),
    rollover: z.boolean({ error: 'rollover must be true or false' }).optional(),
    note: z.string({ error: 'note must be text' }).max(200, 'note must be at most 200 characters').optional(),
  })
  .superRefine((l, ctx) => {
    const kinds = (['amount', 'percent', 'up_to', 'save', 'rest'] as const).filter((k) => l[k] !== undefined && l[k] !== false);
    if (kinds.length === 0) ctx.addIssue({ code: 'custom', path: [], message: `line for ${l.category} needs one of amount, percent, up_to, save (with by) or rest: true` });
    if (kinds.length > 1) ctx.addIssue({ code: 'custom', path: [kinds[1]!], message: `give only one of ${kinds.join(', ')} for ${l.category}` });
    if (l.save !== undefined && l.by === undefined) ctx.addIssue({ code: 'custom', path: ['save'], message: `save needs a by date (YYYY-MM-DD) for ${l.category}` });
    if (l.by !== undefined && l.save === undefined) ctx.addIssue({ code: 'custom', path: ['by'], message: 'by only goes with save' });
  });

export const templateSchema = z
  .strictObject({
    name: z
      .string({ error: 'name must be text' })
      .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/i, 'name must be 1–40 letters, digits, _ . or -'),
    description: z.string({ error: 'description must be text' }).max(300).optional(),
    currency: z
      .string({ error: 'currency must be an ISO 4217 code' })
      .refine((v) => isCurrencyCode(v), 'currency must be an ISO 4217 code such as USD')
      .optional(),
    income: decimal('income').optional(),
    rollover: z.boolean({ error: 'rollover must be true or false' }).optional(),
    lines: z.array(lineSchema, { error: 'lines must be a list of category lines' }).min(1, 'lines must list at least one category'),
  })
  .superRefine((t, ctx) => {
    const seen = new Map<string, number>();
    t.lines.forEach((l, i) => {
      if (seen.has(l.category)) ctx.addIssue({ code: 'custom', path: ['lines', i, 'category'], message: `category ${l.category} appears twice` });
      seen.set(l.category, i);
    });
    const rests = t.lines.map((l, i) => (l.rest ? i : -1)).filter((i) => i >= 0);
    if (rests.length > 1) ctx.addIssue({ code: 'custom', path: ['lines', rests[1]!, 'rest'], message: 'only one line may take the rest' });
    let percent = 0;
    t.lines.forEach((l, i) => {
      if (l.percent === undefined || !DECIMAL.test(l.percent)) return;
      percent += Number(l.percent);
      if (percent > 100 + 1e-9) ctx.addIssue({ code: 'custom', path: ['lines', i, 'percent'], message: `percentages add up to more than 100 (${percent})` });
    });
  });

export type TemplateDefinition = z.output<typeof templateSchema>;
export type TemplateLine = TemplateDefinition['lines'][number];

export interface ParsedTemplate {
  definition: TemplateDefinition;
  /** The line in the file where a value sits (for later checks such as unknown categories). */
  lineOf(path: ReadonlyArray<string | number>): number | undefined;
}

function nodeLine(doc: Document, counter: LineCounter, path: ReadonlyArray<string | number>): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

function keyLine(doc: Document, counter: LineCounter, path: ReadonlyArray<string | number>, key: string): number | undefined {
  const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (isMap(parent)) {
    for (const pair of parent.items) {
      if (isScalar(pair.key) && pair.key.value === key && pair.key.range) return counter.linePos(pair.key.range[0]).line;
    }
  }
  return nodeLine(doc, counter, path);
}

/**
 * Parses and validates a template file's text. A bad file is rejected with a FinchError naming
 * the file, the line and the reason: `budget.yaml line 7: amount must be a decimal like 250.00`.
 */
export function parseTemplateText(text: string, filename = 'template'): ParsedTemplate {
  const file = basename(filename);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_TEMPLATE_BYTES) throw invalid(`${file} is ${(bytes / 1024).toFixed(0)} KiB; a budget template may be up to ${MAX_TEMPLATE_BYTES / 1024} KiB`);
  try {
    return parseTemplateUnguarded(text, file);
  } catch (e) {
    // The template loader's boundary: the YAML library's own errors (an alias bomb, a stack
    // overflow) become one line naming the file, like every other bad template.
    if (e instanceof FinchError) throw e;
    const reason = e instanceof RangeError ? 'it is nested too deeply' : (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw invalid(`${file}: not a template finch can read: ${reason}`);
  }
}

/**
 * Far above any real template (a few KiB), far below what makes the YAML parser's memory explode
 * (an 8 MB file took about 1 GB).
 */
export const MAX_TEMPLATE_BYTES = 256 * 1024;

function parseTemplateUnguarded(text: string, file: string): ParsedTemplate {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line ?? counter.linePos(e.pos[0]).line;
    const reason = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw invalid(`${file} line ${line}: ${reason}`);
  }
  // Numbers keep the text they were written as ("250.50", not 250.5) so money never passes through a float.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'number' && node.range) node.value = text.slice(node.range[0], node.range[1]).trim();
    },
  });
  // Aliases are expanded by toJS: a few hundred are plenty for a template, and a billion-laughs file is stopped early.
  const raw = doc.toJS({ maxAliasCount: 200 }) as unknown;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalid(`${file} line 1: a template must be a mapping with name and lines`);
  const parsed = templateSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    let line: number | undefined;
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0]!;
      line = keyLine(doc, counter, path, key);
      message = `unknown key "${key}"`;
    } else if (issue.code === 'invalid_type' && isMissing(raw, path)) {
      // A missing required key: point at the mapping that lacks it.
      const key = String(path[path.length - 1]);
      line = nodeLine(doc, counter, path.slice(0, -1));
      message = `${key} is missing`;
    } else {
      line = nodeLine(doc, counter, path);
    }
    throw invalid(`${file} line ${line ?? 1}: ${message}`);
  }
  return { definition: parsed.data, lineOf: (p) => nodeLine(doc, counter, p) };
}

function isMissing(raw: unknown, path: ReadonlyArray<string | number>): boolean {
  if (path.length === 0) return false;
  let cur: unknown = raw;
  for (const p of path.slice(0, -1)) cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[p] : undefined;
  return !!cur && typeof cur === 'object' && !Object.hasOwn(cur, path[path.length - 1]!);
}

/** The templates every user has; their names cannot be taken by a user's own. */
export const BUILTIN_TEMPLATES = {
  '50-30-20': '50% of income to needs, 30% to wants, 20% to savings (investments); inside each group in proportion to recent spending',
  'zero-based': 'every unit of income assigned: the median of the last months\' spending per category, the rest to investments',
  envelopes: 'fixed envelopes with rollover: last budget\'s amounts (or recent median spending rounded up to whole units)',
} as const;
export type BuiltinTemplateName = keyof typeof BUILTIN_TEMPLATES;

export function isBuiltinTemplate(name: string): name is BuiltinTemplateName {
  return Object.hasOwn(BUILTIN_TEMPLATES, name);
}

/** 50/30/20 buckets over the default taxonomy (DESIGN.md); categories not listed are not budgeted by it. */
export const NEEDS = ['rent', 'utilities', 'groceries', 'transport', 'fuel', 'health', 'insurance', 'education', 'fees', 'home'] as const;
export const WANTS = ['dining', 'entertainment', 'shopping', 'travel', 'subscriptions', 'personal_care', 'gifts', 'pets', 'other'] as const;
export const SAVINGS = ['investments'] as const;
