// Wharf's own CLI (`serve sftp`) from the build in dist/, over the fixture folder with key auth, its
// config dir (host key, settings) in the bench's temp dir. It binds port 0 and prints its address.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { extraWharfArgs, startProcess } from './managed-process.js';
import type { RunningServer, ServerLauncher, ServerSetup } from './server.js';

function cliPath(projectRoot: string): string {
  return path.join(projectRoot, 'dist', 'src-main', 'cli', 'main.js');
}

/** The port from the line the CLI prints once listening (`... sftp://HOST:PORT/ ...`). */
export function parseListenPort(output: string): number | undefined {
  const m = /sftp:\/\/(?:\[[^\]\s]+\]|[^\s/:]+):(\d{1,5})\//.exec(output);
  const port = m?.[1] === undefined ? NaN : Number(m[1]);
  return port > 0 && port < 65536 ? port : undefined;
}

export const wharfLauncher: ServerLauncher = {
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
    const pkg = JSON.parse(await fs.readFile(path.join(projectRoot, 'package.json'), 'utf8')) as {
      version?: string;
    };
    return `wharf ${pkg.version ?? 'unknown'} (node ${process.version})`;
  },

  async start(setup: ServerSetup): Promise<RunningServer> {
    const configDir = path.join(setup.workDir, 'config');
    await fs.mkdir(configDir, { recursive: true });
    const proc = await startProcess(
      // The same Node that runs the bench (Node 24 under npm run, which the native binding is built for).
      process.execPath,
      [
        cliPath(setup.projectRoot),
        'serve', 'sftp', setup.fixtureDir,
        '--addr', '127.0.0.1:0',
        '--user', setup.user,
        // Key auth is what the bench uses; the password only satisfies the CLI and is never sent.
        '--pass', randomBytes(18).toString('base64url'),
        '--authorized-keys', setup.authorizedKeysFile,
        ...extraWharfArgs(),
      ],
      { ...process.env, WHARF_CONFIG_DIR: configDir },
    );
    let port: number | undefined;
    try {
      const m = await proc.waitForOutput(/sftp:\/\/\S+:\d+\//, 20_000);
      port = parseListenPort(m[0]);
      if (port === undefined) throw new Error(`cannot read a port from "${m[0]}"`);
    } catch (err) {
      await proc.stop();
      throw new Error(`${(err as Error).message}\n${proc.output()}`);
    }
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
