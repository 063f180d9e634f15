// `npm run bench`: the same SFTP workloads against Wharf, OpenSSH's sshd (internal-sftp) and
// `rclone serve sftp`, driven by OpenSSH's sftp client, printed as a table with Wharf's ratios to
// the others and the targets, and saved as JSON (bench-results/latest.json). Then the FTP
// suite (ftp-suite.ts) and the VFS suite (vfs-suite.ts); BENCH_SUITES picks which run.
// Progress goes to stderr through the Logger; the report goes to stdout.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConsoleLogger } from '../src-shared/logger.js';
import { type BenchConfig, ConfigError, readConfig, type Suite } from './config.js';
import { setUpEnvironment, type Teardown } from './environment.js';
import { readFtpServers } from './ftp-config.js';
import { runFtpSuite } from './ftp-suite.js';
import { formatReport } from './report.js';
import { type BenchResults, countVerdicts } from './results.js';
import { measureAll } from './runner.js';
import { findExecutable } from './tools.js';
import { runVfsSuite } from './vfs-suite.js';
import { removeAtEndNow } from './set-aside.js';

// dist/bench/run.js -> the checkout's root.
const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
const logger = createConsoleLogger('info');
const log = (line: string): void => logger.info(line);

async function preflight(): Promise<void> {
  for (const tool of ['sftp', 'ssh-keygen']) {
    if ((await findExecutable(tool)) === undefined) {
      throw new Error(`${tool} not found on PATH: the bench drives OpenSSH's client (install openssh-client)`);
    }
  }
  if (process.platform !== 'linux') log('memory sampling reads /proc and only works on Linux');
}

function configForJson(config: BenchConfig): Record<string, unknown> {
  return { ...config, ciphers: config.ciphers.map((c) => c.label) };
}

type Register = (t: Teardown) => void;

/** The SFTP suite: servers up, every cipher measured, report printed, JSON written. */
async function runSftpSuite(config: BenchConfig, signal: AbortSignal, register: Register): Promise<number> {
  const startedAt = new Date().toISOString();
  const loadBefore = os.loadavg();
  const env = await setUpEnvironment(config, PROJECT_ROOT, log, register);
  if (env.servers.length === 0) {
    logger.error('no server could be started; nothing to measure');
    return 1;
  }
  const ciphers = await measureAll(config, env, log, signal);
  const failedRuns = ciphers
    .flatMap((c) => c.workloads)
    .flatMap((w) => Object.values(w.servers))
    .reduce((n, r) => n + (r?.failures.length ?? 0), 0);
  const results: BenchResults = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: {
      cores: os.cpus().length,
      loadBefore,
      loadAfter: os.loadavg(),
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
    },
    config: configForJson(config),
    servers: env.serverInfo,
    ciphers,
    summary: { ...countVerdicts(ciphers), failedRuns },
  };
  process.stdout.write(`${formatReport(results)}\n`);
  await fs.mkdir(path.dirname(config.outFile), { recursive: true });
  await fs.writeFile(config.outFile, `${JSON.stringify(results, null, 2)}\n`);
  log(`results written to ${path.relative(process.cwd(), config.outFile) || config.outFile}`);
  return failedRuns > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  let config: BenchConfig;
  try {
    config = readConfig(process.env, PROJECT_ROOT);
    // Validate the FTP server list up front rather than after the SFTP suite has run.
    readFtpServers(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      logger.error(err.message);
      return 2;
    }
    throw err;
  }
  if (config.suites.includes('sftp') || config.suites.includes('vfs')) await preflight();

  let teardown: Teardown | undefined;
  const interrupt = new AbortController();
  const onSignal = (sig: NodeJS.Signals): void => {
    log(`${sig}: stopping servers and cleaning up`);
    interrupt.abort();
    void (teardown?.() ?? Promise.resolve()).then(removeAtEndNow).finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const register: Register = (t) => {
    teardown = t;
  };
  const suiteContext = { config, projectRoot: PROJECT_ROOT, env: process.env, log, signal: interrupt.signal, register };
  const suites: Record<Suite, () => Promise<number>> = {
    sftp: () => runSftpSuite(config, interrupt.signal, register),
    ftp: () => runFtpSuite(suiteContext),
    vfs: () => runVfsSuite(suiteContext),
  };

  log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores; suites: ${config.suites.join(', ')}`);
  let status = 0;
  try {
    for (const suite of config.suites) {
      try {
        status = Math.max(status, await suites[suite]());
      } catch (err) {
        // Interrupted: the signal handler exits once teardown is done; write no partial results.
        if (interrupt.signal.aborted) return 130;
        logger.error(`${suite} suite: ${err instanceof Error ? err.message : String(err)}`);
        status = 1;
      } finally {
        // Each suite's servers are gone before the next suite starts; its temp files wait for the
        // end (set-aside.ts).
        await teardown?.();
        teardown = undefined;
      }
    }
  } finally {
    if (!interrupt.signal.aborted) await removeAtEndNow();
  }
  return status;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    logger.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
