import { type Ctx } from '../db/index.js';
import { addDays, daysBetween, nowIso, type CalendarDate } from '../calendar/index.js';
import { currencyCode, minorToDecimal } from '../money/index.js';
import { similarity } from '../statements/index.js';
import { categoriser, saveToLedger } from './transactions.js';

/** How far a card's posting date may lag the alert's date. */
export const MATCH_WINDOW_DAYS = 4;

/** One statement row as the pipeline's dedup stage sees it. */
export interface StatementRowCandidate {
  date: CalendarDate;
  amountMinor: number;
  description: string;
}

/** A ledger row a statement row is the same as: the pipeline marks the statement row a duplicate of it. */
export interface MailMatch {
  id: string;
  date: string;
  amount_minor: number;
  description: string;
  import_key: string | null;
  source_ref: string | null;
  explanation: string;
}

function explain(account: string, amountMinor: number, currency: string, mailDate: string, rowDate: string, merchant: string | null, description: string, sim: number): string {
  const gap = Math.abs(daysBetween(mailDate as CalendarDate, rowDate as CalendarDate));
  return `same account ${account}, same amount ${minorToDecimal(amountMinor, currencyCode(currency))} ${currency}, dates ${mailDate} (mail) and ${rowDate} (statement) ${gap} day(s) apart, merchant "${merchant ?? '?'}" ~ "${description}" (similarity ${sim.toFixed(2)})`;
}

/** Same amount on a close day is strong; further apart the names must agree too. */
function alike(gap: number, sim: number): boolean {
  return gap === 0 ? true : gap <= 1 ? sim >= 0.15 : sim >= 0.3;
}

/**
 * The statement pipeline's hook (called in its dedup stage, inside its database transaction):
 * each statement row that is a mail transaction of the same account (same amount, date within a
 * few days, merchant alike) confirms that mail transaction instead of creating a second one.
 * Pending ones are saved to the ledger now. Mail transactions the statement's dates cover but no
 * row matched are marked for review. One to one: two equal coffees stay two.
 */
export async function matchStatementRows(ctx: Ctx, req: { accountId: string; fileId: string; rows: readonly StatementRowCandidate[] }): Promise<Array<MailMatch | null>> {
  const out: Array<MailMatch | null> = req.rows.map(() => null);
  if (req.rows.length === 0) return out;
  const dates = req.rows.map((r) => r.date).sort();
  const first = dates[0]!;
  const last = dates[dates.length - 1]!;
  const open = await ctx.db
    .selectFrom('mail_transactions as mt')
    .innerJoin('accounts as a', 'a.id', 'mt.account_id')
    .selectAll('mt')
    .select('a.name as account_name')
    .where('mt.user_id', '=', ctx.userId)
    .where('mt.account_id', '=', req.accountId)
    .where('mt.status', 'in', ['pending', 'confirmed'])
    .where('mt.match_json', 'is', null)
    .where('mt.date', '>=', addDays(first, -MATCH_WINDOW_DAYS))
    .where('mt.date', '<=', addDays(last, MATCH_WINDOW_DAYS))
    .execute();
  const pairs: Array<{ row: number; mail: (typeof open)[number]; score: number; sim: number }> = [];
  req.rows.forEach((r, row) => {
    for (const mail of open) {
      if (Number(mail.amount_minor) !== r.amountMinor) continue;
      const gap = Math.abs(daysBetween(mail.date as CalendarDate, r.date));
      if (gap > MATCH_WINDOW_DAYS) continue;
      const sim = mail.merchant ? similarity(mail.merchant, r.description) : 0;
      if (!alike(gap, sim)) continue;
      pairs.push({ row, mail, score: sim + (gap === 0 ? 0.5 : 0) - gap * 0.1, sim });
    }
  });
  pairs.sort((a, b) => b.score - a.score);
  const usedMail = new Set<string>();
  const categorise = pairs.some((p) => p.mail.status === 'pending') ? await categoriser(ctx) : null;
  for (const p of pairs) {
    if (out[p.row] || usedMail.has(p.mail.id)) continue;
    usedMail.add(p.mail.id);
    const r = req.rows[p.row]!;
    const transactionId = p.mail.transaction_id ?? (await saveToLedger(ctx, p.mail, categorise?.(p.mail.merchant, Number(p.mail.amount_minor) > 0)));
    const explanation = explain(p.mail.account_name, r.amountMinor, p.mail.currency, p.mail.date, r.date, p.mail.merchant, r.description, p.sim);
    await ctx.db
      .updateTable('mail_transactions')
      .set({ status: 'confirmed', transaction_id: transactionId, match_json: JSON.stringify({ fileId: req.fileId, row: p.row, explanation }), unmatched_file_id: null, updated_at: nowIso() })
      .where('id', '=', p.mail.id)
      .execute();
    out[p.row] = { id: transactionId, date: p.mail.date, amount_minor: r.amountMinor, description: p.mail.merchant ?? r.description, import_key: `mail:${p.mail.id}`, source_ref: p.mail.id, explanation };
  }
  // Inside the statement's dates and no row for it: the person should look (a declined or reversed card payment, or a misread).
  const missed = open.filter((m) => !usedMail.has(m.id) && m.date >= first && m.date <= last).map((m) => m.id);
  if (missed.length) await ctx.db.updateTable('mail_transactions').set({ unmatched_file_id: req.fileId, updated_at: nowIso() }).where('id', 'in', missed).execute();
  return out;
}

/**
 * When a mail arrives after the statement: the ledger row (from a statement) it is the same
 * as, if any, so it confirms that row instead of making a second.
 */
export async function findLedgerTwin(ctx: Ctx, t: { accountId: string; date: CalendarDate; amountMinor: number; merchant: string | null }): Promise<{ id: string; sourceRef: string | null; explanation: string } | null> {
  const rows = await ctx.db
    .selectFrom('transactions as t')
    .innerJoin('accounts as a', 'a.id', 't.account_id')
    .select(['t.id', 't.date', 't.description', 't.source_ref', 't.amount_minor', 't.currency', 'a.name as account_name'])
    .where('t.user_id', '=', ctx.userId)
    .where('t.account_id', '=', t.accountId)
    .where('t.source', '=', 'statement')
    .where('t.amount_minor', '=', t.amountMinor)
    .where('t.date', '>=', addDays(t.date, -MATCH_WINDOW_DAYS))
    .where('t.date', '<=', addDays(t.date, MATCH_WINDOW_DAYS))
    .execute();
  const taken = new Set(
    rows.length
      ? (await ctx.db.selectFrom('mail_transactions').select('transaction_id').where('user_id', '=', ctx.userId).where('transaction_id', 'in', rows.map((r) => r.id)).execute()).map((r) => r.transaction_id)
      : [],
  );
  let best: { row: (typeof rows)[number]; score: number; sim: number } | null = null;
  for (const row of rows) {
    if (taken.has(row.id)) continue;
    const gap = Math.abs(daysBetween(t.date, row.date as CalendarDate));
    const sim = t.merchant ? similarity(t.merchant, row.description) : 0;
    if (!alike(gap, sim)) continue;
    const score = sim + (gap === 0 ? 0.5 : 0) - gap * 0.1;
    if (!best || score > best.score) best = { row, score, sim };
  }
  if (!best) return null;
  return { id: best.row.id, sourceRef: best.row.source_ref, explanation: explain(best.row.account_name, t.amountMinor, best.row.currency, t.date, best.row.date, t.merchant, best.row.description, best.sim) };
}
