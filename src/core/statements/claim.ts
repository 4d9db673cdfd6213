import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { inTransaction, newId, type Ctx, type Database } from '../db/index.js';
import { FinchError } from '../errors/index.js';
import { nowIso } from '../calendar/index.js';

/*
 * Which process imports a file. The file's record is claimed by a status transition (an UPDATE …
 * WHERE status = … that only one process can win), and every later write to the record names
 * the claimant, so a process that lost the race, or whose claim was recovered after it stopped
 * answering, can never change what another process wrote.
 */

const TOKEN = randomBytes(4).toString('hex');

/** This process: host, pid and a random token (a later process may get the same pid). */
export function claimant(): string {
  return `${hostname()}:${process.pid}:${TOKEN}`;
}

/** A claim made on another host is taken for dead after this long without finishing. */
export const FOREIGN_CLAIM_MS = 30 * 60_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the process named by a claim can no longer finish it. */
export function claimIsDead(claimedBy: string | null, claimedAt: string | null, now = Date.now()): boolean {
  if (!claimedBy) return true; // left by a version of finch that did not claim files
  const [host, pid, token] = claimedBy.split(':');
  if (host === hostname()) {
    if (Number(pid) === process.pid) return token !== TOKEN;
    return !alive(Number(pid));
  }
  return !claimedAt || now - Date.parse(claimedAt) > FOREIGN_CLAIM_MS;
}

export type FileRecord = Pick<Database['uploaded_files'], 'id' | 'status' | 'claimed_by' | 'claimed_at' | 'created_count' | 'skipped_count' | 'review_count' | 'account_id'>;

export interface NewFile {
  sha256: string;
  filename: string;
  size: number;
  format: string;
  path: string;
  accountId: string;
}

const IMPORTED = new Set(['completed', 'needs_review', 'superseded']);

/**
 * Statements left `processing` by a process that died (kill -9, power loss): their import never
 * committed, so they are marked failed with a reason, and importing the file again retries it.
 */
export async function recoverInterrupted(ctx: Ctx): Promise<string[]> {
  const stuck = await ctx.db
    .selectFrom('uploaded_files')
    .select(['id', 'claimed_by', 'claimed_at'])
    .where('user_id', '=', ctx.userId)
    .where('status', '=', 'processing')
    .execute();
  const recovered: string[] = [];
  for (const f of stuck) {
    if (!claimIsDead(f.claimed_by, f.claimed_at)) continue;
    if (await inTransaction(ctx, (tx) => markInterrupted(tx, f))) recovered.push(f.id);
  }
  return recovered;
}

async function markInterrupted(ctx: Ctx, f: { id: string; claimed_by: string | null }): Promise<boolean> {
  const error = `interrupted: the process importing it (${f.claimed_by ?? 'unknown'}) stopped before finishing; nothing was imported, import the file again`;
  let q = ctx.db.updateTable('uploaded_files').set({ status: 'failed', error, claimed_by: null, updated_at: nowIso() }).where('id', '=', f.id).where('status', '=', 'processing');
  q = f.claimed_by ? q.where('claimed_by', '=', f.claimed_by) : q.where('claimed_by', 'is', null);
  const r = await q.executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await ctx.db
    .insertInto('statement_logs')
    .values({ id: newId(), user_id: ctx.userId, file_id: f.id, stage: 'complete', status: 'failed', details_json: JSON.stringify({ error, recoveredBy: claimant() }), execution_time_ms: 0, created_at: nowIso() })
    .execute();
  return true;
}

export type Claim = { kind: 'claimed'; fileId: string; claimant: string } | { kind: 'imported'; file: FileRecord };

async function findBySha(ctx: Ctx, sha256: string): Promise<FileRecord | undefined> {
  return ctx.db
    .selectFrom('uploaded_files')
    .select(['id', 'status', 'claimed_by', 'claimed_at', 'created_count', 'skipped_count', 'review_count', 'account_id'])
    .where('user_id', '=', ctx.userId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

/**
 * Takes the file's record for this process, making it when it is new (ON CONFLICT DO NOTHING on
 * the unique (user, sha256)). When the same bytes were imported already, says so; when another
 * live process is importing them now, waits for it to finish (up to `waitMs`) and reports its
 * result, or takes over when it failed.
 */
export async function claimFile(ctx: Ctx, f: NewFile, waitMs: number): Promise<Claim> {
  const me = claimant();
  const started = Date.now();
  for (let pause = 50; ; pause = Math.min(500, pause * 2)) {
    // One short write transaction per look: on SQLite it waits for the lock like any writer.
    const step = await inTransaction(ctx, (tx) => claimStep(tx, f, me));
    if (step.kind === 'imported' || step.kind === 'claimed') return step;
    if (step.kind === 'again') continue;
    if (Date.now() - started > waitMs) {
      throw new FinchError('BUSY', `statement ${step.file.id.slice(0, 13)} (the same file) is being imported by another process (${step.file.claimed_by}); try again when it has finished`);
    }
    await new Promise((r) => setTimeout(r, pause));
  }
}

async function claimStep(ctx: Ctx, f: NewFile, me: string): Promise<Claim | { kind: 'again' } | { kind: 'busy'; file: FileRecord }> {
  const now = nowIso();
  await ctx.db
    .insertInto('uploaded_files')
    .values({
      id: newId(), user_id: ctx.userId, account_id: f.accountId, filename: f.filename, sha256: f.sha256, size_bytes: f.size, format: f.format,
      storage_path: f.path, raw_text: null, parsed_json: null, status: 'pending', error: null, duplicate_of: null, period_start: null, period_end: null,
      created_count: 0, skipped_count: 0, review_count: 0, claimed_by: null, claimed_at: null, created_at: now, updated_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const file = await findBySha(ctx, f.sha256);
  if (!file) throw new FinchError('DATABASE', 'the statement record vanished while it was being claimed');
  if (IMPORTED.has(file.status)) return { kind: 'imported', file };
  if (file.status === 'processing') {
    if (!claimIsDead(file.claimed_by, file.claimed_at)) return { kind: 'busy', file };
    await recoverInterrupted(ctx);
    return { kind: 'again' };
  }
  const won = await ctx.db
    .updateTable('uploaded_files')
    .set({ status: 'processing', claimed_by: me, claimed_at: now, error: null, filename: f.filename, account_id: f.accountId, updated_at: now })
    .where('id', '=', file.id)
    .where('status', '=', file.status)
    .executeTakeFirst();
  if (Number(won.numUpdatedRows) !== 1) return { kind: 'again' }; // another process moved it first
  // A failed attempt's log and rows are replaced by this one's.
  await ctx.db.deleteFrom('statement_logs').where('file_id', '=', file.id).execute();
  await ctx.db.deleteFrom('statement_rows').where('file_id', '=', file.id).execute();
  return { kind: 'claimed', fileId: file.id, claimant: me };
}
