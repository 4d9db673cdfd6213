/** Runs every benchmark in turn (each prints one JSON line). Figures go into bench/README.md. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

for (const name of ['core', 'chat', 'statements', 'reports', 'mail', 'import', 'ocr']) {
  const r = spawnSync('npx', ['tsx', join(import.meta.dirname, `${name}.ts`)], { stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(`${name}: ${r.stdout.toString()}`);
}
