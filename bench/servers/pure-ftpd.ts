// pure-ftpd, which conflicts with vsftpd in apt: used from PATH when installed, else unpacked once
// from its Debian package (`apt-get download pure-ftpd`, `dpkg-deb -x`) into
// ~/.cache/wharf-bench/pure-ftpd and run from there. One virtual user (pure-pw's own database, in the
// bench's temp dir, with a SHA-512 crypt hash) mapped to the `nobody` account and chrooted to the
// fixture folder.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findExecutable, firstLine } from '../tools.js';
import type { FtpServerLauncher, FtpServerSetup, RunningFtpServer } from './ftp-server.js';
import { waitForFtpGreeting } from './ftp-ready.js';
import { pickFreePort, startProcess } from './managed-process.js';
import { findSystemUser } from './system-user.js';

interface Binaries {
  readonly server: string;
  readonly pw: string;
}

export const PURE_FTPD_CACHE = path.join(os.homedir(), '.cache', 'wharf-bench', 'pure-ftpd');

function inCache(root: string): Binaries {
  return { server: path.join(root, 'usr', 'sbin', 'pure-ftpd'), pw: path.join(root, 'usr', 'bin', 'pure-pw') };
}

function exec(command: string, args: readonly string[], cwd: string, timeoutMs = 120_000): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { cwd, timeout: timeoutMs }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${command} ${args[0] ?? ''} failed: ${stderr.trim().split('\n').pop() ?? err.message}`));
      else resolve();
    });
  });
}

async function usable(b: Binaries): Promise<boolean> {
  return (await findExecutable(b.server)) !== undefined && (await findExecutable(b.pw)) !== undefined;
}

/** The installed binaries, else the cached unpack, else a fresh unpack of the .deb into the cache. */
async function ensureBinaries(): Promise<Binaries> {
  const installed = { server: (await findExecutable('pure-ftpd')) ?? '', pw: (await findExecutable('pure-pw')) ?? '' };
  if (installed.server !== '' && installed.pw !== '') return installed;
  const cached = inCache(PURE_FTPD_CACHE);
  if (await usable(cached)) return cached;
  if ((await findExecutable('apt-get')) === undefined || (await findExecutable('dpkg-deb')) === undefined) {
    throw new Error('not installed, and apt-get/dpkg-deb are missing to unpack it');
  }
  await fs.mkdir(path.dirname(PURE_FTPD_CACHE), { recursive: true });
  const tmp = await fs.mkdtemp(`${PURE_FTPD_CACHE}.tmp-`);
  try {
    // apt-get download writes the .deb into the working directory; nothing is installed.
    await fs.chmod(tmp, 0o755);
    await exec('apt-get', ['download', 'pure-ftpd'], tmp);
    const deb = (await fs.readdir(tmp)).find((n) => /^pure-ftpd_.*\.deb$/.test(n));
    if (deb === undefined) throw new Error('apt-get download pure-ftpd produced no .deb');
    const unpacked = path.join(tmp, 'root');
    await exec('dpkg-deb', ['-x', path.join(tmp, deb), unpacked], tmp);
    if (!(await usable(inCache(unpacked)))) throw new Error(`${deb} holds no usr/sbin/pure-ftpd and usr/bin/pure-pw`);
    await fs.rm(PURE_FTPD_CACHE, { recursive: true, force: true });
    await fs.rename(unpacked, PURE_FTPD_CACHE);
    return cached;
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/** Run pure-pw with the password typed twice on stdin, as it asks for it. */
function purePw(pw: string, args: readonly string[], pass: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(pw, [...args], { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`pure-pw ${args[0] ?? ''} failed: ${err.trim()}`))));
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${pass}\n${pass}\n`);
  });
}

/** `openssl passwd -6` of the password (salted SHA-512 crypt), or undefined without openssl. */
function sha512Crypt(pass: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = execFile('openssl', ['passwd', '-6', '-stdin'], { timeout: 10_000 }, (err, stdout) => {
      const hash = stdout.trim();
      resolve(err || !hash.startsWith('$6$') ? undefined : hash);
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(pass);
  });
}

let binaries: Binaries | undefined;

export const pureFtpdLauncher: FtpServerLauncher = {
  name: 'pure-ftpd',
  title: 'pure-ftpd',

  async unavailable() {
    if (process.getuid?.() !== 0) return 'pure-ftpd needs root here (chroot, privilege drop)';
    try {
      binaries = await ensureBinaries();
      return undefined;
    } catch (err) {
      return `pure-ftpd: ${(err as Error).message}`;
    }
  },

  async version() {
    return binaries === undefined ? 'pure-ftpd' : firstLine(binaries.server, ['--help']);
  },

  async start(setup: FtpServerSetup): Promise<RunningFtpServer> {
    const bin = binaries ?? (await ensureBinaries());
    const account = (await findSystemUser('nobody')) ?? { uid: 65534, gid: 65534 };
    const user = 'bench';
    const pass = randomBytes(18).toString('hex');
    const passwd = path.join(setup.workDir, 'pureftpd.passwd');
    const pdb = path.join(setup.workDir, 'pureftpd.pdb');
    await purePw(bin.pw, ['useradd', user, '-u', String(account.uid), '-g', String(account.gid), '-d', setup.fixtureDir, '-f', passwd], pass);
    // pure-pw hashes with argon2id at a cost that made every login take seconds here, which would
    // swamp every workload (each is one client run with its own login). A SHA-512 crypt hash, which
    // pure-ftpd also accepts, measures the server instead of its password hashing.
    const quick = await sha512Crypt(pass);
    if (quick !== undefined) {
      const text = await fs.readFile(passwd, 'utf8');
      await fs.writeFile(passwd, text.replace(/^([^:\n]+):[^:\n]*:/m, (_m, u: string) => `${u}:${quick}:`), { mode: 0o600 });
    }
    await purePw(bin.pw, ['mkdb', pdb, '-f', passwd], pass);
    const port = await pickFreePort();
    const proc = await startProcess(bin.server, [
      '-S', `127.0.0.1,${port}`,
      '-p', `${setup.passivePorts.min}:${setup.passivePorts.max}`,
      '-l', `puredb:${pdb}`,
      '-E', // no anonymous logins
      '-A', // chroot everyone
      '-H', // no reverse DNS
      '-4',
      '-u', '1', // the virtual user maps to nobody; only root stays refused
      // The default limit (2000 files per listing) would cut the 20,000-entry listing short.
      '-L', '1000000:16',
      '-c', '64',
      '-C', '64',
    ]);
    try {
      await waitForFtpGreeting(port, proc, 15_000);
    } catch (err) {
      await proc.stop();
      throw new Error(`${(err as Error).message}\n${proc.output()}`);
    }
    return {
      name: 'pure-ftpd',
      port,
      user,
      pass,
      pid: proc.pid,
      remoteDir: '',
      exitStatus: () => proc.exitStatus(),
      output: () => proc.output(),
      stop: () => proc.stop(),
    };
  },
};
