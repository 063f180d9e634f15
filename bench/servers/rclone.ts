// `rclone serve sftp` over the fixture folder (its root is the folder), with key auth and its host
// key and cache kept in the bench's temp dir so nothing lands in the user's rclone config or cache.
import path from 'node:path';
import { findExecutable, firstLine, run } from '../tools.js';
import { pickFreePort, startProcess, waitForSshBanner } from './managed-process.js';
import type { RunningServer, ServerLauncher, ServerSetup } from './server.js';

export const rcloneLauncher: ServerLauncher = {
  name: 'rclone',
  title: 'rclone',

  async unavailable() {
    return (await findExecutable('rclone')) === undefined ? 'rclone not found on PATH' : undefined;
  },

  async version() {
    return firstLine('rclone', ['version']);
  },

  async start(setup: ServerSetup): Promise<RunningServer> {
    const dir = setup.workDir;
    const hostKey = path.join(dir, 'host_ed25519');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'wharf-bench-host', '-f', hostKey]);
    const port = await pickFreePort();
    const proc = await startProcess('rclone', [
      'serve', 'sftp', setup.fixtureDir,
      '--addr', `127.0.0.1:${port}`,
      '--authorized-keys', setup.authorizedKeysFile,
      '--key', hostKey,
      '--config', '/dev/null',
      '--cache-dir', path.join(dir, 'cache'),
    ]);
    try {
      await waitForSshBanner(port, proc, 15_000);
    } catch (err) {
      await proc.stop();
      throw new Error(`${(err as Error).message}\n${proc.output()}`);
    }
    return {
      name: 'rclone',
      port,
      pid: proc.pid,
      remoteDir: '',
      exitStatus: () => proc.exitStatus(),
      output: () => proc.output(),
      stop: () => proc.stop(),
    };
  },
};
