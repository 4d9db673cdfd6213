import type { Command } from 'commander';
import type { Group } from '../../core/ledger/index.js';
import { printJson, printTable, say } from '../output.js';
import { withFinch } from '../run.js';

const groupJson = (g: Group) => ({ id: g.id, name: g.name, handle: g.handle, members: ['me', ...g.members.map((m) => m.handle)] });

export function register(program: Command): Command {
  const group = program.command('group').description('groups that share expenses (you are always a member)');
  group
    .command('add <name> [members...]')
    .description('add a group of existing people, e.g. finch group add Flat ana bo')
    .option('--handle <handle>', 'what you type after @')
    .option('--json', 'print JSON')
    .action(async (name: string, members: string[], opts: { handle?: string; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const g = await finch.groups.add({ name, handle: opts.handle, members });
        if (opts.json) printJson(groupJson(g));
        else say(`added group @${g.handle}: me, ${g.members.map((m) => `@${m.handle}`).join(', ') || '(no one else yet)'}`);
      });
    });
  group
    .command('list')
    .description('your groups')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const rows = (await finch.groups.list()).map(groupJson);
        if (opts.json) return printJson(rows);
        printTable(rows, [
          { header: 'handle', value: (g) => `@${g.handle}` },
          { header: 'name', value: (g) => g.name },
          { header: 'members', value: (g) => g.members.join(', '), max: 60 },
        ], 'no groups yet: finch group add NAME PEOPLE…');
      });
    });
  group
    .command('show <handle>')
    .description('one group and its members')
    .option('--json', 'print JSON')
    .action(async (handle: string, opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const g = groupJson(await finch.groups.get(handle));
        if (opts.json) return printJson(g);
        say(`@${g.handle}  ${g.name}`);
        for (const m of g.members) say(`  ${m === 'me' ? 'me' : `@${m}`}`);
      });
    });
  group
    .command('add-member <group> <people...>')
    .description('add people to a group')
    .option('--json', 'print JSON')
    .action(async (handle: string, people: string[], opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const g = groupJson(await finch.groups.addMembers(handle, people));
        if (opts.json) return printJson(g);
        say(`@${g.handle}: ${g.members.join(', ')}`);
      });
    });
  return group;
}
