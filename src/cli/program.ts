import { Command } from 'commander';
import * as init from './commands/init.js';
import * as account from './commands/account.js';
import * as category from './commands/category.js';
import * as tx from './commands/tx.js';
import * as search from './commands/search.js';
import * as people from './commands/people.js';
import * as group from './commands/group.js';
import * as chatEntry from './commands/chat-entry.js';
import * as statement from './commands/statement.js';
import * as quickstart from './commands/quickstart.js';
import * as watch from './commands/watch.js';
import * as ai from './commands/ai.js';
import * as budget from './commands/budget.js';
import * as goal from './commands/goal.js';
import * as report from './commands/report.js';
import * as exportCmd from './commands/export.js';
import * as rate from './commands/rate.js';
import * as dbCmd from './commands/db.js';
import * as secretsCmd from './commands/secrets.js';
import * as historyCmd from './commands/history.js';
import * as mail from './commands/mail.js';

/**
 * The command tree. Command modules import only commander and types at the top; the core is
 * loaded inside actions, which keeps `finch --help` fast.
 */
export function buildProgram(): Command {
  const program = new Command('finch')
    .description('Local-first personal finance: chat-style entry, bank statements, budgets. SQLite by default, PostgreSQL with --db postgres://…')
    .version('0.1.0')
    .option('--db <target>', 'SQLite file or postgres:// URL (default: $DATABASE_URL, else $FINCH_HOME/finch.db)')
    .option('--user <name>', 'profile to act as (default: $FINCH_USER, else "me")')
    .enablePositionalOptions(false);
  for (const mod of [quickstart, init, account, category, tx, search, chatEntry, people, statement, watch, ai]) mod.register(program);
  group.register(program);
  budget.register(program);
  goal.register(program);
  for (const mod of [report, exportCmd, rate]) mod.register(program);
  for (const mod of [dbCmd, secretsCmd]) mod.register(program);
  historyCmd.register(program);
  mail.register(program);
  return program;
}
