// OpenSSH's sshd with internal-sftp, on its own config, host key and authorized_keys file. It serves
// the whole file system, so clients reach the fixtures by their absolute path.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { findExecutable, firstLine, run } from '../tools.js';
import { pickFreePort, startProcess, waitForSshBanner } from './managed-process.js';
import type { RunningServer, ServerLauncher, ServerSetup } from './server.js';

const SSHD = '/usr/sbin/sshd';

function sshdConfig(port: number, dir: string, authorizedKeysFile: string): string {
  return [
    'ListenAddress 127.0.0.1',
    `Port ${port}`,
    `HostKey ${path.join(dir, 'host_ed25519')}`,
    `AuthorizedKeysFile ${authorizedKeysFile}`,
    `PidFile ${path.join(dir, 'sshd.pid')}`,
    'UsePAM no',
    'Subsystem sftp internal-sftp',
    // The bench usually runs as root; keys only.
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    // Temp dirs and key files are not laid out the way StrictModes insists on.
    'StrictModes no',
    'UseDNS no',
    '',
  ].join('\n');
}

export const opensshLauncher: ServerLauncher = {
  name: 'openssh',
  title: 'OpenSSH',

  async unavailable() {
    return (await findExecutable(SSHD)) === undefined ? `${SSHD} not found (install openssh-server)` : undefined;
  },

  async version() {
    // sshd has no version flag; the client from the same package reports it.
    return firstLine('ssh', ['-V']);
  },

  async start(setup: ServerSetup): Promise<RunningServer> {
    const dir = setup.workDir;
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'wharf-bench-host', '-f', path.join(dir, 'host_ed25519')]);
    // Privilege separation directory; root-owned on Debian. Non-root runs fail later with sshd's own message.
    await fs.mkdir('/run/sshd', { recursive: true, mode: 0o755 }).catch(() => undefined);
    const port = await pickFreePort();
    const config = path.join(dir, 'sshd_config');
    await fs.writeFile(config, sshdConfig(port, dir, setup.authorizedKeysFile));
    // sshd re-executes itself and therefore needs its absolute path.
    const proc = await startProcess(SSHD, ['-D', '-e', '-f', config]);
    try {
      await waitForSshBanner(port, proc, 15_000);
    } catch (err) {
      await proc.stop();
      throw new Error(`${(err as Error).message}\n${proc.output()}`);
    }
    return {
      name: 'openssh',
      port,
      pid: proc.pid,
      remoteDir: setup.fixtureDir,
      exitStatus: () => proc.exitStatus(),
      output: () => proc.output(),
      stop: () => proc.stop(),
    };
  },
};
