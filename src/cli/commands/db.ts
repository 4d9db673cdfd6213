import type { Command } from 'commander';
import { printJson, say } from '../output.js';
import { withFinch } from '../run.js';

export function register(program: Command): void {
  const db = program.command('db').description('the database itself: roles on a shared PostgreSQL');
  db.command('grant-role <role>')
    .description('PostgreSQL, as the owner: link an existing role to the --user profile and let it read and write only that profile')
    .option('--json', 'print JSON')
    .action(async (role: string, opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        await finch.grantRole(role);
        if (opts.json) printJson({ role, user: finch.user.name });
        else say(`role "${role}" now acts as profile "${finch.user.name}" and sees only its rows`);
      });
    });
}
