// Everything a bench run stands up and tears down: one temp root holding the fixtures, a scratch
// folder for downloads, the client key pair and authorized_keys, and each server's private folder;
// then the servers themselves. Teardown stops every started server by PID and removes the temp root.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchConfig, ServerName } from './config.js';
import { createFixtures, type Fixtures } from './fixtures.js';
import type { ServerInfo } from './results.js';
import { opensshLauncher } from './servers/openssh.js';
import { rcloneLauncher } from './servers/rclone.js';
import type { RunningServer, ServerLauncher } from './servers/server.js';
import { wharfLauncher } from './servers/wharf.js';
import { run } from './tools.js';
import { removeAtEnd } from './set-aside.js';

export const LAUNCHERS: Readonly<Record<ServerName, ServerLauncher>> = {
  wharf: wharfLauncher,
  openssh: opensshLauncher,
  rclone: rcloneLauncher,
};

export interface BenchEnvironment {
  readonly root: string;
  readonly fixtures: Fixtures;
  readonly scratchDir: string;
  readonly keyFile: string;
  readonly user: string;
  readonly servers: readonly RunningServer[];
  readonly serverInfo: readonly ServerInfo[];
}

export interface Teardown {
  /** Stop what was started so far and remove the temp root (unless kept). Safe to call twice. */
  (): Promise<void>;
}

/**
 * Build the environment step by step; `register` receives the teardown first, so an interrupt in
 * the middle of setup still cleans up whatever exists by then.
 */
export async function setUpEnvironment(
  config: BenchConfig,
  projectRoot: string,
  log: (line: string) => void,
  register: (teardown: Teardown) => void,
): Promise<BenchEnvironment> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'wharf-bench-'));
  const started: RunningServer[] = [];
  let tornDown = false;
  register(async () => {
    if (tornDown) return;
    tornDown = true;
    await Promise.all(started.map((s) => s.stop().catch(() => undefined)));
    if (config.keep) log(`kept ${root}`);
    else removeAtEnd(root);
  });

  const keyDir = path.join(root, 'client');
  await fs.mkdir(keyDir);
  const keyFile = path.join(keyDir, 'id_ed25519');
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'wharf-bench-client', '-f', keyFile]);
  const authorizedKeysFile = path.join(keyDir, 'authorized_keys');
  await fs.copyFile(`${keyFile}.pub`, authorizedKeysFile);
  const user = os.userInfo().username;

  log(`creating fixtures in ${root} ...`);
  const fixtures = await createFixtures(path.join(root, 'fixtures'), config);
  const scratchDir = path.join(root, 'scratch');
  await fs.mkdir(scratchDir);

  const serverInfo: ServerInfo[] = [];
  for (const name of config.servers) {
    const launcher = LAUNCHERS[name];
    const base = { name, title: launcher.title };
    const reason = await launcher.unavailable({ projectRoot });
    if (reason !== undefined) {
      log(`skipping ${launcher.title}: ${reason}`);
      serverInfo.push({ ...base, skipped: reason });
      continue;
    }
    const version = await launcher.version({ projectRoot });
    const workDir = path.join(root, name);
    await fs.mkdir(workDir);
    try {
      const server = await launcher.start({ fixtureDir: fixtures.dir, workDir, user, authorizedKeysFile, projectRoot });
      started.push(server);
      log(`${launcher.title} listening on 127.0.0.1:${server.port} (pid ${server.pid})`);
      serverInfo.push({ ...base, version });
    } catch (err) {
      const why = `failed to start: ${(err as Error).message.split('\n').slice(0, 6).join(' | ')}`;
      log(`skipping ${launcher.title}: ${why}`);
      serverInfo.push({ ...base, version, skipped: why });
    }
  }
  return { root, fixtures, scratchDir, keyFile, user, servers: started, serverInfo };
}
