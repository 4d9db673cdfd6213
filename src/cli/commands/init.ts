import type { Command } from 'commander';
import { printJson, say } from '../output.js';
import { withFinch } from '../run.js';

export function register(program: Command): void {
  program
    .command('init')
    .description('create the ledger (and the profile) if missing, and say where it lives')
    .option('--currency <code>', 'home currency of a new profile (ISO 4217)', 'USD')
    .option('--json', 'print JSON')
    .action(async (opts: { currency: string; json?: boolean }, cmd: Command) => {
      const { currencyCode } = await import('../../core/index.js');
      const currency = currencyCode(opts.currency);
      await withFinch(
        cmd,
        async (finch) => {
          const result = { user: finch.user.name, homeCurrency: finch.user.homeCurrency, database: finch.location, dialect: finch.dialect, home: finch.home };
          if (opts.json) printJson(result);
          else say(`finch is ready: profile "${result.user}" (${result.homeCurrency}) in ${result.database}`);
        },
        { createUser: true, homeCurrency: currency },
      );
    });
}
