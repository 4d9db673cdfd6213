import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');

/** The README's library example, with the values it leaves to the reader declared. */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The library'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error('README has no ts block under "## The library"');
  return [
    "declare const rows: import('finch').TransactionInput[];",
    'declare const bytes: Uint8Array;',
    'declare const out: NodeJS.WritableStream;',
    code,
    'export {};',
  ].join('\n');
}

describe('the package as others use it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'finch-consumer-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }), 180_000);

  it('installs from the packed tarball and type-checks the README example with skipLibCheck: false', { timeout: 900_000 }, () => {
    // dist/ comes from `npm run build` (pretest).
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').at(-1)!;
    const consumer = join(dir, 'consumer');
    execFileSync('mkdir', ['-p', consumer]);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', type: 'module', private: true }));
    // The shared npm cache first; the registry only for what it lacks. No install scripts: types are all this needs.
    execFileSync('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', join(dir, tarball), '@types/node@20'], { cwd: consumer, stdio: 'pipe', timeout: 840_000 });
    writeFileSync(join(consumer, 'example.ts'), readmeExample());
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] }, files: ['example.ts'] }),
    );
    let output = '';
    try {
      execFileSync(TSC, ['-p', 'tsconfig.json'], { cwd: consumer, encoding: 'utf8' });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(output).toBe('');
  });
});

describe('library errors speak no CLI', () => {
  function sources(d: string): string[] {
    return readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? sources(join(d, n)) : /\.tsx?$/.test(n) ? [join(d, n)] : []));
  }
  it('no "(see: finch …)" advice in src/core: the CLI adds it, keyed by the error\'s subject', () => {
    const hits = sources(join(ROOT, 'src', 'core')).flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${relative(ROOT, f)}:${i + 1}` }))
        // Errors only: text finch writes into an export (a journal comment) may name a command.
        .filter((l) => /\(see: finch /.test(l.line) && /throw|Error\(|invalid\(|notFound\(|conflict\(/.test(l.line))
        .map((l) => l.at),
    );
    expect(hits).toEqual([]);
  });
});
