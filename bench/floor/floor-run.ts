// `npm run bench:floor`: how fast could any server on Wharf's stack be on the small-file workloads
// (and the SFTP listing)? It runs the bench's own client commands (OpenSSH's sftp, lftp with the
// bench's settings) against the servers of a normal bench run and against the no-op responders of
// floor-server.ts (ssh2 for SFTP, Node's net for FTP), rotating the order each repetition, and
// prints each median with the floor's and Wharf's ratios to the rivals beside the targets.
// A floor below a target means no server built on that stack can meet the target on this machine.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createConsoleLogger } from '../../src-shared/logger.js';
import { readConfig, type BenchConfig, type WorkloadId } from '../config.js';
import { setUpEnvironment, type Teardown } from '../environment.js';
import { LFTP_COMMANDS, lftpBenchClient } from '../ftp-client.js';
import { readFtpServers } from '../ftp-config.js';
import { setUpFtpEnvironment } from '../ftp-environment.js';
import { ftpSpeedTarget, type FtpRival } from '../ftp-targets.js';
import { rotate } from '../measure-run.js';
import type { PortRange } from '../passive-ports.js';
import { setAside, removeAtEndNow } from '../set-aside.js';
import { startProcess } from '../servers/managed-process.js';
import { SFTP_COMMANDS, sftpBenchClient } from '../sftp-client.js';
import { median, speedRatio } from '../stats.js';
import { speedTarget, type Rival } from '../targets.js';
import type { BenchClient, ClientCommands } from '../workloads.js';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const logger = createConsoleLogger('info');
const log = (line: string): void => logger.info(line);

/** One server as the driver sees it: a name and the bench's client aimed at it. */
interface Contender {
  readonly name: string;
  readonly remoteDir: string;
  readonly client: BenchClient;
}

/** A workload: the client commands for a server and run name, and what to tidy after the run. */
interface FloorWorkload {
  readonly id: WorkloadId;
  commands(remoteDir: string, runName: string): readonly string[];
  tidy(runName: string): Promise<void>;
}

/**
 * W3 and W4 as both protocols run them: W3 uploads the small-file fixture under a fresh name
 * beside it, W4 downloads it into the scratch folder; each run's result is set aside, not deleted.
 */
function smallFileWorkloads(client: ClientCommands, fixtureDir: string, small: string, scratchDir: string): FloorWorkload[] {
  const out = path.join(scratchDir, 'download');
  return [
    {
      id: 'W3',
      commands: (remote, name) => client.W3(path.join(fixtureDir, small), `${remote}/${name}`),
      tidy: (name) => setAside(scratchDir, path.join(fixtureDir, name)),
    },
    { id: 'W4', commands: (remote) => client.W4(`${remote}/${small}`, out), tidy: () => setAside(scratchDir, out) },
  ];
}

/** `args` as floor-server.ts takes them after the protocol. */
async function startFloor(protocol: 'sftp' | 'ftp', args: readonly string[]) {
  const script = path.join(PROJECT_ROOT, 'dist', 'bench', 'floor', 'floor-server.js');
  const proc = await startProcess(process.execPath, [script, protocol, ...args]);
  const m = await proc.waitForOutput(/floor listening on 127\.0\.0\.1:(\d+)/, 20_000);
  return { proc, port: Number(m[1]) };
}

/** Every workload against every contender, `config.reps` times in rotating order: seconds per contender. */
async function measure(workloads: readonly FloorWorkload[], contenders: readonly Contender[], config: BenchConfig, label: string) {
  const out = new Map<WorkloadId, Map<string, number[]>>();
  for (const w of workloads) {
    const times = new Map(contenders.map((c) => [c.name, [] as number[]]));
    for (let rep = 0; rep < config.reps; rep++) {
      for (const c of rotate(contenders, rep)) {
        const runName = `${w.id.toLowerCase()}-${c.name}-${rep}`;
        const r = await c.client.run(w.commands(c.remoteDir, runName), config.timeoutSmallS);
        await w.tidy(runName);
        if (r.ok) times.get(c.name)?.push(r.seconds);
        else log(`[${label}] ${w.id} ${c.name} failed: ${r.problem.split('\n')[0] ?? ''}`);
      }
    }
    out.set(w.id, times);
  }
  return out;
}

function report(
  label: string,
  results: Map<WorkloadId, Map<string, number[]>>,
  rivals: readonly string[],
  target: (w: WorkloadId, rival: string) => number | undefined,
): string[] {
  const lines = [`${label}: median seconds; ratio = rival's time / this one's (higher is faster)`];
  for (const [id, times] of results) {
    const med = new Map([...times].map(([name, t]) => [name, median(t)]));
    const cells = [...med].map(([name, s]) => `${name} ${s === undefined ? '-' : s.toFixed(3)}`);
    lines.push(`  ${id}  ${cells.join('  ')}`);
    for (const rival of rivals) {
      const goal = target(id, rival);
      if (goal === undefined || !med.has(rival)) continue;
      const ratio = (name: string): string => speedRatio(med.get(name), med.get(rival))?.toFixed(2) ?? '-';
      const floors = [...med.keys()].filter((n) => n.startsWith('floor')).map((n) => `${n} ${ratio(n)}x`);
      lines.push(`      vs ${rival}: ${floors.join(', ')}, wharf ${ratio('wharf')}x, target ${goal}x`);
    }
  }
  return lines;
}

