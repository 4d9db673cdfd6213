import { type Kysely, type Migration, sql } from 'kysely';

export const MAIL_TABLES = ['mailboxes', 'mail_messages', 'mail_transactions', 'mail_templates'] as const;

/**
 * 0008_mail: mailboxes, every message read (once: unique per mailbox and Message-ID), the
 * transactions read from them while pending, and per-sender templates. Idempotent (SQLite does
 * not wrap it in a transaction).
 */
export const mailMigration: Migration = {
  async up(db: Kysely<any>) {
    const user = (c: any) => c.notNull().references('users.id').onDelete('cascade');
    await db.schema
      .createTable('mailboxes')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', user)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('config_json', 'text', (c) => c.notNull())
      .addColumn('secret', 'text')
      .addColumn('keep_bodies', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('state_json', 'text', (c) => c.notNull())
      .addColumn('last_sync_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('mailboxes_user_name', ['user_id', 'name'])
      .execute();
    await db.schema
      .createTable('mail_messages')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', user)
      .addColumn('mailbox_id', 'text', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('provider_ref', 'text', (c) => c.notNull())
      .addColumn('sender', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('evidence_json', 'text', (c) => c.notNull())
      .addColumn('subject', 'text')
      .addColumn('body_text', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('mail_messages_once', ['mailbox_id', 'message_id'])
      .execute();
    await db.schema
      .createTable('mail_transactions')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', user)
      .addColumn('message_row_id', 'text', (c) => c.notNull().unique().references('mail_messages.id').onDelete('cascade'))
      .addColumn('mailbox_id', 'text', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
      .addColumn('sender', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('amount_minor', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('original_minor', 'bigint')
      .addColumn('original_currency', 'text')
      .addColumn('merchant', 'text')
      .addColumn('confidence', 'real', (c) => c.notNull())
      .addColumn('transaction_id', 'text', (c) => c.references('transactions.id').onDelete('set null'))
      .addColumn('match_json', 'text')
      .addColumn('unmatched_file_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('mail_transactions_account_date').ifNotExists().on('mail_transactions').columns(['user_id', 'account_id', 'date']).execute();
    await db.schema
      .createTable('mail_templates')
      .ifNotExists()
      .addColumn('user_id', 'text', user)
      .addColumn('sender', 'text', (c) => c.notNull())
      .addColumn('template_json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('mail_templates_pk', ['user_id', 'sender'])
      .execute();

    const isPostgres = await sql<{ v: string }>`select version() as v`
      .execute(db)
      .then((r) => /postgres/i.test(r.rows[0]?.v ?? ''))
      .catch(() => false);
    if (!isPostgres) return;
    // The same per-user policy 0002 gives every other user table.
    for (const table of MAIL_TABLES) {
      await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
      await sql`drop policy if exists finch_user_scope on ${sql.table(table)}`.execute(db);
      await sql`create policy finch_user_scope on ${sql.table(table)} using (
        coalesce(current_setting('finch.user', true), '') = ''
        or user_id = (select u.id from users u where u.name = current_setting('finch.user', true))
      )`.execute(db);
    }
  },
};
