import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { FinchError } from '../errors/index.js';
import { loadKey } from './keys.js';

export { keyFromText, keyFingerprint, loadKey, writeKeyFile, installKeyFile, type SealedState } from './keys.js';
export { sealedState, recordFingerprint } from './store.js';

/**
 * Encryption at rest for saved statement passwords and AI keys: AES-256-GCM with a random 96-bit
 * nonce per value. The key comes from FINCH_SECRET_KEY (64 hex chars or 44 base64 chars), else from
 * a 0600 key file beside the database, created on first use (see keys.ts for when it is not).
 */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

const VERSION = 'v1';

/** The key file's key, or a new one when the database holds no secrets (kept for callers and tests). */
export function loadOrCreateKey(keyFile: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  return loadKey(keyFile, env, { count: 0 });
}

export function secretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new FinchError('INVALID_INPUT', 'encryption key must be 32 bytes');
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv.toString('base64'), tag.toString('base64'), body.toString('base64')].join(':');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split(':');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new FinchError('INVALID_INPUT', 'stored secret is not in a format finch knows');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
      } catch (e) {
        throw new FinchError('INVALID_INPUT', 'cannot decrypt a stored secret: the encryption key changed (FINCH_SECRET_KEY or the key file)', { cause: e });
      }
    },
  };
}
