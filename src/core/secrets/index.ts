import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { FinchError } from '../errors/index.js';

/**
 * Encryption at rest for saved statement passwords and AI keys: AES-256-GCM with a random 96-bit
 * nonce per value. The key comes from FINCH_SECRET_KEY (64 hex chars or 44 base64 chars), else from
 * a 0600 key file beside the database, created on first use.
 */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

const VERSION = 'v1';

export function keyFromText(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new FinchError('INVALID_INPUT', 'FINCH_SECRET_KEY must be 32 bytes as 64 hex or 44 base64 characters');
  return key;
}

export function loadOrCreateKey(keyFile: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  if (env.FINCH_SECRET_KEY) return keyFromText(env.FINCH_SECRET_KEY);
  if (existsSync(keyFile)) return keyFromText(readFileSync(keyFile, 'utf8'));
  mkdirSync(dirname(keyFile), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(keyFile, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(keyFile, 0o600);
  return key;
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
