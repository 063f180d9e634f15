// The VFS suite of `npm run bench` (issue 3): its own temp environment (fixtures, client key, no
// servers of the SFTP suite), then the VFS bench parts of vfs-bench.ts (an OpenSSH sshd as the SFTP
// remote; V1 cached second read in --vfs-cache-mode full against a local share, V2 crash rounds);
// prints the report and writes `<BENCH_OUT>-vfs.json`.
import os from 'node:os';
import path from 'node:path';
import { setUpEnvironment } from './environment.js';
import type { SuiteContext } from './ftp-suite.js';
import { machineInfo, suiteOutFile, writeJson } from './suite-output.js';
import { formatVfsReport, runVfsBench, vfsBenchFailed } from './vfs-bench.js';

export async function runVfsSuite(ctx: SuiteContext): Promise<number> {
  const { config, log } = ctx;
  const startedAt = new Date().toISOString();
  const loadBefore = os.loadavg();
  // Only the fixtures and the client key are needed: no SFTP-suite server is started.
  const env = await setUpEnvironment({ ...config, servers: [] }, ctx.projectRoot, log, ctx.register);
  const result = await runVfsBench(config, env, ctx.projectRoot, log, ctx.signal);
  if (result === undefined) {
    log('VFS suite skipped (BENCH_VFS=0)');
    return 0;
  }
  const m = machineInfo(loadBefore);
  process.stdout.write(
    `\nWharf VFS bench, ${startedAt}\n` +
      `machine: ${m.cores} cores, ${m.platform}, node ${m.node}, load before ${m.loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${m.loadAfter.map((l) => l.toFixed(2)).join(' ')}\n` +
      `sizes: BIG ${config.bigMb} MiB; median of ${config.reps} run(s)${config.quick ? ' (BENCH_QUICK)' : ''}; MB = 10^6 bytes` +
      `${formatVfsReport(result)}\n`,
  );
  const file = suiteOutFile(config.outFile, 'vfs');
  await writeJson(file, { suite: 'vfs', startedAt, finishedAt: new Date().toISOString(), machine: m, config: { ...config, ciphers: undefined }, result });
  log(`VFS results written to ${path.relative(process.cwd(), file) || file}`);
  return vfsBenchFailed(result) ? 1 : 0;
}
