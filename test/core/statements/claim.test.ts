import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { claimIsDead, claimant } from '../../../src/core/statements/claim.js';
import { describeEachDialect } from '../../helpers/dialects.js';
import { statementLines, toCsv } from '../../../fixtures/statements/make-import-runs.js';

describe('who holds a claim', () => {
  it('tells a dead claimant from a live one', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(claimIsDead(claimant(), null)).toBe(false); // this very process
    expect(claimIsDead(`${hostname()}:${process.pid}:another-run`, null)).toBe(true); // an earlier process with our pid
    expect(claimIsDead(`${hostname()}:${process.ppid}:x`, null)).toBe(false); // alive
    expect(claimIsDead(`${hostname()}:999999999:x`, null)).toBe(true); // no such process
    expect(claimIsDead('elsewhere:1:x', '2026-01-01T11:50:00Z', now)).toBe(false); // another host, recent
    expect(claimIsDead('elsewhere:1:x', '2026-01-01T11:00:00Z', now)).toBe(true); // another host, long ago
    expect(claimIsDead(null, null)).toBe(true);
  });
});

describeEachDialect('importing a file another live process is importing', (t) => {
  afterEach(() => t.cleanup());

  it('waits for it, then gives up with BUSY, leaving that process\'s record as it was', async () => {
    const finch = await t.open();
    try {
      await finch.accounts.add({ name: 'Checking', currency: 'USD' });
      const bytes = Buffer.from(toCsv(statementLines(20)));
      const first = await finch.statements.import({ bytes, filename: 'a.csv', account: 'Checking' });
      // Pretend the parent process (alive) is importing it right now.
      const other = `${hostname()}:${process.ppid}:other`;
      await finch.ctx.db.updateTable('uploaded_files').set({ status: 'processing', claimed_by: other }).where('id', '=', first.fileId).execute();
      const ctx = { ...finch.ctx, busyTimeoutMs: 600 };
      const { importStatement, FileStore } = await import('../../../src/core/statements/index.js');
      const started = Date.now();
      await expect(
        importStatement(ctx, { store: new FileStore(t.home()), categorize: () => null, candidatePasswords: async () => [] }, { bytes, filename: 'a.csv', account: 'Checking' }),
      ).rejects.toMatchObject({ code: 'BUSY' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(550);
      const row = await finch.ctx.db.selectFrom('uploaded_files').select(['status', 'claimed_by']).where('id', '=', first.fileId).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'processing', claimed_by: other });
      expect(await finch.transactions.count({ account: 'Checking' })).toBe(20);
    } finally {
      await finch.close();
    }
  });
});
