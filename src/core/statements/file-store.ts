import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Uploaded files, content-addressed by sha256 under FINCH_HOME/files (the S3 of the source
 * architecture). The same bytes are stored once however often they are imported.
 */
export class FileStore {
  constructor(private readonly root: string) {}

  static sha256(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  pathFor(sha: string): string {
    return join(this.root, sha.slice(0, 2), sha);
  }

  put(bytes: Uint8Array): { sha256: string; path: string } {
    const sha256 = FileStore.sha256(bytes);
    const path = this.pathFor(sha256);
    if (!existsSync(path)) {
      mkdirSync(join(this.root, sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
      // write then rename, so a crash never leaves a half file under the final name
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, bytes, { mode: 0o600 });
      renameSync(tmp, path);
    }
    return { sha256, path };
  }

  get(sha: string): Buffer {
    return readFileSync(this.pathFor(sha));
  }
}
