// The measurement loop: for each cipher, each workload, each repetition, each server (the server
// order rotates per repetition so no server always runs first after a sync or a cold cache). W6 runs
// under the memory sampler. Returns raw times folded into medians, ratios and verdicts.
import type { BenchConfig, CipherSetting, ServerName } from './config.js';
import type { BenchEnvironment } from './environment.js';
import { measureRun, rotate, type RunOutcome } from './measure-run.js';
import {
  computeRatios,
  type CipherResult,
  memoryResult,
  type MemoryResult,
  summarizeRuns,
  wharfMemoryVerdict,
  type WorkloadResult,
} from './results.js';
import type { RunningServer } from './servers/server.js';
import { probeCipher, SFTP_TITLES, sftpBenchClient } from './sftp-client.js';
import type { Rival } from './targets.js';
import { type Workload, WORKLOADS } from './workloads.js';

type Log = (line: string) => void;

async function runOnce(
  workload: Workload,
  server: RunningServer,
  env: BenchEnvironment,
  config: BenchConfig,
  cipher: CipherSetting,
): Promise<RunOutcome> {
  const ctx = {
    config,
    fixtures: env.fixtures,
    remoteDir: server.remoteDir,
    scratchDir: env.scratchDir,
    client: sftpBenchClient({ port: server.port, user: env.user, keyFile: env.keyFile }, cipher.sftpArgs),
  };
  return measureRun(workload, ctx, server);
}

async function measureCipher(
  config: BenchConfig,
  env: BenchEnvironment,
  cipher: CipherSetting,
  log: Log,
  signal: AbortSignal,
): Promise<CipherResult> {
  const negotiated: Partial<Record<ServerName, string>> = {};
  for (const s of env.servers) {
    negotiated[s.name] = await probeCipher({ port: s.port, user: env.user, keyFile: env.keyFile }, cipher.sftpArgs);
    log(`[${cipher.label}] ${s.name} negotiates ${negotiated[s.name] ?? '?'}`);
  }
  const memory: Partial<Record<ServerName, MemoryResult>> = {};
  const workloads: WorkloadResult[] = [];
  for (const workload of WORKLOADS.filter((w) => config.workloads.includes(w.id))) {
    const runs = new Map<ServerName, { times: number[]; failures: string[] }>(
      env.servers.map((s) => [s.name, { times: [], failures: [] }]),
    );
    for (let rep = 0; rep < config.reps; rep++) {
      for (const server of rotate(env.servers, rep)) {
        // An interrupted bench stops here rather than recording every remaining run as failed.
        signal.throwIfAborted();
        const r = await runOnce(workload, server, env, config, cipher);
        const acc = runs.get(server.name) as { times: number[]; failures: string[] };
        if (r.seconds !== undefined) acc.times.push(r.seconds);
        if (r.failure !== undefined) acc.failures.push(r.failure);
        if (r.memory) {
          const m = memoryResult(r.memory);
          if (m.peakMb > (memory[server.name]?.peakMb ?? -1)) memory[server.name] = m;
        }
        const what = r.seconds !== undefined ? `${r.seconds.toFixed(3)} s` : `FAIL ${r.failure ?? ''}`;
        log(`[${cipher.label}] ${workload.id} run ${rep + 1}/${config.reps} ${server.name}: ${what.split('\n')[0] ?? ''}`);
      }
    }
    const servers: WorkloadResult['servers'] = {};
    for (const [name, acc] of runs) {
      servers[name] = summarizeRuns(acc.times, acc.failures, workload.work(config), workload.unit !== undefined);
    }
    workloads.push({ id: workload.id, title: SFTP_TITLES[workload.id](config), unit: workload.unit, work: workload.work(config), servers });
  }
  const rivals = env.servers.map((s) => s.name).filter((n): n is Rival => n !== 'wharf');
  const wharfMeasured = env.servers.some((s) => s.name === 'wharf');
  const memoryVerdict = wharfMemoryVerdict(memory, wharfMeasured && config.workloads.includes('W6'));
  return {
    label: cipher.label,
    sftpArgs: cipher.sftpArgs,
    negotiated,
    workloads,
    memory,
    ratios: computeRatios(workloads, rivals),
    ...(memoryVerdict === undefined ? {} : { memoryVerdict }),
  };
}

export async function measureAll(
  config: BenchConfig,
  env: BenchEnvironment,
  log: Log,
  signal: AbortSignal = new AbortController().signal,
): Promise<CipherResult[]> {
  const out: CipherResult[] = [];
  for (const cipher of config.ciphers) out.push(await measureCipher(config, env, cipher, log, signal));
  return out;
}
