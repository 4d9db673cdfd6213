import { inTransaction, newId, type Ctx } from '../db/index.js';
import { FinchError, isFinchError } from '../errors/index.js';
import { nowIso } from '../calendar/index.js';
import { minorToDecimal, currencyCode } from '../money/index.js';
import { listAccounts } from '../ledger/index.js';
import type { Finch } from '../finch.js';
import { getMailbox, listMailboxes, mailboxSecret, saveState, type GmailConfig, type ImapConfig, type Mailbox } from './mailboxes.js';
import { parseMail, lastDigits, type AccountHint, type ParsedMail } from './parse.js';
import { readMail, type MailContent } from './text.js';
import { loadTemplates } from './templates.js';
import { categoriser, saveToLedger } from './transactions.js';
import { findLedgerTwin } from './match.js';
import type { MailSource } from './source.js';

export interface SyncOptions {
  since?: string;
  /** Save every transaction read instead of leaving it pending. */
  yes?: boolean;
  batchSize?: number;
  /** Test hook: called after each stored batch (a test stops the process here). */
  afterBatch?: (stored: number) => void | Promise<void>;
  /** Accept self-signed IMAP certificates (a local test server). */
  insecureTls?: boolean;
}

export interface SyncReport {
  mailbox: string;
  read: number;
  /** Seen in an earlier sync (same Message-ID): nothing done. */
  alreadySeen: number;
  created: Array<{ id: string; status: 'pending' | 'confirmed'; date: string; amount: string; currency: string; merchant: string | null; account: string | null; sender: string; transactionId: string | null }>;
  matched: Array<{ id: string; transactionId: string; explanation: string }>;
  skipped: Array<{ messageId: string; sender: string; reason: string }>;
  statements: Array<{ messageId: string; filename: string; account: string; statementId: string; created: number; skipped: number }>;
  failed: Array<{ ref: string; reason: string }>;
}

const STATEMENT_FILE = /\.(pdf|csv|ofx|qfx|qif|xml|camt|053)$/i;

export async function sourceFor(finch: Finch, m: Mailbox, options: SyncOptions): Promise<MailSource> {
  const secret = await mailboxSecret(finch.ctx, finch.secrets(), m.id);
  if (m.kind === 'imap') {
    const { ImapSource } = await import('./imap.js');
    return new ImapSource(m.config as ImapConfig, secret, { tlsRejectUnauthorized: !options.insecureTls });
  }
  const { GmailSource } = await import('./gmail.js');
  return new GmailSource(m.config as GmailConfig, secret, finch.env);
}

async function accountHints(ctx: Ctx): Promise<AccountHint[]> {
  return (await listAccounts(ctx)).map((a) => ({ id: a.id, name: a.name, currency: a.currency, numberHint: a.numberHint, kind: a.kind, institution: a.institution }));
}

interface StoreDeps {
  yes: boolean;
  templates: Map<string, import('./parse.js').SenderTemplate>;
  categorise: Awaited<ReturnType<typeof categoriser>>;
  accounts: AccountHint[];
  /** Accounts with statement rows: only there can a mail be a row the ledger has already. */
  statementAccounts: Set<string>;
}

interface Read {
  ref: string;
  content: MailContent;
  parsed: ParsedMail;
  messageId: string;
}

