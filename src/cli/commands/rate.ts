import type { Command } from 'commander';
import { printJson, printTable, say } from '../output.js';
import { withFinch } from '../run.js';

export function register(program: Command): void {
  const rate = program.command('rate').description('exchange rates you supply, used by reports with --convert');

  rate
    .command('add <from> <to> <rate>')
    .description('record that 1 FROM = RATE TO (e.g. finch rate add EUR USD 1.0825)')
    .option('--date <date>', 'the day the rate is for, YYYY-MM-DD (default: today)')
    .option('--json', 'print JSON')
    .action(async (from: string, to: string, value: string, opts: { date?: string; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const r = await finch.rates.add({ from, to, rate: value, date: opts.date });
        if (opts.json) printJson(r);
        else say(`1 ${r.from} = ${r.rate} ${r.to} on ${r.asOf}`);
      });
    });

  rate
    .command('list')
    .description('every stored rate, newest first per pair')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const rows = await finch.rates.list();
        if (opts.json) return printJson(rows);
        printTable(
          rows,
          [
            { header: 'from', value: (r) => r.from },
            { header: 'to', value: (r) => r.to },
            { header: 'rate', value: (r) => r.rate, align: 'right' },
            { header: 'date', value: (r) => r.asOf },
          ],
          'no exchange rates yet (add one with: finch rate add EUR USD 1.08)',
        );
      });
    });
}
