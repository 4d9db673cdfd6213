import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FinchError, keyFingerprint, keyFromText } from '../../../src/core/index.js';
import { describeEachDialect } from '../../helpers/dialects.js';

const CSV = 'Date,Description,Amount\n2024-03-01,Coffee,-3.50\n2024-03-02,Salary,1000.00\n';

describe('key parsing', () => {
  it('accepts exactly 64 hex or 44 base64 characters and refuses junk', () => {
    expect(keyFromText(`${'ab'.repeat(32)}\n`).toString('hex')).toBe('ab'.repeat(32));
    const b64 = Buffer.alloc(32, 9).toString('base64');
    expect(keyFromText(b64).equals(Buffer.alloc(32, 9))).toBe(true);
    // Node's base64 decoder skips characters it does not know: these would have been accepted.
    expect(() => keyFromText(`${b64.slice(0, 20)}!!${b64.slice(20)}`)).toThrow(/not a finch key/);
    expect(() => keyFromText(`${'ab'.repeat(32)}zz`)).toThrow(/not a finch key/);
    expect(() => keyFromText('short')).toThrow(/32 bytes/);
  });
});

describeEachDialect('secrets that survive a lost key', (t) => {
  afterEach(() => t.cleanup());
  const homes: string[] = [];
  afterEach(() => {
    for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
  });
  const otherHome = () => {
    const h = mkdtempSync(join(tmpdir(), 'finch-home-'));
    homes.push(h);
    return h;
  };

  async function withSavedPassword() {
    const target = t.target();
    const finch = await t.open({ db: target });
    await finch.passwords.add('bank', 'hunter2');
    await finch.accounts.add({ name: 'Checking', currency: 'USD' });
    await finch.close();
    return target;
  }

  it('never makes a new key while secrets sealed with another exist; says which way out', async () => {
    const target = await withSavedPassword();
    rmSync(join(t.home(), 'secret.key'));
    const finch = await t.open({ db: target });
    try {
      let err: unknown;
      try {
        finch.secrets();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(FinchError);
      expect((err as FinchError).message).toMatch(/no encryption key at .*secret\.key, but 1 stored secret\(s\) were sealed with key [0-9a-f]{16}/);
      expect((err as FinchError).subject).toBe('secret-key');
      expect(existsSync(join(t.home(), 'secret.key'))).toBe(false);
    } finally {
      await finch.close();
    }
  });

  it('a plain CSV still imports with --try-saved-passwords when the key is lost, naming what it skipped', async () => {
    const target = await withSavedPassword();
    rmSync(join(t.home(), 'secret.key'));
    const finch = await t.open({ db: target });
    try {
      const r = await finch.statements.import({ bytes: new TextEncoder().encode(CSV), filename: 'march.csv', account: 'Checking', trySavedPasswords: true });
      expect(r.created).toBe(2);
      expect(r.notes.join('\n')).toMatch(/skipped saved password\(s\) "bank"/);
    } finally {
      await finch.close();
    }
  });

  it('a machine with another key is told at once, from the recorded fingerprint', async () => {
    const target = await withSavedPassword();
    const theirs = otherHome();
    writeFileSync(join(theirs, 'secret.key'), `${'cd'.repeat(32)}\n`, { mode: 0o600 });
    const finch = await t.open({ db: target, home: theirs });
    try {
      expect(() => finch.secrets()).toThrow(new RegExp(`fingerprint ${keyFingerprint(Buffer.from('cd'.repeat(32), 'hex'))}\\) is not the one that sealed`));
      // FINCH_SECRET_KEY holding the right key works from any machine.
      const key = readFileSync(join(t.home(), 'secret.key'), 'utf8').trim();
      const shared = await t.open({ db: target, home: otherHome(), env: { FINCH_SECRET_KEY: key } });
      expect((await shared.statements.parse(new TextEncoder().encode(CSV), { filename: 'a.csv', trySavedPasswords: true })).notes).toEqual([]);
      const box = shared.secrets();
      expect(box.open(box.seal('x'))).toBe('x');
      await shared.close();
    } finally {
      await finch.close();
    }
  });

  it('a corrupt key file is reported as that file, not as FINCH_SECRET_KEY', async () => {
    const target = await withSavedPassword();
    writeFileSync(join(t.home(), 'secret.key'), 'this is not a key\n');
    const finch = await t.open({ db: target });
    try {
      expect(() => finch.secrets()).toThrow(/the key file .*secret\.key is not a finch key/);
    } finally {
      await finch.close();
    }
  });

  it('secrets rotate re-encrypts under a new key, keeps the old key file, and the new key alone reads them', async () => {
    const target = await withSavedPassword();
    const before = readFileSync(join(t.home(), 'secret.key'), 'utf8');
    const finch = await t.open({ db: target });
    const r = await finch.rotateSecretKey();
    await finch.close();
    expect(r.sealed).toBe(1);
    expect(readFileSync(join(t.home(), 'secret.key.old'), 'utf8')).toBe(before);
    const after = readFileSync(join(t.home(), 'secret.key'), 'utf8');
    expect(after).not.toBe(before);
    expect(r.fingerprint).toBe(keyFingerprint(keyFromText(after)));
    const again = await t.open({ db: target });
    try {
      const parsed = await again.statements.parse(new TextEncoder().encode(CSV), { filename: 'a.csv', trySavedPasswords: true });
      expect(parsed.notes).toEqual([]);
      // The old key is now the wrong one.
      const old = await t.open({ db: target, home: otherHome(), env: { FINCH_SECRET_KEY: before.trim() } });
      expect(() => old.secrets()).toThrow(/is not the one that sealed/);
      await old.close();
    } finally {
      await again.close();
    }
  });

  it('a mailbox credential guards the key too, and secrets rotate re-seals it', async () => {
    const target = t.target();
    const finch = await t.open({ db: target });
    await finch.mail.addImap('inbox', 'imaps://me%40example.org:s3cret@127.0.0.1:9993/INBOX');
    await finch.close();
    const before = readFileSync(join(t.home(), 'secret.key'), 'utf8');
    rmSync(join(t.home(), 'secret.key'));
    const lost = await t.open({ db: target });
    expect(() => lost.secrets()).toThrow(/1 stored secret\(s\) were sealed/);
    await lost.close();
    writeFileSync(join(t.home(), 'secret.key'), before, { mode: 0o600 });
    const again = await t.open({ db: target });
    const r = await again.rotateSecretKey();
    await again.close();
    expect(r.sealed).toBe(1);
    const old = await t.open({ db: target, home: otherHome(), env: { FINCH_SECRET_KEY: before.trim() } });
    expect(() => old.secrets()).toThrow(/is not the one that sealed/);
    await old.close();
  });

  it('removing the secrets lets a new key be made', async () => {
    const target = await withSavedPassword();
    rmSync(join(t.home(), 'secret.key'));
    const finch = await t.open({ db: target });
    await finch.passwords.remove('bank');
    await finch.close();
    const fresh = await t.open({ db: target });
    try {
      await fresh.passwords.add('bank', 'new-one');
      expect(existsSync(join(t.home(), 'secret.key'))).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});