/** Syncs one mailbox: reads what is new, stores each message once, and saves its place after each batch. */
export async function syncMailbox(finch: Finch, name: string, options: SyncOptions = {}): Promise<SyncReport> {
  const ctx = finch.ctx;
  const m = await getMailbox(ctx, name);
  const since = options.since ? new Date(`${options.since}T00:00:00Z`) : undefined;
  if (since && Number.isNaN(since.getTime())) throw new FinchError('INVALID_INPUT', `--since wants YYYY-MM-DD, not "${options.since}"`);
  const report: SyncReport = { mailbox: m.name, read: 0, alreadySeen: 0, created: [], matched: [], skipped: [], statements: [], failed: [] };
  const accounts = await accountHints(ctx);
  const templates = await loadTemplates(ctx);
  const categorise = await categoriser(ctx);
  const source = await sourceFor(finch, m, options);
  try {
    for await (const batch of source.batches(m.state, { since, batchSize: options.batchSize ?? 200 })) {
      const reads: Read[] = [];
      for (const msg of batch.messages) {
        report.read++;
        try {
          const content = await readMail(msg.raw);
          const template = templates.get(content.fromAddress) ?? null;
          const parsed = parseMail(content, { home: ctx.homeCurrency, accounts, template });
          reads.push({ ref: msg.ref, content, parsed, messageId: content.messageId ?? `${m.kind}:${msg.ref}` });
        } catch (e) {
          report.failed.push({ ref: msg.ref, reason: e instanceof Error ? e.message : String(e) });
        }
      }
      const statementAccounts = new Set((await ctx.db.selectFrom('transactions').select('account_id').distinct().where('user_id', '=', ctx.userId).where('source', '=', 'statement').execute()).map((r) => r.account_id!));
      const statementMails = await storeBatch(ctx, m, reads, { yes: !!options.yes, templates, categorise, accounts, statementAccounts }, report);
      await saveState(ctx, m.id, batch.state);
      for (const r of statementMails) await importAttachments(finch, m, r, report);
      await options.afterBatch?.(report.read);
    }
  } finally {
    await source.close();
  }
  return report;
}

/** Every mailbox, one after the other. */
export async function syncAll(finch: Finch, options: SyncOptions = {}): Promise<SyncReport[]> {
  const out: SyncReport[] = [];
  for (const m of await listMailboxes(finch.ctx)) out.push(await syncMailbox(finch, m.name, options));
  return out;
}

function hasStatement(r: Read): boolean {
  return r.content.attachments.some((a) => STATEMENT_FILE.test(a.filename));
}

/**
 * One database transaction per batch: each message row (unique per mailbox and Message-ID, so a
 * re-read after a crash inserts nothing), its pending or saved transaction, and nothing else.
 */
async function storeBatch(
  ctx: Ctx,
  m: Mailbox,
  reads: Read[],
  deps: StoreDeps,
  report: SyncReport,
): Promise<Read[]> {
  const statements: Read[] = [];
  await inTransaction(ctx, async (tx) => {
    const seen = new Set(
      reads.length
        ? (await tx.db.selectFrom('mail_messages').select('message_id').where('mailbox_id', '=', m.id).where('message_id', 'in', reads.map((r) => r.messageId)).execute()).map((r) => r.message_id)
        : [],
    );
    for (const r of reads) {
      if (seen.has(r.messageId)) {
        report.alreadySeen++;
        continue;
      }
      seen.add(r.messageId);
      if (hasStatement(r)) {
        statements.push(r);
        continue;
      }
      await storeOne(tx, m, r, deps, report);
    }
  });
  return statements;
}

