import type { Command } from 'commander';
import { printJson, printTable, say } from '../output.js';
import { collect, withFinch } from '../run.js';

export function register(program: Command): void {
  const people = program.command('people').description('people you share costs with and can @mention');
  people
    .command('list')
    .description('everyone you know')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const rows = await finch.people.list();
        if (opts.json) return printJson(rows.map(({ id, name, handle, aliases, email }) => ({ id, name, handle, aliases, email })));
        printTable(rows, [
          { header: 'handle', value: (p) => `@${p.handle}` },
          { header: 'name', value: (p) => p.name },
          { header: 'aliases', value: (p) => p.aliases.join(', ') },
          { header: 'email', value: (p) => p.email ?? '' },
        ], 'nobody yet: add someone with finch people add NAME');
      });
    });
  people
    .command('add <name>')
    .description('add a person (their @handle is made from the name unless --handle)')
    .option('--handle <handle>', 'what you type after @')
    .option('--alias <name>', 'another name they go by (repeatable)', collect)
    .option('--email <email>', 'email')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { handle?: string; alias?: string[]; email?: string; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const p = await finch.people.add({ name, handle: opts.handle, aliases: opts.alias, email: opts.email });
        if (opts.json) printJson({ id: p.id, name: p.name, handle: p.handle, aliases: p.aliases, email: p.email });
        else say(`added @${p.handle} (${p.name})`);
      });
    });
}
