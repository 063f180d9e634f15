// The FTP suite of `npm run bench`: the W0-W6 workloads with lftp against Wharf's `serve ftp`,
// vsftpd and pure-ftpd in one run; prints the report and writes `<BENCH_OUT>-ftp.json`.
import os from 'node:os';
import path from 'node:path';
import type { BenchConfig } from './config.js';
import type { Teardown } from './environment.js';
import { readFtpServers } from './ftp-config.js';
import { setUpFtpEnvironment } from './ftp-environment.js';
import { formatFtpReport } from './ftp-report.js';
import { computeFtpRatios, ftpMemoryVerdict, type FtpResults, ftpSummary } from './ftp-results.js';
import { measureFtp } from './ftp-runner.js';
import type { FtpRival } from './ftp-targets.js';
import { machineInfo, suiteOutFile, writeJson } from './suite-output.js';
import { findExecutable } from './tools.js';

export interface SuiteContext {
  readonly config: BenchConfig;
  readonly projectRoot: string;
  readonly env: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
  readonly signal: AbortSignal;
  /** Receives the suite's teardown as soon as there is something to tear down. */
  readonly register: (teardown: Teardown) => void;
}

/** Exit status: 0 when every run succeeded (or the suite was skipped), 1 otherwise. */
export async function runFtpSuite(ctx: SuiteContext): Promise<number> {
  const { config, log } = ctx;
  if ((await findExecutable('lftp')) === undefined) {
    log('skipping the FTP suite: lftp not found on PATH (apt-get install lftp)');
    return 0;
  }
  const names = readFtpServers(ctx.env);
  const startedAt = new Date().toISOString();
  const loadBefore = os.loadavg();
  const env = await setUpFtpEnvironment(config, names, ctx.projectRoot, log, ctx.register);
  if (env.servers.length === 0) {
    log('FTP suite: no server could be started; nothing to measure');
    return 1;
  }
  const { workloads, memory } = await measureFtp(config, env, log, ctx.signal);
  const rivals = env.servers.map((s) => s.name).filter((n): n is FtpRival => n !== 'wharf');
  const ratios = computeFtpRatios(workloads, rivals);
  const wharfRanW6 = env.servers.some((s) => s.name === 'wharf') && config.workloads.includes('W6');
  const memoryVerdict = ftpMemoryVerdict(memory, wharfRanW6);
  const results: FtpResults = {
    suite: 'ftp',
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machineInfo(loadBefore),
    config: { ...config, ciphers: undefined, servers: names },
    servers: env.serverInfo,
    workloads,
    memory,
    ratios,
    ...(memoryVerdict === undefined ? {} : { memoryVerdict }),
    summary: ftpSummary(workloads, ratios, memoryVerdict),
  };
  process.stdout.write(`${formatFtpReport(results)}\n`);
  const file = suiteOutFile(config.outFile, 'ftp');
  await writeJson(file, results);
  log(`FTP results written to ${path.relative(process.cwd(), file) || file}`);
  return results.summary.failedRuns > 0 ? 1 : 0;
}
