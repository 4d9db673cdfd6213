import { sql } from 'kysely';
import type { Ctx } from '../db/index.js';
import type { SealedState } from './keys.js';

/**
 * The recorded key fingerprint and the number of sealed values of this profile. Counting reads
 * the tables that hold sealed values (statement passwords, AI keys, mailbox credentials) without writing them: the
 * key decision must be made before either module asks for the key.
 */
export async function sealedState(ctx: Ctx): Promise<SealedState> {
  const { rows } = await sql<{ fingerprint: string | null; n: number | string }>`
    select (select fingerprint from secret_keys where user_id = ${ctx.userId}) as fingerprint,
      (select count(*) from statement_passwords where user_id = ${ctx.userId})
      + (select count(*) from ai_keys where user_id = ${ctx.userId})
      + (select count(*) from mailboxes where user_id = ${ctx.userId} and secret is not null) as n
  `.execute(ctx.db);
  const r = rows[0];
  return { fingerprint: r?.fingerprint ?? undefined, count: Number(r?.n ?? 0) };
}

/** Records (or replaces) the fingerprint of the key this profile's secrets are sealed with. */
export async function recordFingerprint(ctx: Ctx, fingerprint: string): Promise<void> {
  await ctx.db
    .insertInto('secret_keys')
    .values({ user_id: ctx.userId, fingerprint, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ fingerprint }))
    .execute();
}
