import type { Command } from 'commander';
import { addFilterOptions, filterFromFlags, type FilterFlags } from '../filters.js';
import { printJson, say } from '../output.js';
import { io } from '../io.js';
import { withFinch } from '../run.js';

interface ExportFlags extends FilterFlags {
  format: string;
  output?: string;
  force?: boolean;
  period?: string;
  group?: string;
  json?: boolean;
}

export function register(program: Command): void {
  addFilterOptions(
    program
      .command('export')
      .description('write the ledger as csv, json, or a journal for hledger, ledger or beancount')
      .requiredOption('--format <format>', 'csv | json | hledger | ledger | beancount'),
  )
    .option('--period <period>', 'YYYY, YYYY-MM, YYYY-Qn, this-month, last-month, this-year, last-year, ytd, last-N-days')
    .option('--group <handle>', 'only transactions split with or mentioning this group')
    .option('--output <file>', 'write to this file (default: standard output)')
    .option('--force', 'with --output: replace an existing file, or write through a symbolic link')
    .option('--json', 'with --output: print a JSON summary of what was written')
    .action(async (opts: ExportFlags, cmd: Command) => {
      const { FinchError } = await import('../../core/index.js');
      const { EXPORT_FORMATS } = await (await import('../../core/index.js')).modules.exports();
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new FinchError('INVALID_INPUT', `invalid --format "${opts.format}": one of ${EXPORT_FORMATS.join(', ')}`);
      if (opts.json && !opts.output) throw new FinchError('INVALID_INPUT', '--json prints a summary of the export: give --output FILE for the export itself (or use --format json)');
      const filter = await filterFromFlags(opts);
      await withFinch(cmd, async (finch) => {
        const options = { format: opts.format as (typeof EXPORT_FORMATS)[number], filter: { ...filter, period: opts.period, group: opts.group } };
        if (!opts.output) {
          await finch.export(options, (chunk) => io().out(chunk));
          return;
        }
        const { writeOutputFile } = await import('../output-file.js');
        // Text of password-protected statements is as private as the statements: 0600 then.
        const locked = await finch.statements.holdsLocked();
        const result = await writeOutputFile(opts.output, { force: opts.force, private: locked }, (write) => finch.export(options, write));
        if (opts.json) printJson({ ...result, output: opts.output });
        else say(`wrote ${result.transactions} transactions to ${opts.output} (${opts.format})`);
      });
    });
}
