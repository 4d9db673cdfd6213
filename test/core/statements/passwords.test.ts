import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect, PG_URL } from '../../helpers/dialects.js';
import type { Finch } from '../../../src/core/index.js';
import { candidatePasswords } from '../../../src/core/statements/index.js';

describeEachDialect('saved statement passwords', (t) => {
  let finch: Finch;
  beforeEach(async () => {
    finch = await t.open();
  });
  afterEach(async () => {
    await finch.close();
    await t.cleanup();
  });

  it('keeps passwords encrypted: no saved password is readable in the database', async () => {
    const secret = 'Zebra-4471-statement';
    await finch.passwords.add('HDFC', secret);
    await finch.passwords.add('Chase', 'another-Secret-99');
    expect((await finch.passwords.list()).map((p) => p.label)).toEqual(['Chase', 'HDFC']);
    expect(JSON.stringify(await finch.passwords.list())).not.toContain(secret);
    expect((await candidatePasswords(finch.ctx, finch.secrets())).map((c) => c.password)).toEqual([secret, 'another-Secret-99']);
    if (t.dialect === 'sqlite') {
      await finch.close();
      const dir = dirname(finch.location);
      for (const f of readdirSync(dir).filter((x) => x.startsWith('finch.db'))) {
        expect(readFileSync(join(dir, f)).includes(Buffer.from(secret))).toBe(false);
      }
      finch = await t.open();
    } else {
      const schema = new URL(finch.location.replace(/^.*\?/, 'x:?')).searchParams.get('schema')!;
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      const rows = await client.query(`select * from "${schema}".statement_passwords`);
      await client.end();
      expect(JSON.stringify(rows.rows)).not.toContain(secret);
      expect(rows.rows).toHaveLength(2);
    }
  });

  it('refuses duplicates and empty values, and removes by label', async () => {
    await finch.passwords.add('Bank', 'x1');
    await expect(finch.passwords.add('Bank', 'x2')).rejects.toThrow(/already saved/);
    await expect(finch.passwords.add('Other', '')).rejects.toThrow(/empty/);
    await finch.passwords.remove('Bank');
    await expect(finch.passwords.remove('Bank')).rejects.toThrow(/no saved password/);
    expect(await finch.passwords.list()).toEqual([]);
  });
});
