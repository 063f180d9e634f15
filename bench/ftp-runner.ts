// The FTP measurement loop: each workload, each repetition, each server (order rotated per
// repetition, as in the SFTP suite); W6 runs under the memory sampler.
import type { BenchConfig } from './config.js';
import type { FtpServerName } from './ftp-config.js';
import type { FtpEnvironment } from './ftp-environment.js';
import { type FtpWorkload, FTP_WORKLOADS } from './ftp-workloads.js';
import { startMemorySampler } from './memory-sampler.js';
import { memoryResult, type MemoryResult, summarizeRuns } from './results.js';
import type { FtpWorkloadResult } from './ftp-results.js';
import type { RunningFtpServer } from './servers/ftp-server.js';
import { run } from './tools.js';
import { WorkloadFailure } from './workloads.js';

type Log = (line: string) => void;

function rotate<T>(items: readonly T[], by: number): T[] {
  const k = items.length === 0 ? 0 : by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

function describeFailure(err: unknown, server: RunningFtpServer): string {
  const base = err instanceof WorkloadFailure ? err.message : `bench error: ${(err as Error).message}`;
  const status = server.exitStatus();
  if (status === undefined) return base;
  const tail = server.output().trim().split('\n').slice(-3).join(' | ');
  return `${base}; server ${status}${tail ? `: ${tail}` : ''}`;
}

async function runOnce(workload: FtpWorkload, server: RunningFtpServer, env: FtpEnvironment, config: BenchConfig) {
  const status = server.exitStatus();
  if (status !== undefined) return { failure: `server ${status} earlier` };
  await run('sync', []);
  const ctx = {
    config,
    fixtures: env.fixtures,
    target: { port: server.port, user: server.user, pass: server.pass },
    remoteDir: server.remoteDir,
    scratchDir: env.scratchDir,
    clientHome: env.clientHome,
  };
  const sampler = workload.id === 'W6' ? await startMemorySampler(server.pid) : undefined;
  let outcome: { seconds?: number; failure?: string };
  try {
    outcome = { seconds: await workload.run(ctx) };
  } catch (err) {
    outcome = { failure: describeFailure(err, server) };
  }
  return sampler ? { ...outcome, memory: await sampler.stop() } : outcome;
}

export async function measureFtp(
  config: BenchConfig,
  env: FtpEnvironment,
  log: Log,
  signal: AbortSignal,
): Promise<{ workloads: FtpWorkloadResult[]; memory: Partial<Record<FtpServerName, MemoryResult>> }> {
  const memory: Partial<Record<FtpServerName, MemoryResult>> = {};
  const workloads: FtpWorkloadResult[] = [];
  for (const workload of FTP_WORKLOADS.filter((w) => config.workloads.includes(w.id))) {
    const runs = new Map<FtpServerName, { times: number[]; failures: string[] }>(
      env.servers.map((s) => [s.name, { times: [], failures: [] }]),
    );
    for (let rep = 0; rep < config.reps; rep++) {
      for (const server of rotate(env.servers, rep)) {
        signal.throwIfAborted();
        const r = await runOnce(workload, server, env, config);
        const acc = runs.get(server.name) as { times: number[]; failures: string[] };
        if (r.seconds !== undefined) acc.times.push(r.seconds);
        if (r.failure !== undefined) acc.failures.push(r.failure);
        if ('memory' in r && r.memory) {
          const m = memoryResult(r.memory);
          if (m.peakMb > (memory[server.name]?.peakMb ?? -1)) memory[server.name] = m;
        }
        const what = r.seconds !== undefined ? `${r.seconds.toFixed(3)} s` : `FAIL ${r.failure ?? ''}`;
        log(`[ftp] ${workload.id} run ${rep + 1}/${config.reps} ${server.name}: ${what.split('\n')[0] ?? ''}`);
      }
    }
    const servers: FtpWorkloadResult['servers'] = {};
    for (const [name, acc] of runs) {
      servers[name] = summarizeRuns(acc.times, acc.failures, workload.work(config), workload.unit !== undefined);
    }
    workloads.push({ id: workload.id, title: workload.title(config), unit: workload.unit, work: workload.work(config), servers });
  }
  return { workloads, memory };
}
