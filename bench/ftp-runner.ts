// The FTP measurement loop: each workload, each repetition, each server (order rotated per
// repetition, as in the SFTP suite); W6 runs under the memory sampler.
import type { BenchConfig } from './config.js';
import type { FtpServerName } from './ftp-config.js';
import type { FtpEnvironment } from './ftp-environment.js';
import { LFTP_TITLES, lftpBenchClient } from './ftp-client.js';
import { type Workload, WORKLOADS } from './workloads.js';
import { measureRun, rotate } from './measure-run.js';
import { memoryResult, type MemoryResult, summarizeRuns } from './results.js';
import type { FtpWorkloadResult } from './ftp-results.js';
import type { RunningFtpServer } from './servers/ftp-server.js';

type Log = (line: string) => void;

async function runOnce(workload: Workload, server: RunningFtpServer, env: FtpEnvironment, config: BenchConfig) {
  const ctx = {
    config,
    fixtures: env.fixtures,
    remoteDir: server.remoteDir,
    scratchDir: env.scratchDir,
    client: lftpBenchClient({ port: server.port, user: server.user, pass: server.pass }, env.clientHome),
  };
  return measureRun(workload, ctx, server);
}

export async function measureFtp(
  config: BenchConfig,
  env: FtpEnvironment,
  log: Log,
  signal: AbortSignal,
): Promise<{ workloads: FtpWorkloadResult[]; memory: Partial<Record<FtpServerName, MemoryResult>> }> {
  const memory: Partial<Record<FtpServerName, MemoryResult>> = {};
  const workloads: FtpWorkloadResult[] = [];
  for (const workload of WORKLOADS.filter((w) => config.workloads.includes(w.id))) {
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
    workloads.push({ id: workload.id, title: LFTP_TITLES[workload.id](config), unit: workload.unit, work: workload.work(config), servers });
  }
  return { workloads, memory };
}
