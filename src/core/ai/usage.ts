import type { AiUsageTable, Ctx } from '../db/index.js';
import { newId } from '../db/index.js';
import { addDays, toCalendarDate } from '../calendar/index.js';
import { invalid } from '../errors/index.js';

export type AiOutcome = AiUsageTable['outcome'];

/** One line of the usage ledger, as the client writes it. */
export interface AiUsageEntry {
  provider: string;
  model: string;
  purpose: string;
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
  latencyMs: number;
  outcome: AiOutcome;
  /** What went wrong, secrets removed; null when nothing did. */
  error: string | null;
  createdAt: Date;
}

/** Appends one row to `ai_usage` for the current user. */
export async function recordAiUsage(ctx: Ctx, entry: AiUsageEntry): Promise<void> {
  await ctx.db
    .insertInto('ai_usage')
    .values({
      id: newId(),
      user_id: ctx.userId,
      provider: entry.provider,
      model: entry.model,
      purpose: entry.purpose,
      input_tokens: Math.max(0, Math.round(entry.inputTokens)),
      output_tokens: Math.max(0, Math.round(entry.outputTokens)),
      cost_micros: Math.max(0, Math.round(entry.costMicros)),
      latency_ms: Math.max(0, Math.round(entry.latencyMs)),
      outcome: entry.outcome,
      error: entry.error ? entry.error.slice(0, 1000) : null,
      created_at: entry.createdAt.toISOString(),
    })
    .execute();
}

/** Outcomes that were real provider calls: what the rate limit counts and what costs money. */
export const CALL_OUTCOMES: readonly AiOutcome[] = ['ok', 'error', 'invalid'];

/** Provider calls (not cache hits, not refusals) made since `since`. */
export async function countAiCallsSince(ctx: Ctx, since: Date): Promise<number> {
  const row = await ctx.db
    .selectFrom('ai_usage')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', ctx.userId)
    .where('created_at', '>=', since.toISOString())
    .where('outcome', 'in', CALL_OUTCOMES)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface AiUsageRow {
  provider: string;
  model: string;
  /** Requests sent to the provider (ok + errors + invalid). */
  calls: number;
  ok: number;
  /** HTTP errors, timeouts, refused connections. */
  errors: number;
  /** Answers that were not valid JSON or did not match the schema. */
  invalid: number;
  /** Requests answered from the cache (no call made). */
  cached: number;
  /** Requests refused by finch's own rate limit. */
  rateLimited: number;
  inputTokens: number;
  outputTokens: number;
  /** USD as a decimal string with 6 places, e.g. "0.001250". */
  cost: string;
  costMicros: number;
  /** Mean latency of the provider calls, whole milliseconds; null when there were none. */
  avgLatencyMs: number | null;
}

export interface AiUsageReport {
  /** The window reported, as given (inclusive calendar days, UTC), or null for open ends. */
  from: string | null;
  to: string | null;
  /** One row per provider and model, most calls first. */
  rows: AiUsageRow[];
  /** All rows added up (provider and model are "all"). */
  total: AiUsageRow;
}

/** Micro-dollars as a USD decimal string with 6 places: 1250 → "0.001250". */
export function microsToUsd(micros: number): string {
  const negative = micros < 0;
  const digits = String(Math.abs(Math.round(micros))).padStart(7, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

function bound(value: string | Date | undefined, end: boolean, what: string): string | null {
  if (value === undefined) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalid(`invalid ${what} instant`);
    return value.toISOString();
  }
  const day = toCalendarDate(value, what);
  return `${end ? addDays(day, 1) : day}T00:00:00.000Z`;
}

/**
 * What AI cost and how it behaved, per provider and model.
 *
 * `from`/`to` are inclusive calendar days (`YYYY-MM-DD`, UTC) or exact instants (`Date`, `to`
 * exclusive).
 *
 * ```ts
 * const { rows, total } = await aiUsageReport(finch.ctx, { from: '2025-01-01', to: '2025-01-31' });
 * console.log(`${total.calls} calls, $${total.cost}`);
 * ```
 */
export async function aiUsageReport(ctx: Ctx, opts: { from?: string | Date; to?: string | Date } = {}): Promise<AiUsageReport> {
  const from = bound(opts.from, false, 'from date');
  const to = bound(opts.to, true, 'to date');
  let q = ctx.db
    .selectFrom('ai_usage')
    .select((eb) => [
      'provider',
      'model',
      'outcome',
      eb.fn.countAll().as('n'),
      eb.fn.sum<string | number>('input_tokens').as('input_tokens'),
      eb.fn.sum<string | number>('output_tokens').as('output_tokens'),
      eb.fn.sum<string | number>('cost_micros').as('cost_micros'),
      eb.fn.sum<string | number>('latency_ms').as('latency_ms'),
    ])
    .where('user_id', '=', ctx.userId);
  if (from) q = q.where('created_at', '>=', from);
  if (to) q = q.where('created_at', '<', to);
  const groups = await q.groupBy(['provider', 'model', 'outcome']).execute();

  const byKey = new Map<string, AiUsageRow & { latencySum: number }>();
  const empty = (provider: string, model: string) => ({
    provider,
    model,
    calls: 0,
    ok: 0,
    errors: 0,
    invalid: 0,
    cached: 0,
    rateLimited: 0,
    inputTokens: 0,
    outputTokens: 0,
    cost: '0.000000',
    costMicros: 0,
    avgLatencyMs: null,
    latencySum: 0,
  });
  const total = empty('all', 'all');
  for (const g of groups) {
    const key = `${g.provider}\u0000${g.model}`;
    let row = byKey.get(key);
    if (!row) byKey.set(key, (row = empty(g.provider, g.model)));
    const n = Number(g.n);
    for (const r of [row, total]) {
      if (g.outcome === 'ok') r.ok += n;
      else if (g.outcome === 'error') r.errors += n;
      else if (g.outcome === 'invalid') r.invalid += n;
      else if (g.outcome === 'cached') r.cached += n;
      else if (g.outcome === 'rate_limited') r.rateLimited += n;
      if (CALL_OUTCOMES.includes(g.outcome)) {
        r.calls += n;
        r.latencySum += Number(g.latency_ms ?? 0);
      }
      r.inputTokens += Number(g.input_tokens ?? 0);
      r.outputTokens += Number(g.output_tokens ?? 0);
      r.costMicros += Number(g.cost_micros ?? 0);
    }
  }
  const finish = ({ latencySum, ...r }: AiUsageRow & { latencySum: number }): AiUsageRow => ({
    ...r,
    cost: microsToUsd(r.costMicros),
    avgLatencyMs: r.calls > 0 ? Math.round(latencySum / r.calls) : null,
  });
  const rows = [...byKey.values()]
    .map(finish)
    .sort((a, b) => b.calls - a.calls || b.cached - a.cached || a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
  return { from: typeof opts.from === 'string' ? opts.from : (from ?? null), to: typeof opts.to === 'string' ? opts.to : (to ?? null), rows, total: finish(total) };
}
