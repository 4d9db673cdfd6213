import { constants } from 'node:fs';
import { lstat, open, readlink, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { FinchError } from '../core/index.js';

export interface OutputFileOptions {
  /** Replace an existing file, and write through a symbolic link. */
  force?: boolean;
  /** The content is sensitive (text of locked statements): 0600 whatever the umask says. */
  private?: boolean;
}

interface Target {
  path: string;
  /** The file being replaced: its mode and owner are kept. */
  existing?: { mode: number; uid: number; gid: number };
}

function kindOf(s: import('node:fs').Stats): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isFIFO()) return 'a FIFO';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

async function statOrNull(path: string, follow: boolean) {
  try {
    return follow ? await stat(path) : await lstat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new FinchError('IO', `cannot write ${path}: ${(e as Error).message}`);
  }
}

/** Where `--output PATH` may write, or why it may not: only regular files, replaced only with --force. */
async function resolveTarget(path: string, force: boolean): Promise<Target> {
  if (path.endsWith('/') || path.endsWith(sep)) throw new FinchError('INVALID_INPUT', `--output ${path} names a folder: give a file name`);
  let target = resolve(path);
  const link = await statOrNull(target, false);
  if (link?.isSymbolicLink()) {
    if (!force) throw new FinchError('CONFLICT', `${path} is a symbolic link: finch writes through it only with --force`);
    target = await realpath(target).catch(async () => resolve(dirname(target), await readlink(target)));
  }
  const s = await statOrNull(target, true);
  if (s && !s.isFile()) throw new FinchError('INVALID_INPUT', `${path} is ${kindOf(s)}: --output writes only regular files`);
  if (s && !force && !link?.isSymbolicLink()) throw new FinchError('CONFLICT', `${path} exists: give --force to replace it`);
  const parent = await statOrNull(dirname(target), true);
  if (!parent?.isDirectory()) throw new FinchError('IO', `cannot write ${path}: the folder ${dirname(target)} does not exist`);
  return { path: target, existing: s ? { mode: s.mode & 0o7777, uid: s.uid, gid: s.gid } : undefined };
}

/**
 * Writes `--output` atomically: a temporary file beside the target, renamed over it at the end,
 * so a failure leaves no half file and the old content stays. A new file gets 0644 narrowed by
 * the umask (0600 when private); a replaced file keeps its mode (narrowed to 0600 when private)
 * and, where the system lets us, its owner.
 */
export async function writeOutputFile<T>(path: string, options: OutputFileOptions, produce: (write: (chunk: string) => Promise<void>) => Promise<T>): Promise<T> {
  const target = await resolveTarget(path, Boolean(options.force));
  const tmp = join(dirname(target.path), `.${basename(target.path)}.finch-partial-${process.pid}`);
  const createMode = options.private ? 0o600 : 0o644;
  const file = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, createMode).catch((e: Error) => {
    throw new FinchError('IO', `cannot write ${path}: ${e.message}`);
  });
  try {
    const result = await produce(async (chunk) => {
      await file.write(chunk);
    });
    if (target.existing) {
      await file.chmod(options.private ? target.existing.mode & 0o600 : target.existing.mode);
      await file.chown(target.existing.uid, target.existing.gid).catch(() => undefined);
    } else if (options.private) {
      await file.chmod(0o600);
    }
    await file.sync();
    await file.close();
    await rename(tmp, target.path);
    return result;
  } catch (e) {
    await file.close().catch(() => undefined);
    await rm(tmp, { force: true });
    if (e instanceof FinchError) throw e;
    throw new FinchError('IO', `cannot write ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