async function sftpFloor(config: BenchConfig, register: (t: Teardown) => void): Promise<string[]> {
  const env = await setUpEnvironment(config, PROJECT_ROOT, log, register);
  const fx = env.fixtures;
  const floor = await startFloor('sftp', [path.join(fx.dir, fx.small), path.join(fx.dir, fx.list)]);
  register(() => floor.proc.stop());
  const login = { user: env.user, keyFile: env.keyFile };
  const contenders = (sftpArgs: readonly string[]): Contender[] => [
    ...env.servers.map((s) => ({ name: s.name, remoteDir: s.remoteDir, port: s.port })),
    { name: 'floor', remoteDir: '', port: floor.port },
  ].map((c) => ({
    name: c.name,
    remoteDir: c.remoteDir,
    client: sftpBenchClient({ ...login, port: c.port }, sftpArgs),
  }));
  const workloads: FloorWorkload[] = [
    ...smallFileWorkloads(SFTP_COMMANDS, fx.dir, fx.small, env.scratchDir),
    { id: 'W5', commands: (remote) => SFTP_COMMANDS.W5(`${remote}/${fx.list}`), tidy: async () => undefined },
  ];
  const lines: string[] = [];
  for (const cipher of config.ciphers) {
    const results = await measure(workloads, contenders(cipher.sftpArgs), config, `sftp ${cipher.label}`);
    lines.push(...report(`SFTP, cipher ${cipher.label}`, results, ['openssh', 'rclone'], (w, r) => speedTarget(w, r as Rival)));
  }
  return lines;
}

const passiveArg = (r: PortRange): string => `--passive=${r.min}-${r.max}`;

async function ftpFloor(config: BenchConfig, register: (t: Teardown) => void): Promise<string[]> {
  const env = await setUpFtpEnvironment(config, readFtpServers(process.env), PROJECT_ROOT, log, register, 2);
  const fx = env.fixtures;
  const [bare, files] = env.spareRanges;
  if (bare === undefined || files === undefined) throw new Error('the FTP environment set aside fewer than 2 passive ranges');
  const floor = await startFloor('ftp', [passiveArg(bare), path.join(fx.dir, fx.small)]);
  register(() => floor.proc.stop());
  // The floor plus the least file work an upload needs, on the fixtures' file system.
  const storeDir = path.join(env.scratchDir, 'floor-store');
  await mkdir(storeDir);
  const withFiles = await startFloor('ftp', [passiveArg(files), `--store=${storeDir}`, path.join(fx.dir, fx.small)]);
  register(() => withFiles.proc.stop());
  const floorLogin = { user: 'floor', pass: 'floor' };
  const contenders: Contender[] = [
    ...env.servers.map((s) => ({ name: s.name, remoteDir: s.remoteDir, target: { port: s.port, user: s.user, pass: s.pass } })),
    { name: 'floor', remoteDir: '', target: { port: floor.port, ...floorLogin } },
    { name: 'floor+files', remoteDir: '', target: { port: withFiles.port, ...floorLogin } },
  ].map((c) => ({
    name: c.name,
    remoteDir: c.remoteDir,
    client: lftpBenchClient(c.target, env.clientHome),
  }));
  const workloads = smallFileWorkloads(LFTP_COMMANDS, fx.dir, fx.small, env.scratchDir);
  const results = await measure(workloads, contenders, config, 'ftp');
  return report('FTP (lftp)', results, ['vsftpd'], (w, r) => ftpSpeedTarget(w, r as FtpRival));
}

async function main(): Promise<number> {
  // Only the small files and the listing are measured: keep the big fixtures tiny.
  const env = { BIG_MB: '1', PAR_MB: '1', PAR_N: '1', REPS: '5', ...process.env };
  const config = readConfig(env, PROJECT_ROOT);
  const teardowns: Teardown[] = [];
  const register = (t: Teardown): void => void teardowns.push(t);
  try {
    const lines: string[] = [];
    if (config.suites.includes('sftp')) lines.push(...(await sftpFloor(config, register)));
    if (config.suites.includes('ftp')) lines.push(...(await ftpFloor(config, register)));
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    for (const t of teardowns.reverse()) await t();
    await removeAtEndNow();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    logger.error(err.stack ?? err.message);
    process.exit(1);
  },
);
