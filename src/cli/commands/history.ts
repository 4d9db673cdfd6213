import type { Command } from 'commander';
import type { HistoryEntry } from '../../core/index.js';
import { printJson, printTable, say } from '../output.js';
import { confirmOrAbort, positiveInt, withFinch } from '../run.js';

const changesText = (e: HistoryEntry) =>
  Object.entries(e.changes)
    .map(([table, actions]) => `${table} ${Object.entries(actions).map(([a, n]) => `${a === 'insert' ? '+' : a === 'delete' ? '−' : '~'}${n}`).join(' ')}`)
    .join(', ');

const entryJson = (e: HistoryEntry) => ({ id: e.id, label: e.label, state: e.state, at: e.createdAt, undoneAt: e.undoneAt, changes: e.changes });

export function register(program: Command): void {
  program
    .command('history')
    .description('what each write command did, newest first (finch undo reverts the last one)')
    .option('--limit <n>', 'at most this many', positiveInt, 20)
    .option('--json', 'print JSON')
    .action(async (opts: { limit: number; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const rows = await finch.history.list({ limit: opts.limit });
        if (opts.json) return printJson(rows.map(entryJson));
        printTable(rows, [
          { header: 'id', value: (e) => e.id.slice(0, 13) },
          { header: 'when', value: (e) => e.createdAt.slice(0, 19).replace('T', ' ') },
          { header: 'what', value: (e) => e.label, max: 50 },
          { header: 'rows', value: changesText, max: 60 },
          { header: '', value: (e) => (e.state === 'undone' ? 'undone' : '') },
        ], 'nothing recorded yet');
      });
    });
  program
    .command('undo')
    .description('revert the last recorded write (an add, an edit, a bulk delete, a reject, a settle, an import, a budget apply…), restoring every row it changed')
    .option('--yes', 'do not ask')
    .option('--json', 'print JSON')
    .action(async (opts: { yes?: boolean; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const [last] = (await finch.history.list({ limit: 50 })).filter((e) => e.state === 'done');
        if (!last) {
          const { FinchError } = await import('../../core/index.js');
          throw new FinchError('NOT_FOUND', 'nothing to undo (see: finch history)');
        }
        if (!(await confirmOrAbort(`undo "${last.label}" (${changesText(last)})?`, opts.yes))) return say('nothing undone');
        const undone = await finch.history.undo();
        if (opts.json) return printJson(entryJson(undone));
        say(`undone: ${undone.label} (${changesText(undone)})`);
      });
    });
}
