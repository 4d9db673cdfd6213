import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFromText, loadOrCreateKey, secretBox } from '../../../src/core/secrets/index.js';

describe('secret box', () => {
  const key = keyFromText('00'.repeat(32));
  it('round-trips and never repeats a ciphertext', () => {
    const box = secretBox(key);
    const a = box.seal('hunter2');
    const b = box.seal('hunter2');
    expect(a).not.toBe(b);
    expect(a).not.toContain('hunter2');
    expect(box.open(a)).toBe('hunter2');
  });
  it('refuses tampered data and a different key with a clear message', () => {
    const sealed = secretBox(key).seal('secret');
    const parts = sealed.split(':');
    parts[3] = Buffer.from('tampered').toString('base64');
    expect(() => secretBox(key).open(parts.join(':'))).toThrow(/cannot decrypt/);
    expect(() => secretBox(keyFromText('11'.repeat(32))).open(sealed)).toThrow(/encryption key changed/);
  });
  it('creates a 0600 key file once and reuses it; FINCH_SECRET_KEY wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'finch-key-'));
    const file = join(dir, 'secret.key');
    const k1 = loadOrCreateKey(file, {});
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKey(file, {}).equals(k1)).toBe(true);
    expect(loadOrCreateKey(file, { FINCH_SECRET_KEY: 'ab'.repeat(32) }).toString('hex')).toBe('ab'.repeat(32));
    expect(() => keyFromText('short')).toThrow(/32 bytes/);
  });
});
