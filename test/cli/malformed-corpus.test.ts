import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/cli/exit-codes.js';
import { openFinch } from '../../src/core/index.js';
import { malformedCorpus } from '../../fixtures/malformed/make-malformed.js';
import { runCli } from '../helpers/cli.js';

const EXPECTED_FAILURES = new Set([EXIT_CODES.INVALID_INPUT, EXIT_CODES.UNSUPPORTED, EXIT_CODES.PASSWORD]);

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms))]);
}

describe('a corpus of malformed statements, replayed through the CLI', () => {
  let dir: string;
  let home: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'finch-malformed-'));
    home = join(dir, 'home');
    const env = { FINCH_HOME: home };
    expect((await runCli(['init'], { env })).code).toBe(0);
    for (const [name, cur] of [['EUR', 'EUR'], ['USD', 'USD'], ['INR', 'INR']]) expect((await runCli(['account', 'add', name!, '--currency', cur!], { env })).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('0 crashes, one line naming the file for each failure, and no partial writes', { timeout: 900_000 }, async () => {
    const corpus = malformedCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(250);
    const env = { FINCH_HOME: home };
    const crashes: string[] = [];
    const badLines: string[] = [];
    let created = 0;
    let failures = 0;
    for (const f of corpus) {
      const path = join(dir, f.name);
      writeFileSync(path, f.bytes);
      const account = /de-giro|camt|xml$/.test(f.name) ? 'EUR' : /in-bank/.test(f.name) ? 'INR' : 'USD';
      const r = await withTimeout(runCli(['statement', 'import', path, '--account', account, '--json'], { env }), 60_000, f.how);
      if (r.code === 0) {
        created += r.json().created;
        continue;
      }
      failures++;
      if (!EXPECTED_FAILURES.has(r.code)) crashes.push(`${f.name} (${f.how}): exit ${r.code}: ${r.stderr.trim()}`);
      const lines = r.stderr.trimEnd().split('\n');
      if (lines.length !== 1 || !lines[0]!.includes(f.name) || /unexpected error|at .*\.js:\d+/.test(r.stderr)) badLines.push(`${f.name}: ${r.stderr.trim().slice(0, 300)}`);
    }
    expect(crashes).toEqual([]);
    expect(badLines).toEqual([]);
    // Most of the corpus is refused; a failed import leaves the ledger as it was, so the ledger
    // holds exactly what the successful imports said they created.
    expect(failures).toBeGreaterThan(corpus.length / 3);
    const finch = await openFinch({ home, env: {} });
    try {
      expect(await finch.transactions.count()).toBe(created);
    } finally {
      await finch.close();
    }
  });
});
