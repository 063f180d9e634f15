// What an FTP suite run stands up and tears down: a temp root holding a root-owned served folder with
// the fixtures one level down (world-writable, for servers that upload as an unprivileged account),
// a scratch folder for downloads, lftp's home, each server's private folder, and the servers, each on
// its own passive port range. Teardown stops every started server by PID and removes the temp root.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchConfig } from './config.js';
import type { Teardown } from './environment.js';
import { createFixtures, type Fixtures } from './fixtures.js';
import { ephemeralLow, passiveBase, type PortRange } from './passive-ports.js';
import type { FtpServerName } from './ftp-config.js';
import type { FtpServerInfo } from './ftp-results.js';
import type { FtpServerLauncher, RunningFtpServer } from './servers/ftp-server.js';
import { pureFtpdLauncher } from './servers/pure-ftpd.js';
import { vsftpdLauncher } from './servers/vsftpd.js';
import { wharfFtpLauncher } from './servers/wharf-ftp.js';
import { removeAtEnd } from './set-aside.js';

export const FTP_LAUNCHERS: Readonly<Record<FtpServerName, FtpServerLauncher>> = {
  wharf: wharfFtpLauncher,
  vsftpd: vsftpdLauncher,
  'pure-ftpd': pureFtpdLauncher,
};

/** Ports per server for passive data connections (W6 opens PAR_N at once; TIME_WAIT needs slack). */
const PASSIVE_SPAN = 200;

export interface FtpEnvironment {
  readonly root: string;
  readonly fixtures: Fixtures;
  readonly scratchDir: string;
  readonly clientHome: string;
  readonly servers: readonly RunningFtpServer[];
  readonly serverInfo: readonly FtpServerInfo[];
  /** `spare` more passive ranges, past the servers' own, for the caller's own servers (floor run). */
  readonly spareRanges: readonly PortRange[];
}

export async function setUpFtpEnvironment(
  config: BenchConfig,
  servers: readonly FtpServerName[],
  projectRoot: string,
  log: (line: string) => void,
  register: (teardown: Teardown) => void,
  spare = 0,
): Promise<FtpEnvironment> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'wharf-bench-ftp-'));
  const started: RunningFtpServer[] = [];
  let tornDown = false;
  register(async () => {
    if (tornDown) return;
    tornDown = true;
    await Promise.all(started.map((s) => s.stop().catch(() => undefined)));
    if (config.keep) log(`kept ${root}`);
    else removeAtEnd(root);
  });
  // Servers that drop privileges must traverse down to the fixtures.
  await fs.chmod(root, 0o755);
  const servedRoot = path.join(root, 'served');
  await fs.mkdir(servedRoot, { mode: 0o755 });
  log(`creating FTP fixtures in ${root} ...`);
  const fixtures = await createFixtures(path.join(servedRoot, 'fixtures'), config);
  await fs.chmod(fixtures.dir, 0o777);
  const scratchDir = path.join(root, 'scratch');
  await fs.mkdir(scratchDir);
  const clientHome = path.join(root, 'lftp-home');
  await fs.mkdir(clientHome, { mode: 0o700 });

  const ephemeral = ephemeralLow(await fs.readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => undefined));
  const base = passiveBase(ephemeral, PASSIVE_SPAN, servers.length + spare);
  const range = (i: number): PortRange => ({ min: base + i * PASSIVE_SPAN, max: base + (i + 1) * PASSIVE_SPAN - 1 });
  const serverInfo: FtpServerInfo[] = [];
  for (const [i, name] of servers.entries()) {
    const launcher = FTP_LAUNCHERS[name];
    const info = { name, title: launcher.title };
    const reason = await launcher.unavailable({ projectRoot });
    if (reason !== undefined) {
      log(`skipping ${launcher.title}: ${reason}`);
      serverInfo.push({ ...info, skipped: reason });
      continue;
    }
    const version = await launcher.version({ projectRoot });
    const workDir = path.join(root, `server-${name}`);
    await fs.mkdir(workDir, { mode: 0o700 });
    const passivePorts = range(i);
    try {
      const server = await launcher.start({ servedRoot, fixtureDir: fixtures.dir, workDir, projectRoot, passivePorts });
      started.push(server);
      log(`${launcher.title} listening on 127.0.0.1:${server.port} (pid ${server.pid}, passive ${passivePorts.min}-${passivePorts.max})`);
      serverInfo.push({ ...info, version });
    } catch (err) {
      const why = `failed to start: ${(err as Error).message.split('\n').slice(0, 6).join(' | ')}`;
      log(`skipping ${launcher.title}: ${why}`);
      serverInfo.push({ ...info, version, skipped: why });
    }
  }
  const spareRanges = Array.from({ length: spare }, (_, i) => range(servers.length + i));
  return { root, fixtures, scratchDir, clientHome, servers: started, serverInfo, spareRanges };
}
