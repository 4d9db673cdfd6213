import type { Ctx } from '../db/index.js';
import { FinchError, invalid } from '../errors/index.js';
import { nowIso } from '../calendar/index.js';
import type { CurrencyCode } from '../money/index.js';
import { type CsvMapping, type CsvResult, type SavedCsvMapping, csvMappingSchema, detectDelimiter, parseCsv, splitRows, layoutOf } from './readers/csv/index.js';
import { decodeText } from './readers/index.js';
import type { DateOrder } from './tables/index.js';

/** Columns as a person names them: a header name, or a 1-based column number. */
export interface MappingColumns {
  date: string;
  amount?: string;
  debit?: string;
  credit?: string;
  description?: string[];
  balance?: string;
  direction?: string;
  /** "DD.MM.YYYY", "MM/DD/YY", "YYYY-MM-DD", or dmy | mdy | ymd. */
  dateFormat?: string;
  decimal?: '.' | ',';
  invert?: boolean;
}

export interface MappingPreview {
  fingerprint: string;
  header: string[];
  mapping: CsvMapping;
  result: CsvResult;
}

export interface SavedMapping {
  id: string;
  name: string;
  header: string[];
  mapping: CsvMapping;
  createdAt: string;
  updatedAt: string;
}

/** A date format such as DD.MM.YYYY (or dmy / mdy / ymd) as the order of its parts. */
export function dateOrderOf(format: string): DateOrder {
  const f = format.trim().toLowerCase();
  if (f === 'dmy' || f === 'mdy' || f === 'ymd') return f;
  const pos = (c: string) => f.indexOf(c);
  const [d, m, y] = [pos('d'), pos('m'), pos('y')];
  if (d < 0 || m < 0 || y < 0) throw invalid(`invalid date format "${format}": use e.g. DD.MM.YYYY, MM/DD/YY, YYYY-MM-DD, or dmy, mdy, ymd`);
  const order = [['d', d], ['m', m], ['y', y]].sort((a, b) => (a[1] as number) - (b[1] as number)).map((x) => x[0]).join('');
  if (order !== 'dmy' && order !== 'mdy' && order !== 'ymd') throw invalid(`unsupported date format "${format}": day-month-year, month-day-year or year-month-day`);
  return order;
}

/** Turns columns named by a person into a mapping: numbers are 1-based, anything else a header name. */
export function mappingFromColumns(c: MappingColumns): CsvMapping {
  const ref = (v: string | undefined): string | number | undefined => {
    if (v === undefined) return undefined;
    if (/^\d+$/.test(v.trim())) {
      const n = Number(v.trim());
      if (n < 1) throw invalid(`column numbers start at 1 (got ${v})`);
      return n - 1;
    }
    return v;
  };
  if (c.amount === undefined && (c.debit === undefined || c.credit === undefined)) throw invalid('name the amount column (--amount), or both --debit and --credit');
  const parsed = csvMappingSchema.safeParse({
    date: ref(c.date),
    description: (c.description ?? []).map((d) => ref(d)!),
    amount: ref(c.amount),
    debit: ref(c.debit),
    credit: ref(c.credit),
    balance: ref(c.balance),
    direction: ref(c.direction),
    dateOrder: c.dateFormat ? dateOrderOf(c.dateFormat) : undefined,
    decimal: c.decimal,
    invert: c.invert || undefined,
  });
  if (!parsed.success) throw invalid(`invalid mapping: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

/** Reads a CSV with a mapping without saving anything: what `finch statement map` shows first. */
export function previewMapping(bytes: Uint8Array, mapping: CsvMapping, currency?: CurrencyCode): MappingPreview {
  const text = decodeText(bytes);
  const result = parseCsv(text, { mapping, currency });
  const delimiter = detectDelimiter(text);
  const layout = layoutOf(splitRows(text, delimiter).map((r) => r.cells), delimiter);
  return { fingerprint: result.fingerprint, header: layout.cells, mapping: result.mapping, result };
}

/** Saves (or replaces) the mapping for the file's layout; later files with the same header use it by themselves. */
export async function saveMapping(ctx: Ctx, bytes: Uint8Array, mapping: CsvMapping, options: { name?: string; currency?: CurrencyCode } = {}): Promise<SavedMapping & { preview: MappingPreview }> {
  const preview = previewMapping(bytes, mapping, options.currency);
  const now = nowIso();
  const saved = { ...preview.mapping, ...(mapping.dateOrder ? { dateOrder: mapping.dateOrder } : {}), ...(mapping.decimal ? { decimal: mapping.decimal } : {}) };
  const name = options.name?.trim() || preview.header.filter(Boolean).slice(0, 4).join(', ') || `${preview.fingerprint} (no header)`;
  const values = { name, header_json: JSON.stringify(preview.header), mapping_json: JSON.stringify(saved), updated_at: now };
  await ctx.db
    .insertInto('csv_layout_mappings')
    .values({ user_id: ctx.userId, fingerprint: preview.fingerprint, created_at: now, ...values })
    .onConflict((oc) => oc.columns(['user_id', 'fingerprint']).doUpdateSet(values))
    .execute();
  return { id: preview.fingerprint, name, header: preview.header, mapping: saved, createdAt: now, updatedAt: now, preview };
}

function toSaved(r: { fingerprint: string; name: string; header_json: string; mapping_json: string; created_at: string; updated_at: string }): SavedMapping {
  return { id: r.fingerprint, name: r.name, header: JSON.parse(r.header_json) as string[], mapping: JSON.parse(r.mapping_json) as CsvMapping, createdAt: r.created_at, updatedAt: r.updated_at };
}

export async function listMappings(ctx: Ctx): Promise<SavedMapping[]> {
  const rows = await ctx.db.selectFrom('csv_layout_mappings').selectAll().where('user_id', '=', ctx.userId).orderBy('updated_at', 'desc').execute();
  return rows.map(toSaved);
}

/** One saved mapping by its id (the fingerprint) or a unique prefix of it. */
export async function showMapping(ctx: Ctx, id: string): Promise<SavedMapping> {
  const all = await listMappings(ctx);
  const hits = all.filter((m) => m.id === id || m.id.startsWith(id));
  if (hits.length === 0) throw new FinchError('NOT_FOUND', `no saved CSV mapping "${id}"`, { subject: 'csv-mapping' });
  if (hits.length > 1) throw invalid(`"${id}" matches ${hits.length} saved mappings; give more of the id`);
  return hits[0]!;
}

export async function removeMapping(ctx: Ctx, id: string): Promise<SavedMapping> {
  const m = await showMapping(ctx, id);
  await ctx.db.deleteFrom('csv_layout_mappings').where('user_id', '=', ctx.userId).where('fingerprint', '=', m.id).execute();
  return m;
}

/** Every saved mapping in the form the CSV reader applies by fingerprint. */
export async function savedMappings(ctx: Ctx): Promise<SavedCsvMapping[]> {
  const rows = await ctx.db.selectFrom('csv_layout_mappings').select(['fingerprint', 'mapping_json']).where('user_id', '=', ctx.userId).execute();
  return rows.map((r) => ({ fingerprint: r.fingerprint, mapping: JSON.parse(r.mapping_json) as unknown }));
}
