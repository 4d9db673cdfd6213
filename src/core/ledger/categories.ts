import { newId, type Ctx, type CategoryKind, type Database } from '../db/index.js';
import { conflict, invalid, notFound } from '../errors/index.js';
import { nowIso } from '../calendar/index.js';

export interface Category {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
  parentSlug: string | null;
  kind: CategoryKind;
  isDefault: boolean;
}

/** The default taxonomy (DESIGN.md): every user starts with these. */
export const DEFAULT_CATEGORIES: ReadonlyArray<{ slug: string; name: string; kind: CategoryKind }> = [
  { slug: 'groceries', name: 'Groceries', kind: 'expense' },
  { slug: 'dining', name: 'Dining', kind: 'expense' },
  { slug: 'transport', name: 'Transport', kind: 'expense' },
  { slug: 'fuel', name: 'Fuel', kind: 'expense' },
  { slug: 'travel', name: 'Travel', kind: 'expense' },
  { slug: 'rent', name: 'Rent', kind: 'expense' },
  { slug: 'utilities', name: 'Utilities', kind: 'expense' },
  { slug: 'shopping', name: 'Shopping', kind: 'expense' },
  { slug: 'entertainment', name: 'Entertainment', kind: 'expense' },
  { slug: 'subscriptions', name: 'Subscriptions', kind: 'expense' },
  { slug: 'health', name: 'Health', kind: 'expense' },
  { slug: 'education', name: 'Education', kind: 'expense' },
  { slug: 'personal_care', name: 'Personal care', kind: 'expense' },
  { slug: 'gifts', name: 'Gifts & donations', kind: 'expense' },
  { slug: 'insurance', name: 'Insurance', kind: 'expense' },
  { slug: 'fees', name: 'Fees & charges', kind: 'expense' },
  { slug: 'home', name: 'Home', kind: 'expense' },
  { slug: 'pets', name: 'Pets', kind: 'expense' },
  { slug: 'salary', name: 'Salary', kind: 'income' },
  { slug: 'other_income', name: 'Other income', kind: 'income' },
  { slug: 'transfer', name: 'Transfers', kind: 'transfer' },
  { slug: 'cash', name: 'Cash withdrawals', kind: 'transfer' },
  { slug: 'investments', name: 'Investments', kind: 'transfer' },
  { slug: 'other', name: 'Other', kind: 'expense' },
];

export const DEFAULT_CATEGORY_SLUGS: readonly string[] = DEFAULT_CATEGORIES.map((c) => c.slug);

export async function seedDefaultCategories(ctx: Ctx): Promise<void> {
  const now = nowIso();
  await ctx.db
    .insertInto('categories')
    .values(
      DEFAULT_CATEGORIES.map((c) => ({
        id: newId(),
        user_id: ctx.userId,
        slug: c.slug,
        name: c.name,
        parent_id: null,
        kind: c.kind,
        is_default: 1,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'slug']).doNothing())
    .execute();
}

export function toSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

type Row = Database['categories'] & { parent_slug: string | null };

function toCategory(r: Row): Category {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    parentId: r.parent_id,
    parentSlug: r.parent_slug,
    kind: r.kind,
    isDefault: r.is_default === 1,
  };
}

function baseQuery(ctx: Ctx) {
  return ctx.db
    .selectFrom('categories as c')
    .leftJoin('categories as p', 'p.id', 'c.parent_id')
    .selectAll('c')
    .select('p.slug as parent_slug')
    .where('c.user_id', '=', ctx.userId);
}

export async function listCategories(ctx: Ctx): Promise<Category[]> {
  const rows = await baseQuery(ctx).orderBy('c.kind').orderBy('c.slug').execute();
  return rows.map(toCategory);
}

/** Finds a category by slug or by name, case-insensitively. */
export async function findCategory(ctx: Ctx, slugOrName: string): Promise<Category | undefined> {
  // The path `category list` prints (parent/child) names the child; its parent must match.
  const path = slugOrName.split('/').map((p) => p.trim()).filter(Boolean);
  if (path.length === 2) {
    const child = await findCategory(ctx, path[1]!);
    return child && child.parentSlug === toSlug(path[0]!) ? child : undefined;
  }
  const slug = toSlug(slugOrName);
  if (!slug) return undefined;
  const row = await baseQuery(ctx).where('c.slug', '=', slug).executeTakeFirst();
  return row ? toCategory(row) : undefined;
}

export async function getCategory(ctx: Ctx, slugOrName: string): Promise<Category> {
  const c = await findCategory(ctx, slugOrName);
  if (!c) throw notFound(`unknown category "${slugOrName}"`, 'category');
  return c;
}

export interface NewCategory {
  name: string;
  slug?: string;
  parent?: string;
  kind?: CategoryKind;
}

export async function addCategory(ctx: Ctx, input: NewCategory): Promise<Category> {
  const slug = toSlug(input.slug ?? input.name);
  if (!slug) throw invalid(`invalid category name "${input.name}"`);
  if (await findCategory(ctx, slug)) throw conflict(`category "${slug}" already exists`);
  const parent = input.parent ? await getCategory(ctx, input.parent) : undefined;
  if (parent?.parentId) throw invalid(`category "${parent.slug}" is itself a child; finch keeps two levels`);
  await ctx.db
    .insertInto('categories')
    .values({
      id: newId(),
      user_id: ctx.userId,
      slug,
      name: input.name.trim(),
      parent_id: parent?.id ?? null,
      kind: input.kind ?? parent?.kind ?? 'expense',
      is_default: 0,
      created_at: nowIso(),
    })
    .execute();
  return getCategory(ctx, slug);
}

/** The category and its children: a filter on "dining" includes "dining/coffee". */
export async function categoryFamilyIds(ctx: Ctx, category: Category): Promise<string[]> {
  const children = await ctx.db
    .selectFrom('categories')
    .select('id')
    .where('user_id', '=', ctx.userId)
    .where('parent_id', '=', category.id)
    .execute();
  return [category.id, ...children.map((c) => c.id)];
}
