import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/cli/exit-codes.js';
import { runCli } from '../helpers/cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
const LOCKED = join(ROOT, 'fixtures', 'statements', 'pdf', 'locked-giro.pdf');
const mode = (p: string) => statSync(p).mode & 0o777;
const CSV = 'Date,Description,Amount\n2024-03-01,Coffee,-3.50\n2024-03-02,Salary,1000.00\n';

describe('private by default', () => {
  let root: string;
  let home: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'finch-private-'));
    home = join(root, 'home');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const cli = (args: string[]) => runCli(args, { env: { FINCH_HOME: home } });

  it('a new FINCH_HOME is 0700; the database, its WAL/SHM, stored files and the key are 0600', async () => {
    const old = process.umask(0o022);
    try {
      expect((await cli(['init'])).code).toBe(0);
      expect((await cli(['account', 'add', 'Checking', '--currency', 'USD'])).code).toBe(0);
      expect((await cli(['password', 'add', 'bank', '--password', 'hunter2'])).code).toBe(0);
      const csv = join(root, 'march.csv');
      writeFileSync(csv, CSV);
      const imported = await cli(['statement', 'import', csv, '--account', 'Checking']);
      expect(imported.code, imported.stderr).toBe(0);
    } finally {
      process.umask(old);
    }
    expect(mode(home)).toBe(0o700);
    const dbFiles = readdirSync(home).filter((f) => f.startsWith('finch.db'));
    expect(dbFiles).toContain('finch.db');
    for (const f of dbFiles) expect([f, mode(join(home, f))]).toEqual([f, 0o600]);
    expect(mode(join(home, 'secret.key'))).toBe(0o600);
    const store = join(home, 'files');
    expect(mode(store)).toBe(0o700);
    for (const sub of readdirSync(store)) {
      expect(mode(join(store, sub))).toBe(0o700);
      for (const f of readdirSync(join(store, sub))) expect(mode(join(store, sub, f))).toBe(0o600);
    }
  });

  it('exports follow the umask but are never wider than 0644, and 0600 once a locked statement was imported', async () => {
    await cli(['init']);
    await cli(['account', 'add', 'Giro', '--currency', 'EUR']);
    await cli(['tx', 'add', '--amount', '12.50', '--desc', 'lunch', '--account', 'Giro']);
    const old = process.umask(0o000);
    try {
      const wide = join(root, 'wide.csv');
      expect((await cli(['export', '--format', 'csv', '--output', wide])).code).toBe(0);
      expect(mode(wide)).toBe(0o644);
      process.umask(0o077);
      const narrow = join(root, 'narrow.csv');
      expect((await cli(['export', '--format', 'csv', '--output', narrow])).code).toBe(0);
      expect(mode(narrow)).toBe(0o600);
      process.umask(0o022);
      const imported = await cli(['statement', 'import', LOCKED, '--account', 'Giro', '--password', 'finch-test']);
      expect(imported.code, imported.stderr).toBe(0);
      const locked = join(root, 'locked.csv');
      expect((await cli(['export', '--format', 'csv', '--output', locked])).code).toBe(0);
      expect(mode(locked)).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });
});

describe('--output writes only regular files the user meant', () => {
  let root: string;
  let home: string;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'finch-output-'));
    home = join(root, 'home');
    await runCli(['init'], { env: { FINCH_HOME: home } });
    await runCli(['tx', 'add', '--amount', '12.50', '--desc', 'lunch'], { env: { FINCH_HOME: home } });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const exportTo = (out: string, ...extra: string[]) => runCli(['export', '--format', 'csv', '--output', out, ...extra], { env: { FINCH_HOME: home } });

  it('refuses to replace an existing file without --force, and keeps its mode when it does', async () => {
    const file = join(root, 'out.csv');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o640);
    const refused = await exportTo(file);
    expect(refused.code).toBe(EXIT_CODES.CONFLICT);
    expect(refused.stderr).toMatch(/exists: give --force/);
    expect(readFileSync(file, 'utf8')).toBe('old\n');
    const forced = await exportTo(file, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/lunch/);
    expect(mode(file)).toBe(0o640);
    expect(readdirSync(root).filter((f) => f.includes('finch-partial'))).toEqual([]);
  });

  it('never replaces a device, FIFO or folder, even with --force', async () => {
    const fifo = join(root, 'pipe');
    execFileSync('mkfifo', [fifo]);
    for (const [target, what] of [
      ['/dev/null', /is a device/],
      [fifo, /is a FIFO/],
      [root, /is a folder/],
    ] as const) {
      const r = await exportTo(target, '--force');
      expect(r.code, String(target)).toBe(EXIT_CODES.INVALID_INPUT);
      expect(r.stderr).toMatch(what);
    }
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('--output DIR/ says it names a folder', async () => {
    const r = await exportTo(`${root}/`);
    expect(r.code).toBe(EXIT_CODES.INVALID_INPUT);
    expect(r.stderr).toMatch(/names a folder: give a file name/);
    expect(r.stderr).not.toMatch(/ENOTDIR|finch-partial/);
  });

  it('writes through a symlink only with --force, leaving the link a link', async () => {
    const real = join(root, 'real.csv');
    writeFileSync(real, 'old\n');
    const link = join(root, 'link.csv');
    symlinkSync(real, link);
    const refused = await exportTo(link);
    expect(refused.code).toBe(EXIT_CODES.CONFLICT);
    expect(refused.stderr).toMatch(/symbolic link/);
    const forced = await exportTo(link, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toMatch(/lunch/);
  });

  it('a new file in a missing folder is an IO error and leaves nothing behind', async () => {
    const r = await exportTo(join(root, 'missing', 'x.csv'));
    expect(r.code).toBe(EXIT_CODES.IO);
    expect(existsSync(join(root, 'missing'))).toBe(false);
    mkdirSync(join(root, 'ok'));
    expect((await exportTo(join(root, 'ok', 'x.csv'))).code).toBe(0);
  });
});
