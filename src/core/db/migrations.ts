import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import { hardening } from './hardening.js';
import { csvLayoutMappings } from './migration-0006-csv-mappings.js';
import { moneyReadSide } from './money-read-side.js';
import { peopleAndUndo } from './migration-people-and-undo.js';
import { statementRowsMigration } from './migration-0006b-statement-rows.js';
import { mailMigration } from './mail-migration.js';
import { layoutProfiles } from './migration-0010-layout-profiles.js';

/*
 * Migrations live in code (not files found at run time) so the built package and the tests run
 * the same list. SQLite does not wrap them in a transaction: each one is small and uses
 * IF NOT EXISTS so a half-applied one can run again.
 */

const initial: Migration = {
  async up(db: Kysely<any>) {
    const money = (c: any) => c.notNull().defaultTo(0);
    await db.schema
      .createTable('users')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('home_currency', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('settings')
      .ifNotExists()
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value_json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('settings_pk', ['user_id', 'key'])
      .execute();

    await db.schema
      .createTable('ai_keys')
      .ifNotExists()
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('ciphertext', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('ai_keys_pk', ['user_id', 'provider'])
      .execute();

    await db.schema
      .createTable('accounts')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('opening_balance_minor', 'bigint', money)
      .addColumn('institution', 'text')
      .addColumn('number_hint', 'text')
      .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('accounts_user_name', ['user_id', 'name'])
      .execute();

    await db.schema
      .createTable('categories')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'text', (c) => c.references('categories.id').onDelete('set null'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('categories_user_slug', ['user_id', 'slug'])
      .execute();

    await db.schema
      .createTable('tags')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addUniqueConstraint('tags_user_name', ['user_id', 'name'])
      .execute();

    await db.schema
      .createTable('uploaded_files')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size_bytes', 'bigint', money)
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('storage_path', 'text', (c) => c.notNull())
      .addColumn('raw_text', 'text')
      .addColumn('parsed_json', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('duplicate_of', 'text')
      .addColumn('period_start', 'text')
      .addColumn('period_end', 'text')
      .addColumn('created_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('skipped_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('review_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('uploaded_files_user_sha')
      .ifNotExists()
      .on('uploaded_files')
      .columns(['user_id', 'sha256'])
      .execute();

    await db.schema
      .createTable('transactions')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('restrict'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('amount_minor', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('merchant', 'text')
      .addColumn('category_id', 'text', (c) => c.references('categories.id').onDelete('set null'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('notes', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('source_ref', 'text')
      .addColumn('import_key', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // The list query filters by user and date range, often with a category or account: these
    // indexes let both databases answer from an index range, never a full scan. Every index costs
    // insert time (100k rows must import in under 2 s), so the rarely-set columns get partial ones.
    // Categories and accounts belong to one user, so (category_id, date) selects exactly what
    // (user_id, category_id, date) would, with keys 36 bytes shorter.
    for (const [name, cols] of [
      ['transactions_user_date', ['user_id', 'date']],
      ['transactions_category_date', ['category_id', 'date']],
      ['transactions_account_date', ['account_id', 'date']],
    ] as const) {
      await db.schema.createIndex(name).ifNotExists().on('transactions').columns([...cols]).execute();
    }
    await db.schema
      .createIndex('transactions_user_import_key')
      .ifNotExists()
      .on('transactions')
      .columns(['user_id', 'import_key'])
      .where(sql.ref('import_key'), 'is not', null)
      .execute();
    await db.schema
      .createIndex('transactions_user_merchant')
      .ifNotExists()
      .on('transactions')
      .columns(['user_id', 'merchant'])
      .where(sql.ref('merchant'), 'is not', null)
      .execute();

    await db.schema
      .createTable('transaction_tags')
      .ifNotExists()
      .addColumn('transaction_id', 'text', (c) => c.notNull().references('transactions.id').onDelete('cascade'))
      .addColumn('tag_id', 'text', (c) => c.notNull().references('tags.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('transaction_tags_pk', ['transaction_id', 'tag_id'])
      .execute();
    await db.schema.createIndex('transaction_tags_tag').ifNotExists().on('transaction_tags').columns(['tag_id', 'transaction_id']).execute();

    await db.schema
      .createTable('people')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('handle', 'text', (c) => c.notNull())
      .addColumn('aliases_json', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('email', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('people_user_handle', ['user_id', 'handle'])
      .execute();

    await db.schema
      .createTable('groups')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('handle', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('groups_user_handle', ['user_id', 'handle'])
      .execute();

    await db.schema
      .createTable('group_members')
      .ifNotExists()
      .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
      .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'person_id'])
      .execute();

    await db.schema
      .createTable('splits')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('transaction_id', 'text', (c) => c.notNull().references('transactions.id').onDelete('cascade'))
      .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('restrict'))
      .addColumn('group_id', 'text', (c) => c.references('groups.id').onDelete('set null'))
      .addColumn('share_minor', 'bigint', (c) => c.notNull())
      .addColumn('paid_minor', 'bigint', money)
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('method_value', 'text')
      .execute();
    await db.schema.createIndex('splits_transaction').ifNotExists().on('splits').columns(['transaction_id']).execute();
    await db.schema.createIndex('splits_user_group').ifNotExists().on('splits').columns(['user_id', 'group_id']).execute();

    await db.schema
      .createTable('chat_messages')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('provider', 'text')
      .addColumn('parsed_json', 'text')
      .addColumn('error', 'text')
      .addColumn('transaction_id', 'text', (c) => c.references('transactions.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('chat_messages_user_created').ifNotExists().on('chat_messages').columns(['user_id', 'created_at']).execute();

    await db.schema
      .createTable('mentions')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('transaction_id', 'text', (c) => c.references('transactions.id').onDelete('cascade'))
      .addColumn('chat_message_id', 'text', (c) => c.references('chat_messages.id').onDelete('cascade'))
      .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('cascade'))
      .addColumn('group_id', 'text', (c) => c.references('groups.id').onDelete('cascade'))
      .addColumn('text', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('mentions_transaction').ifNotExists().on('mentions').columns(['transaction_id']).execute();

    await db.schema
      .createTable('statement_passwords')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('ciphertext', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('statement_passwords_user_label', ['user_id', 'label'])
      .execute();

    await db.schema
      .createTable('statement_logs')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('file_id', 'text', (c) => c.notNull().references('uploaded_files.id').onDelete('cascade'))
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('details_json', 'text', (c) => c.notNull())
      .addColumn('execution_time_ms', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('statement_logs_file').ifNotExists().on('statement_logs').columns(['file_id']).execute();

    await db.schema
      .createTable('statement_merges')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('file_id', 'text', (c) => c.notNull().references('uploaded_files.id').onDelete('cascade'))
      .addColumn('other_file_id', 'text', (c) => c.notNull().references('uploaded_files.id').onDelete('cascade'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('details_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('resolved_at', 'text')
      .execute();

    await db.schema
      .createTable('csv_mappings')
      .ifNotExists()
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('mapping_json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('csv_mappings_pk', ['user_id', 'account_id'])
      .execute();

    await db.schema
      .createTable('budgets')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('template', 'text')
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('income_minor', 'bigint')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('budgets_user_month', ['user_id', 'month'])
      .execute();

    await db.schema
      .createTable('budget_lines')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('budget_id', 'text', (c) => c.notNull().references('budgets.id').onDelete('cascade'))
      .addColumn('category_id', 'text', (c) => c.notNull().references('categories.id').onDelete('cascade'))
      .addColumn('amount_minor', 'bigint', (c) => c.notNull())
      .addColumn('rollover', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('budget_lines_budget_category', ['budget_id', 'category_id'])
      .execute();

    await db.schema
      .createTable('budget_templates')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('definition_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('budget_templates_user_name', ['user_id', 'name'])
      .execute();

    await db.schema
      .createTable('goals')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('target_minor', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('target_date', 'text')
      .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
      .addColumn('tag_id', 'text', (c) => c.references('tags.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('goals_user_name', ['user_id', 'name'])
      .execute();

    await db.schema
      .createTable('exchange_rates')
      .ifNotExists()
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('base', 'text', (c) => c.notNull())
      .addColumn('quote', 'text', (c) => c.notNull())
      .addColumn('rate', 'text', (c) => c.notNull())
      .addColumn('as_of', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('exchange_rates_pk', ['user_id', 'base', 'quote', 'as_of'])
      .execute();

    await db.schema
      .createTable('ai_usage')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('input_tokens', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('output_tokens', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('cost_micros', 'bigint', money)
      .addColumn('latency_ms', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ai_usage_user_created').ifNotExists().on('ai_usage').columns(['user_id', 'created_at']).execute();

    await db.schema
      .createTable('ai_cache')
      .ifNotExists()
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('response_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('jobs')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload_json', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(5))
      .addColumn('run_after', 'text', (c) => c.notNull())
      .addColumn('locked_by', 'text')
      .addColumn('locked_at', 'text')
      .addColumn('last_error', 'text')
      .addColumn('dedup_key', 'text', (c) => c.unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('jobs_status_run_after').ifNotExists().on('jobs').columns(['status', 'run_after']).execute();
  },
};

/** Postgres only: row-level security mirrors the per-user scoping every query already does. */
const rowLevelSecurity: Migration = {
  async up(db: Kysely<any>) {
    const isPostgres = await sql<{ v: string }>`select version() as v`
      .execute(db)
      .then((r) => /postgres/i.test(r.rows[0]?.v ?? ''))
      .catch(() => false);
    if (!isPostgres) return;
    for (const table of USER_TABLES) {
      await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
      await sql`drop policy if exists finch_user_scope on ${sql.table(table)}`.execute(db);
      // When the session names a user (set_config('finch.user', name) on each connection), only that user's rows are
      // visible; a session that names none (migrations, the job queue, admin) sees all. Table
      // owners bypass RLS unless FORCE is set, which finch leaves to the operator's roles.
      await sql`create policy finch_user_scope on ${sql.table(table)} using (
        coalesce(current_setting('finch.user', true), '') = ''
        or user_id = (select u.id from users u where u.name = current_setting('finch.user', true))
      )`.execute(db);
    }
  },
};

export const USER_TABLES = [
  'settings', 'ai_keys', 'accounts', 'categories', 'tags', 'transactions', 'transaction_tags', 'people',
  'groups', 'group_members', 'splits', 'mentions', 'chat_messages', 'statement_passwords',
  'uploaded_files', 'statement_logs', 'statement_merges', 'csv_mappings', 'budgets', 'budget_lines',
  'budget_templates', 'goals', 'exchange_rates', 'ai_usage', 'ai_cache', 'jobs',
] as const;

/**
 * Reports: one covering index in the order the report queries group by (type, then day, then
 * currency, account, category), so a balance or a monthly spending report over a million rows
 * reads only this index, in order, without sorting (see src/core/reports/reports.ts, rollup()).
 */
const reportIndex: Migration = {
  async up(db: Kysely<any>) {
    // One covering index for reports whose prefix (user_id, date) also serves every date-range
    // list, so it replaces transactions_user_date instead of adding a seventh index for each
    // insert to maintain (each one cost a 100k-row import about a third of a second).
    await db.schema
      .createIndex('transactions_report')
      .ifNotExists()
      .on('transactions')
      .columns(['user_id', 'date', 'type', 'currency', 'account_id', 'category_id', 'amount_minor'])
      .execute();
    await db.schema.dropIndex('transactions_user_date').ifExists().execute();
  },
};

export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_row_level_security': rowLevelSecurity,
  '0003_report_index': reportIndex,
  '0004_money_read_side': moneyReadSide,
  '0006_csv_mappings': csvLayoutMappings,
  '0005_people_and_undo': peopleAndUndo,
  '0006b_statement_rows': statementRowsMigration,
  '0007_hardening': hardening,
  '0008_mail': mailMigration,
  '0010_layout_profiles': layoutProfiles,
};

export class CodeMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}
