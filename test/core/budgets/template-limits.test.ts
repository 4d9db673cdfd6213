import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FinchError, parseTemplateText, type Finch } from '../../../src/core/index.js';
import { makeTestDb } from '../../helpers/dialects.js';

function aliasBomb(levels = 12): string {
  let s = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
  let prev = 'a';
  for (let i = 1; i < levels; i++) {
    s += `b${i}: &b${i} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    prev = `b${i}`;
  }
  return `${s}name: bomb\nlines:\n  - category: dining\n    amount: 10\n`;
}

describe('budget template files that would crash or exhaust finch', () => {
  const t = makeTestDb('sqlite');
  let finch: Finch;
  let dir: string;
  beforeEach(async () => {
    finch = await t.open();
    dir = mkdtempSync(join(tmpdir(), 'finch-tpl-'));
  });
  afterEach(async () => {
    await finch.close();
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a YAML alias bomb is one line naming the file', async () => {
    const file = join(dir, 'bomb.yaml');
    writeFileSync(file, aliasBomb());
    const e = await finch.budgets.templates.addFile(file).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FinchError);
    expect((e as FinchError).code).toBe('INVALID_INPUT');
    expect((e as FinchError).message).toMatch(/^bomb\.yaml: not a template finch can read: .*alias/i);
  });

  it('an 8 MB template is refused by size before it is read', async () => {
    const file = join(dir, 'huge.yaml');
    writeFileSync(file, `name: huge\nlines:\n${'  - category: dining\n    amount: 10\n'.repeat(8 * 1024 * 1024 / 36)}`);
    const before = process.memoryUsage().rss;
    const e = await finch.budgets.templates.addFile(file).catch((x: unknown) => x);
    expect((e as FinchError).message).toMatch(/^huge\.yaml is \d+ KiB; a budget template may be up to 256 KiB$/);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    expect(() => parseTemplateText('x'.repeat(300 * 1024), 'big.json')).toThrow(/big\.json is 300 KiB/);
  });

  it('deep nesting is one line too', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(() => parseTemplateText(deep, 'deep.json')).toThrow(FinchError);
  });

  it('never throws anything but FinchError on any text (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'binary' })), (text) => {
        try {
          parseTemplateText(text, 'fuzz.yaml');
        } catch (e) {
          if (!(e instanceof FinchError)) throw e;
          expect(e.message.startsWith('fuzz.yaml')).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
