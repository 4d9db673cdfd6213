import type { Command } from 'commander';
import { printJson, printTable, say } from '../output.js';
import { withFinch } from '../run.js';

export function register(program: Command): void {
  const category = program.command('category').description('the category taxonomy (defaults plus your own)');

  category
    .command('list')
    .description('all categories')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const rows = await finch.categories.list();
        const json = rows.map((c) => ({ slug: c.slug, name: c.name, kind: c.kind, parent: c.parentSlug, default: c.isDefault }));
        if (opts.json) return printJson(json);
        printTable(json, [
          { header: 'slug', value: (r) => (r.parent ? `${r.parent}/${r.slug}` : r.slug) },
          { header: 'name', value: (r) => r.name },
          { header: 'kind', value: (r) => r.kind },
          { header: 'yours', value: (r) => (r.default ? '' : 'yes') },
        ]);
      });
    });

  category
    .command('add <name>')
    .description('add a category, optionally under a parent')
    .option('--parent <slug>', 'parent category')
    .option('--kind <kind>', 'expense | income | transfer (default: the parent\'s, else expense)')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { parent?: string; kind?: string; json?: boolean }, cmd: Command) => {
      const { FinchError } = await import('../../core/index.js');
      if (opts.kind && !['expense', 'income', 'transfer'].includes(opts.kind)) {
        throw new FinchError('INVALID_INPUT', `invalid category kind "${opts.kind}": expense, income or transfer`);
      }
      await withFinch(cmd, async (finch) => {
        const c = await finch.categories.add({ name, parent: opts.parent, kind: opts.kind as 'expense' | undefined });
        if (opts.json) printJson({ slug: c.slug, name: c.name, kind: c.kind, parent: c.parentSlug });
        else say(`added category ${c.parentSlug ? `${c.parentSlug}/` : ''}${c.slug}`);
      });
    });
}
