import type { Command } from 'commander';
import { printJson, say } from '../output.js';
import { withFinch } from '../run.js';

export function register(program: Command): void {
  const secrets = program.command('secrets').description('the key that encrypts saved passwords and AI keys');
  secrets
    .command('rotate')
    .description('re-encrypt every stored secret under a new key (needs the current key; the old key file is kept as secret.key.old)')
    .option('--from <file>', 'the old key, from this file (when FINCH_SECRET_KEY and the key file no longer hold it)')
    .option('--json', 'print JSON')
    .action(async (opts: { from?: string; json?: boolean }, cmd: Command) => {
      const { readFileSync } = await import('node:fs');
      const { keyFromText } = await import('../../core/index.js');
      const oldKey = opts.from ? keyFromText(readFileSync(opts.from, 'utf8'), `the key file ${opts.from}`) : undefined;
      await withFinch(cmd, async (finch) => {
        const r = await finch.rotateSecretKey({ oldKey });
        if (opts.json) printJson(r);
        else {
          say(`re-encrypted ${r.sealed} secret(s) under key ${r.fingerprint}, now in ${r.keyFile}${r.previousKeyFile ? ` (old key kept in ${r.previousKeyFile})` : ''}`);
          if (r.envKeyInUse) say(`FINCH_SECRET_KEY is set: replace its value with the content of ${r.keyFile}`);
        }
      });
    });
}
