/**
 * A real Dovecot IMAP server for tests, started unprivileged (every Dovecot user is the current
 * one) on a free loopback port, with a passwd-file user and a Maildir. Stop it with `stop()`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const DOVECOT = '/usr/sbin/dovecot';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1');
      c.once('data', () => {
        c.destroy();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`dovecot did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  dir: string;
  /** imap://USER@127.0.0.1:PORT/INBOX */
  url: string;
  /** Puts .eml files into the Maildir as new, unseen mail. */
  deliver(files: string[]): void;
  deliverRaw(name: string, raw: Buffer | string): void;
  /** Every message file with its Maildir flags (to check nothing was flagged). */
  messageFiles(): string[];
  /** Forgets the UIDs: Dovecot gives the folder a new UIDVALIDITY when it starts again. */
  resetUids(): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Who Dovecot runs as: the current user, or when that is root (CI), `nobody` — Dovecot's login
 * processes refuse root, and a test server has no business with it anyway.
 */
function runAs(): { username: string; group: string; uid: number; gid: number } {
  const me = userInfo();
  if (me.uid !== 0) return { username: me.username, group: execFileSync('id', ['-gn']).toString().trim(), uid: me.uid, gid: me.gid };
  const [username, , uid, gid] = execFileSync('getent', ['passwd', 'nobody']).toString().trim().split(':');
  const group = execFileSync('getent', ['group', gid!]).toString().split(':')[0]!;
  return { username: username!, group, uid: Number(uid), gid: Number(gid) };
}

function chownTree(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid);
  if (statSync(path).isDirectory()) for (const f of readdirSync(path)) chownTree(join(path, f), uid, gid);
}

export async function startDovecot(): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'finch-dovecot-'));
  const me = runAs();
  const group = me.group;
  const port = await freePort();
  const user = 'sam';
  const password = 'imap-secret-1';
  const home = join(dir, 'home', user);
  const maildir = join(home, 'Maildir');
  for (const d of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, d), { recursive: true });
  for (const d of ['run', 'state']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}:${me.uid}:${me.gid}::${home}::\n`);
  const conf = join(dir, 'dovecot.conf');
  writeFileSync(
    conf,
    `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${me.username}
default_internal_group = ${group}
default_login_user = ${me.username}
first_valid_uid = 0
first_valid_gid = 0
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
service stats {
  unix_listener stats-reader {
    user = ${me.username}
    group = ${group}
    mode = 0600
  }
  unix_listener stats-writer {
    user = ${me.username}
    group = ${group}
    mode = 0600
  }
}
`,
  );
  let n = 0;
  const api: Dovecot = {
    port,
    user,
    password,
    dir,
    url: `imap://${user}@127.0.0.1:${port}/INBOX`,
    deliver(files) {
      for (const f of files) api.deliverRaw(f.split('/').pop()!, readFileSync(f));
    },
    deliverRaw(name, raw) {
      n++;
      const file = `${1_700_000_000 + n}.M${n}P${process.pid}.finchtest,S=${Buffer.byteLength(raw)}`;
      writeFileSync(join(maildir, 'tmp', file), raw);
      copyFileSync(join(maildir, 'tmp', file), join(maildir, 'new', file));
      rmSync(join(maildir, 'tmp', file));
      chownSync(join(maildir, 'new', file), me.uid, me.gid);
      void name;
    },
    messageFiles() {
      return ['cur', 'new'].flatMap((d) => readdirSync(join(maildir, d)).map((f) => `${d}/${f}`));
    },
    resetUids() {
      for (const f of readdirSync(maildir)) if (f.startsWith('dovecot')) rmSync(join(maildir, f), { force: true, recursive: true });
    },
    async start() {
      chownTree(dir, me.uid, me.gid);
      chmodSync(dir, 0o755);
      const p = spawn(DOVECOT, ['-c', conf], { stdio: 'ignore', uid: me.uid, gid: me.gid });
      await new Promise<void>((resolve, reject) => {
        p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`dovecot exited ${code}: ${existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8').slice(-800) : ''}`))));
        p.once('error', reject);
      });
      await waitForPort(port);
    },
    async stop() {
      try {
        execFileSync(DOVECOT, ['-c', conf, 'stop'], { stdio: 'ignore', uid: me.uid, gid: me.gid });
      } catch {
        // not running
      }
      const until = Date.now() + 5000;
      while (existsSync(join(dir, 'run', 'master.pid')) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    },
  };
  await api.start();
  return api;
}

export function removeDovecot(d: Dovecot): void {
  rmSync(d.dir, { recursive: true, force: true });
}
