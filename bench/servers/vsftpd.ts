// vsftpd in the foreground on its own config (never the system service): anonymous login with
// uploads and mkdir allowed, chrooted to the served root, whose `fixtures` folder holds the fixtures.
// Anonymous sessions run as the `ftp` account, which the Debian package creates.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { findExecutable, firstLine } from '../tools.js';
import type { FtpServerLauncher, FtpServerSetup, RunningFtpServer } from './ftp-server.js';
import { waitForFtpGreeting } from './ftp-ready.js';
import { pickFreePort, startProcess } from './managed-process.js';
import { findSystemUser } from './system-user.js';

const VSFTPD = '/usr/sbin/vsftpd';
const ANON_USER = 'ftp';

function vsftpdConfig(port: number, setup: FtpServerSetup): string {
  return [
    'listen=YES',
    'listen_ipv6=NO',
    'listen_address=127.0.0.1',
    `listen_port=${port}`,
    'background=NO',
    'anonymous_enable=YES',
    'local_enable=NO',
    'no_anon_password=YES',
    `anon_root=${setup.servedRoot}`,
    `ftp_username=${ANON_USER}`,
    'write_enable=YES',
    'anon_upload_enable=YES',
    'anon_mkdir_write_enable=YES',
    'anon_other_write_enable=YES',
    'anon_umask=022',
    'pasv_enable=YES',
    `pasv_min_port=${setup.passivePorts.min}`,
    `pasv_max_port=${setup.passivePorts.max}`,
    // The seccomp sandbox kills sessions on some kernels; it has no effect on throughput.
    'seccomp_sandbox=NO',
    'xferlog_enable=NO',
    'dirmessage_enable=NO',
    'max_clients=0',
    'max_per_ip=0',
    '',
  ].join('\n');
}

export const vsftpdLauncher: FtpServerLauncher = {
  name: 'vsftpd',
  title: 'vsftpd',

  async unavailable() {
    if ((await findExecutable(VSFTPD)) === undefined) return `${VSFTPD} not found (apt-get install vsftpd)`;
    const user = await findSystemUser(ANON_USER);
    if (user === undefined) return `no "${ANON_USER}" account for anonymous sessions (the vsftpd package creates it)`;
    try {
      await fs.access(user.home);
    } catch {
      return `the "${ANON_USER}" account's home ${user.home} does not exist (vsftpd enters it at login)`;
    }
    if (process.getuid?.() !== 0) return 'vsftpd needs root here (chroot, privilege drop)';
    return undefined;
  },

  async version() {
    // `vsftpd -v` writes to file descriptor 0; ask the package manager instead.
    const v = await firstLine('dpkg-query', ['-W', '-f', '${Version}', 'vsftpd']);
    return `vsftpd ${v}`;
  },

  async start(setup: FtpServerSetup): Promise<RunningFtpServer> {
    const port = await pickFreePort();
    const config = path.join(setup.workDir, 'vsftpd.conf');
    // vsftpd refuses a config file that is not owned by root or is writable by others.
    await fs.writeFile(config, vsftpdConfig(port, setup), { mode: 0o600 });
    const proc = await startProcess(VSFTPD, [config]);
    try {
      await waitForFtpGreeting(port, proc, 15_000);
    } catch (err) {
      await proc.stop();
      throw new Error(`${(err as Error).message}\n${proc.output()}`);
    }
    return {
      name: 'vsftpd',
      port,
      user: 'anonymous',
      pass: 'bench@example.invalid',
      pid: proc.pid,
      remoteDir: `/${path.relative(setup.servedRoot, setup.fixtureDir)}`,
      exitStatus: () => proc.exitStatus(),
      output: () => proc.output(),
      stop: () => proc.stop(),
    };
  },
};
