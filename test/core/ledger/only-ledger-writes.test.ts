import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
// The ledger's tables (DESIGN.md: users, accounts, categories, tags, transactions, groups, splits, mentions).
const LEDGER_TABLES = ['users', 'accounts', 'categories', 'tags', 'transactions', 'transaction_tags', 'people', 'groups', 'group_members', 'splits', 'mentions'];
const WRITE = new RegExp(`\\b(insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\\(\\s*['"\`](${LEDGER_TABLES.join('|')})['"\`]`, 'g');
const RAW_WRITE = new RegExp(`\\b(insert\\s+into|update|delete\\s+from)\\s+"?(${LEDGER_TABLES.join('|')})"?\\b`, 'gi');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

it('only src/core/ledger writes the ledger\'s tables', () => {
  const offenders: string[] = [];
  for (const file of sources(join(ROOT, 'src'))) {
    const rel = relative(ROOT, file);
    if (rel.startsWith(join('src', 'core', 'ledger'))) continue;
    // Migrations own the schema (and its data fixes) for every module.
    if (/src\/core\/db\/(migrations|hardening|migration-[^/]*|[^/]*-migration)\.ts$/.test(rel)) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of [...text.matchAll(WRITE), ...text.matchAll(RAW_WRITE)]) {
      const line = text.slice(0, m.index).split('\n').length;
      offenders.push(`${rel}:${line}: ${m[0]}`);
    }
  }
  expect(offenders).toEqual([]);
});

it('the scan sees a write when there is one', () => {
  expect("db.updateTable('transactions')".match(WRITE)).not.toBeNull();
  expect('delete from transactions where'.match(RAW_WRITE)).not.toBeNull();
});
