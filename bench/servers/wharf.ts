// Wharf's own CLI (`serve sftp`) over the fixture folder with key auth, its config dir (host key,
// settings) in the bench's temp dir (wharf-cli.ts).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { extraWharfArgs } from './managed-process.js';
import type { RunningServer, ServerLauncher, ServerSetup } from './server.js';
import { startWharfCli, wharfCliUnavailable, wharfVersion } from './wharf-cli.js';

export const wharfLauncher: ServerLauncher = {
  name: 'wharf',
  title: 'Wharf',
  unavailable: ({ projectRoot }) => wharfCliUnavailable(projectRoot),
  version: ({ projectRoot }) => wharfVersion(projectRoot),

  async start(setup: ServerSetup): Promise<RunningServer> {
    const { proc, port } = await startWharfCli(setup.projectRoot, path.join(setup.workDir, 'config'), 'sftp', setup.fixtureDir, [
      '--user', setup.user,
      // Key auth is what the bench uses; the password only satisfies the CLI and is never sent.
      '--pass', randomBytes(18).toString('base64url'),
      '--authorized-keys', setup.authorizedKeysFile,
      ...extraWharfArgs(),
    ]);
    return {
      name: 'wharf',
      port,
      pid: proc.pid,
      remoteDir: '',
      exitStatus: () => proc.exitStatus(),
      output: () => proc.output(),
      stop: () => proc.stop(),
    };
  },
};
