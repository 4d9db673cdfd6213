import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { FinchError } from '../errors/index.js';

/** What the database says about the key this profile's secrets were sealed with. */
export interface SealedState {
  /** Fingerprint of the key that sealed them, when one was recorded. */
  fingerprint?: string;
  /** How many sealed values the profile holds (saved passwords, AI keys). */
  count: number;
}

const HEX_KEY = /^[0-9a-f]{64}$/i;
// 32 bytes in base64 are exactly 43 characters and one '='; Buffer.from(…, 'base64') would skip junk.
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=$/;

/** Parses a key strictly: 64 hex or 44 base64 characters, nothing else (whitespace around is fine). */
export function keyFromText(text: string, source = 'FINCH_SECRET_KEY'): Buffer {
  const t = text.trim();
  if (HEX_KEY.test(t)) return Buffer.from(t, 'hex');
  if (BASE64_KEY.test(t)) return Buffer.from(t, 'base64');
  throw new FinchError('INVALID_INPUT', `${source} is not a finch key: it must be 32 bytes as 64 hex or 44 base64 characters`);
}

/** A short, stable name for a key that reveals nothing about it (the key is never stored). */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update('finch-secret-key-fingerprint:').update(key).digest('hex').slice(0, 16);
}

function readKeyFile(keyFile: string): Buffer {
  let text: string;
  try {
    text = readFileSync(keyFile, 'utf8');
  } catch (e) {
    throw new FinchError('IO', `cannot read the key file ${keyFile}: ${(e as Error).message}`, { cause: e });
  }
  return keyFromText(text, `the key file ${keyFile}`);
}

/** Writes a new key file, 0600, durably, replacing nothing. */
export function writeKeyFile(keyFile: string, key: Buffer): void {
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
  const fd = openSync(keyFile, 'wx', 0o600);
  try {
    writeSync(fd, `${key.toString('hex')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(keyFile, 0o600);
}

/**
 * The key to use: FINCH_SECRET_KEY, else the key file, else a new key file — but never a new key
 * while the database holds secrets sealed with another one (they would be unreadable from then
 * on), and never a key whose fingerprint differs from the one that sealed them.
 */
export function loadKey(keyFile: string, env: NodeJS.ProcessEnv, sealed: SealedState): Buffer {
  const source = env.FINCH_SECRET_KEY ? 'FINCH_SECRET_KEY' : keyFile;
  let key: Buffer;
  if (env.FINCH_SECRET_KEY) key = keyFromText(env.FINCH_SECRET_KEY);
  else if (existsSync(keyFile)) key = readKeyFile(keyFile);
  else if (sealed.count > 0) {
    throw new FinchError(
      'PASSWORD',
      `no encryption key at ${keyFile}, but ${sealed.count} stored secret(s) were sealed with key ${sealed.fingerprint ?? '(unrecorded)'}: restore that key file or set FINCH_SECRET_KEY, or remove those secrets and save them again`,
      { subject: 'secret-key' },
    );
  } else {
    key = randomBytes(32);
    writeKeyFile(keyFile, key);
    return key;
  }
  const fingerprint = keyFingerprint(key);
  if (sealed.count > 0 && sealed.fingerprint && sealed.fingerprint !== fingerprint) {
    throw new FinchError(
      'PASSWORD',
      `the encryption key from ${source} (fingerprint ${fingerprint}) is not the one that sealed the ${sealed.count} stored secret(s) (fingerprint ${sealed.fingerprint}): use that key (copy its key file or set FINCH_SECRET_KEY), or remove those secrets and save them again`,
      { subject: 'secret-key' },
    );
  }
  return key;
}

/**
 * Replaces the key file by `key` after the database was re-sealed: the new key is already on disk
 * (`pending`, written first, so a crash never leaves secrets under a key nobody saved); the old one
 * is kept beside it as `.old`.
 */
export function installKeyFile(keyFile: string, pending: string): { previous?: string } {
  let previous: string | undefined;
  if (existsSync(keyFile)) {
    previous = `${keyFile}.old`;
    renameSync(keyFile, previous);
  }
  renameSync(pending, keyFile);
  return { previous };
}
