// The whole harness on tiny sizes against the real OpenSSH sshd and rclone: servers start on
// loopback with key auth, every workload succeeds and verifies its bytes, W6 memory is sampled,
// a wrong result is reported as a failure, and teardown stops the servers (the temp dir goes when
// the bench ends).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../bench/config.js';
import { type BenchEnvironment, setUpEnvironment, type Teardown } from '../../../bench/environment.js';
import { formatReport } from '../../../bench/report.js';
import { removeAtEndNow } from '../../../bench/set-aside.js';
import { measureAll } from '../../../bench/runner.js';
import { sftpBenchClient } from '../../../bench/sftp-client.js';
import { WORKLOADS } from '../../../bench/workloads.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const config = readConfig(
  {
    BENCH_SERVERS: 'openssh rclone',
    BENCH_CIPHERS: 'default',
    BIG_MB: '2',
    PAR_MB: '1',
    PAR_N: '2',
    SMALL_N: '20',
    LIST_N: '300',
    REPS: '1',
    T_BIG: '60',
    T_SMALL: '60',
  },
  ROOT,
);

let env: BenchEnvironment;
let teardown: Teardown | undefined;
const logs: string[] = [];

beforeAll(async () => {
  env = await setUpEnvironment(config, ROOT, (l) => logs.push(l), (t) => {
    teardown = t;
  });
});
afterAll(async () => {
  await teardown?.();
  await removeAtEndNow();
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('bench harness against OpenSSH and rclone', () => {
  it('runs every workload on both servers and samples W6 memory', async () => {
    expect(env.serverInfo.map((s) => [s.name, s.skipped])).toEqual([
      ['openssh', undefined],
      ['rclone', undefined],
    ]);
    const [cipher] = await measureAll(config, env, (l) => logs.push(l));
    expect(cipher?.negotiated.openssh).toMatch(/^[a-z0-9@.-]+/);
    expect(cipher?.negotiated.rclone).toMatch(/^[a-z0-9@.-]+/);
    for (const w of cipher?.workloads ?? []) {
      for (const name of ['openssh', 'rclone'] as const) {
        expect(w.servers[name]?.failures, `${w.id} ${name}`).toEqual([]);
        expect(w.servers[name]?.medianS, `${w.id} ${name}`).toBeGreaterThan(0);
      }
    }
    expect(cipher?.workloads.map((w) => w.id)).toEqual(['W0', 'W1', 'W2', 'W3', 'W4', 'W5', 'W6']);
    // sshd: the listener plus per-connection processes; rclone: one process.
    expect(cipher?.memory.openssh?.processes).toBeGreaterThanOrEqual(3);
    expect(cipher?.memory.rclone?.processes).toBe(1);
    expect(cipher?.memory.rclone?.peakMb).toBeGreaterThan(5);
    // No Wharf in this run: no ratios and no memory verdict.
    expect(cipher?.ratios).toEqual([]);
    expect(cipher?.memoryVerdict).toBeUndefined();
    // Every workload cleaned up after itself: the fixture folder holds only the fixtures.
    expect((await fs.readdir(env.fixtures.dir)).sort()).toEqual(['big.bin', 'list', 'par1.bin', 'par2.bin', 'small']);
    // Small-file folders wait in scratch/aside for the end of the bench (set-aside.ts).
    expect(await fs.readdir(env.scratchDir)).toEqual(['aside']);
    const report = formatReport({
      startedAt: 'now',
      finishedAt: 'now',
      machine: { cores: 2, loadBefore: [0, 0, 0], loadAfter: [0, 0, 0], platform: 'linux', node: process.version },
      config: { ...config },
      servers: env.serverInfo,
      ciphers: cipher ? [cipher] : [],
      summary: { pass: 0, miss: 0, failedRuns: 0 },
    });
    expect(report).toMatch(/^W1 download 2 MiB file\s+\d+\.\d{3} s +[\d.]+ MB\/s +\d+\.\d{3} s +[\d.]+ MB\/s\s*$/m);
    expect(report).toMatch(/^memory \(peak RSS .*OpenSSH [\d.]+ MB, \d+ processes.*; rclone [\d.]+ MB$/m);
  });

  it('reports a wrong result as a failure', async () => {
    const w5 = WORKLOADS.find((w) => w.id === 'W5');
    const server = env.servers[0];
    if (!w5 || !server) throw new Error('setup');
    const ctx = {
      config: { ...config, listN: 301 },
      fixtures: env.fixtures,
      remoteDir: server.remoteDir,
      scratchDir: env.scratchDir,
      client: sftpBenchClient({ port: server.port, user: env.user, keyFile: env.keyFile }, []),
    };
    await expect(w5.run(ctx)).rejects.toThrow('listed 300 entries instead of 301');
    await expect(w5.run({ ...ctx, remoteDir: `${server.remoteDir}/missing` })).rejects.toThrow(/sftp exit 1/);
  });

  it('stops every server on teardown, and removes the temp dir when the bench ends', async () => {
    const pids = env.servers.map((s) => s.pid);
    expect(pids.every(alive)).toBe(true);
    await teardown?.();
    expect(pids.some(alive)).toBe(false);
    // Kept until the end: deleting it now would slow the next suite's file creations.
    await fs.access(env.root);
    await removeAtEndNow();
    await expect(fs.access(env.root)).rejects.toThrow();
  });
});