/** The message's row, or null when another sync stored it first (the unique constraint decides, not a check). */
async function insertMessage(ctx: Ctx, m: Mailbox, r: Read, outcome: 'transaction' | 'skipped' | 'statement' | 'failed', reason: string | null): Promise<string | null> {
  const id = newId();
  const inserted = await ctx.db
    .insertInto('mail_messages')
    .values({
      id,
      user_id: ctx.userId,
      mailbox_id: m.id,
      message_id: r.messageId,
      provider_ref: r.ref,
      sender: r.content.fromAddress,
      sent_at: r.content.date?.toISOString() ?? null,
      outcome,
      reason,
      evidence_json: JSON.stringify(r.parsed.evidence),
      subject: m.keepBodies ? r.content.subject : null,
      body_text: m.keepBodies ? r.content.text : null,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(['mailbox_id', 'message_id']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 ? id : null;
}

async function storeOne(
  tx: Ctx,
  m: Mailbox,
  r: Read,
  deps: StoreDeps,
  report: SyncReport,
): Promise<void> {
  const p = r.parsed;
  if (p.kind !== 'transaction') {
    if (!(await insertMessage(tx, m, r, 'skipped', p.reason))) {
      report.alreadySeen++;
      return;
    }
    report.skipped.push({ messageId: r.messageId, sender: r.content.fromAddress, reason: p.reason });
    return;
  }
  const messageRow = await insertMessage(tx, m, r, 'transaction', null);
  if (!messageRow) {
    report.alreadySeen++;
    return;
  }
  const id = newId();
  const now = nowIso();
  const row = {
    id,
    user_id: tx.userId,
    message_row_id: messageRow,
    mailbox_id: m.id,
    sender: r.content.fromAddress,
    status: 'pending' as const,
    account_id: p.accountId,
    date: p.date,
    amount_minor: p.amountMinor,
    currency: p.currency,
    original_minor: p.original?.amountMinor ?? null,
    original_currency: p.original?.currency ?? null,
    merchant: p.merchant,
    confidence: p.confidence,
    transaction_id: null,
    match_json: null,
    unmatched_file_id: null,
    created_at: now,
    updated_at: now,
  };
  await tx.db.insertInto('mail_transactions').values(row).execute();
  // The statement came first: the ledger has this payment already, so the mail only confirms it.
  const twin = p.accountId && deps.statementAccounts.has(p.accountId) ? await findLedgerTwin(tx, { accountId: p.accountId, date: p.date, amountMinor: p.amountMinor, merchant: p.merchant }) : null;
  const account = deps.accounts.find((a) => a.id === p.accountId)?.name ?? null;
  if (twin) {
    await tx.db.updateTable('mail_transactions').set({ status: 'confirmed', transaction_id: twin.id, match_json: JSON.stringify({ fileId: twin.sourceRef, row: -1, explanation: twin.explanation }) }).where('id', '=', id).execute();
    report.matched.push({ id, transactionId: twin.id, explanation: twin.explanation });
    return;
  }
  const auto = deps.yes || deps.templates.get(r.content.fromAddress)?.autoSave === true;
  const transactionId = auto ? await saveToLedger(tx, row, deps.categorise(p.merchant, p.amountMinor > 0)) : null;
  report.created.push({
    id,
    status: auto ? 'confirmed' : 'pending',
    date: p.date,
    amount: minorToDecimal(p.amountMinor, currencyCode(p.currency)),
    currency: p.currency,
    merchant: p.merchant,
    account,
    sender: r.content.fromAddress,
    transactionId,
  });
}

/** A statement attached to a mail goes through the statement pipeline (saved passwords tried). */
async function importAttachments(finch: Finch, m: Mailbox, r: Read, report: SyncReport): Promise<void> {
  const notes: string[] = [];
  let failed = false;
  for (const a of r.content.attachments.filter((x) => STATEMENT_FILE.test(x.filename))) {
    try {
      const account = await statementAccount(finch, a, r.content);
      const result = await finch.statements.import({ bytes: a.bytes, filename: a.filename, account, trySavedPasswords: true });
      report.statements.push({ messageId: r.messageId, filename: a.filename, account, statementId: result.fileId, created: result.created, skipped: result.skippedDuplicates });
      notes.push(`${a.filename} → ${account}: ${result.created} created, ${result.skippedDuplicates} already there`);
    } catch (e) {
      const reason = `${a.filename}: ${e instanceof Error ? e.message : String(e)}`;
      report.failed.push({ ref: r.ref, reason });
      notes.push(reason);
      failed = true;
      if (!isFinchError(e)) throw e;
    }
  }
  await insertMessage(finch.ctx, m, { ...r, parsed: { kind: 'not-transaction', reason: 'statement attached', evidence: r.parsed.evidence } }, failed ? 'failed' : 'statement', notes.join('; '));
}

async function statementAccount(finch: Finch, a: { filename: string; bytes: Uint8Array }, content: MailContent): Promise<string> {
  const accounts = (await finch.accounts.list()).filter((x) => x.numberHint);
  const read = await finch.statements.parse(new Uint8Array(a.bytes), { filename: a.filename, trySavedPasswords: true });
  const printed = (read.statement.accountNumber ?? '').replace(/\D/g, '');
  const digits = printed.length >= 4 ? [printed.slice(-4)] : lastDigits(`${content.subject}\n${content.text}`);
  const hit = accounts.find((x) => digits.includes(x.numberHint!.replace(/\D/g, '').slice(-4)));
  if (!hit) throw new FinchError('NOT_FOUND', `no account for the attached statement (number ${digits[0] ?? 'not printed'}): set an account's --number`);
  return hit.name;
}
