// Wharf's own CLI (`serve ftp`) over the fixture folder with a user and a random password, its
// config dir in the bench's temp dir (wharf-cli.ts).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { extraWharfArgs } from './managed-process.js';
import type { FtpServerLauncher, FtpServerSetup, RunningFtpServer } from './ftp-server.js';
import { startWharfCli, wharfCliUnavailable, wharfVersion } from './wharf-cli.js';

export const wharfFtpLauncher: FtpServerLauncher = {
  name: 'wharf',
  title: 'Wharf',
  unavailable: ({ projectRoot }) => wharfCliUnavailable(projectRoot),
  version: ({ projectRoot }) => wharfVersion(projectRoot),

  async start(setup: FtpServerSetup): Promise<RunningFtpServer> {
    const user = 'bench';
    const pass = randomBytes(18).toString('hex');
    const { proc, port } = await startWharfCli(setup.projectRoot, path.join(setup.workDir, 'config'), 'ftp', setup.fixtureDir, [
      '--user', user,
      '--pass', pass,
      '--passive-port', `${setup.passivePorts.min}-${setup.passivePorts.max}`,
      ...extraWharfArgs(),
    ]);
    return {
      name: 'wharf',
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
