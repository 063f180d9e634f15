// A real OpenSSH sshd for tests: 127.0.0.1 on a free port, its own temp config, host key and
// authorized key (root may log in with that key only), `internal-sftp` as the sftp subsystem. It can
// be stopped and started again on the same port (reconnect tests). Every process it starts, and the
// per-connection children sshd forks, is stopped by PID.
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const SSHD = '/usr/sbin/sshd';
const STARTUP_TIMEOUT_MS = 15_000;

export interface Sshd {
  readonly host: string;
  readonly port: number;
  /** The user tests log in as (the user running the tests). */
  readonly user: string;
  /** Private key file accepted for `user`. */
  readonly keyFile: string;
  /** The host key's public half, `TYPE BASE64 COMMENT` (for known_hosts files). */
  hostPublicKey(): Promise<string>;
  /** Replaces the host key (takes effect at the next start). */
  rotateHostKey(): Promise<void>;
  /** A temp folder for the test's remote files (sshd serves the whole file system). */
  readonly dataDir: string;
  /** PID of the listening sshd, undefined while stopped. */
  readonly pid: number | undefined;
  /** Stops the listener and every session it forked (connections drop). */
  stop(): Promise<void>;
  /** Starts again on the same port. */
  start(): Promise<void>;
  /** Stops everything and removes the temp folders. */
  dispose(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** PIDs of every descendant of `pid`, found through /proc (children first-level and below). */
async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const name of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => undefined);
    if (stat === undefined) continue;
    // Field 4 is the parent PID; the command name (field 2) may contain spaces, so split after it.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = parents.get(ppid) ?? [];
    list.push(Number(name));
    parents.set(ppid, list);
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const child of parents.get(p) ?? []) {
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

export async function startSshd(): Promise<Sshd> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-sshd-'));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'wharf-sshd-data-'));
  const keygen = (file: string) =>
    promisify(execFile)('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'wharf-test', '-f', file]);
  const hostKey = path.join(dir, 'host_ed25519');
  const keyFile = path.join(dir, 'client_ed25519');
  await Promise.all([keygen(hostKey), keygen(keyFile)]);
  const rotateHostKey = async (): Promise<void> => {
    await rm(hostKey, { force: true });
    await rm(`${hostKey}.pub`, { force: true });
    await keygen(hostKey);
  };
  await writeFile(path.join(dir, 'authorized_keys'), await readFile(`${keyFile}.pub`));
  // Privilege separation needs this directory; it is missing until the ssh service first ran.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 }).catch(() => undefined);
  const port = await freePort();
  const config = path.join(dir, 'sshd_config');
  await writeFile(
    config,
    [
      'ListenAddress 127.0.0.1',
      `Port ${port}`,
      `HostKey ${hostKey}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'StrictModes no',
      'UsePAM no',
      'UseDNS no',
      'MaxStartups 100',
      'MaxSessions 100',
      'LogLevel INFO',
      'Subsystem sftp internal-sftp',
      '',
    ].join('\n'),
  );

  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    if (child) return;
    const proc = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    let log = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`sshd did not start: ${log}`)), STARTUP_TIMEOUT_MS);
      proc.stderr?.setEncoding('utf8').on('data', (s: string) => {
        log += s;
        if (log.includes('Server listening on')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`sshd exited with ${code}: ${log}`));
      });
    }).catch((err: unknown) => {
      if (proc.pid !== undefined) killQuietly(proc.pid, 'SIGKILL');
      child = undefined;
      throw err;
    });
    // Keep draining its log so sshd never blocks on a full pipe.
    proc.stderr?.resume();
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc || proc.pid === undefined || proc.exitCode !== null) return;
    const pid = proc.pid;
    // Sessions are children of the listener: stop them too, so open connections really drop.
    const sessions = await descendants(pid);
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    killQuietly(pid, 'SIGTERM');
    for (const p of sessions) killQuietly(p, 'SIGTERM');
    const timer = setTimeout(() => killQuietly(pid, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    for (const p of sessions) killQuietly(p, 'SIGKILL');
  };

  await start();
  return {
    host: '127.0.0.1',
    port,
    user: os.userInfo().username,
    keyFile,
    dataDir,
    hostPublicKey: () => readFile(`${hostKey}.pub`, 'utf8'),
    rotateHostKey,
    get pid() {
      return child?.pid;
    },
    stop,
    start,
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
