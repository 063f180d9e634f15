// Wharf's own CLI (`serve ftp`) from the build in dist/, over the fixture folder with a user and a
// random password, its config dir in the bench's temp dir. It binds port 0 and prints its address.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { extraWharfArgs, startProcess } from './managed-process.js';
import type { FtpServerLauncher, FtpServerSetup, RunningFtpServer } from './ftp-server.js';

function cliPath(projectRoot: string): string {
  return path.join(projectRoot, 'dist', 'src-main', 'cli', 'main.js');
}

/** The port from the line the CLI prints once listening (`... ftp://HOST:PORT/ ...`). */
export function parseFtpListenPort(output: string): number | undefined {
  const m = /(?<![a-z])ftp:\/\/(?:\[[^\]\s]+\]|[^\s/:]+):(\d{1,5})\//.exec(output);
  const port = m?.[1] === undefined ? NaN : Number(m[1]);
  return port > 0 && port < 65536 ? port : undefined;
}

export const wharfFtpLauncher: FtpServerLauncher = {
  name: 'wharf',
  title: 'Wharf',

  async unavailable({ projectRoot }) {
    try {
      await fs.access(cliPath(projectRoot));
      return undefined;
    } catch {
      return `${path.relative(projectRoot, cliPath(projectRoot))} not built (npm run build)`;
    }
  },

  async version({ projectRoot }) {
    const pkg = JSON.parse(await fs.readFile(path.join(projectRoot, 'package.json'), 'utf8')) as { version?: string };
    return `wharf ${pkg.version ?? 'unknown'} (node ${process.version})`;
  },

  async start(setup: FtpServerSetup): Promise<RunningFtpServer> {
    const configDir = path.join(setup.workDir, 'config');
    await fs.mkdir(configDir, { recursive: true });
    const user = 'bench';
    const pass = randomBytes(18).toString('hex');
    const proc = await startProcess(
      process.execPath,
      [
        cliPath(setup.projectRoot),
        'serve', 'ftp', setup.fixtureDir,
        '--addr', '127.0.0.1:0',
        '--user', user,
        '--pass', pass,
        '--passive-port', `${setup.passivePorts.min}-${setup.passivePorts.max}`,
        ...extraWharfArgs(),
      ],
      { ...process.env, WHARF_CONFIG_DIR: configDir },
    );
    let port: number | undefined;
    try {
      const m = await proc.waitForOutput(/(?<![a-z])ftp:\/\/\S+:\d+\//, 20_000);
      port = parseFtpListenPort(m[0]);
      if (port === undefined) throw new Error(`cannot read a port from "${m[0]}"`);
    } catch (err) {
      await proc.stop();
      throw new Error(`${(err as Error).message}\n${proc.output()}`);
    }
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
