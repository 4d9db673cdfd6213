import type { Command } from 'commander';
import { printJson, printTable } from '../output.js';
import { positiveInt, withFinch } from '../run.js';

export function register(program: Command): void {
  program
    .command('search <text...>')
    .description('one search over transactions, accounts, categories, people, groups and statements')
    .option('--limit <n>', 'most hits per kind', positiveInt, 20)
    .option('--json', 'print JSON')
    .action(async (words: string[], opts: { limit: number; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const hits = await finch.search(words.join(' '), opts.limit);
        if (opts.json) return printJson(hits);
        printTable(
          hits,
          [
            { header: 'kind', value: (h) => h.kind },
            { header: 'match', value: (h) => h.title, max: 50 },
            { header: 'detail', value: (h) => h.detail, max: 50 },
            { header: 'id', value: (h) => h.id.slice(0, 13) },
          ],
          'no matches',
        );
      });
    });
}
