// `npm run bench`: the same SFTP workloads against Wharf, OpenSSH's sshd (internal-sftp) and
// `rclone serve sftp`, driven by OpenSSH's sftp client, printed as a table with Wharf's ratios to
// the others and the targets, and saved as JSON (bench-results/latest.json).
// Progress goes to stderr through the Logger; the report goes to stdout.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConsoleLogger } from '../src-shared/logger.js';
import { type BenchConfig, ConfigError, readConfig } from './config.js';
import { setUpEnvironment, type Teardown } from './environment.js';
import { formatReport } from './report.js';
import { type BenchResults, countVerdicts } from './results.js';
import { measureAll } from './runner.js';
import { findExecutable } from './tools.js';

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

async function main(): Promise<number> {
  let config: BenchConfig;
  try {
    config = readConfig(process.env, PROJECT_ROOT);
  } catch (err) {
    if (err instanceof ConfigError) {
      logger.error(err.message);
      return 2;
    }
    throw err;
  }
  await preflight();

  let teardown: Teardown | undefined;
  const interrupt = new AbortController();
  const onSignal = (sig: NodeJS.Signals): void => {
    log(`${sig}: stopping servers and cleaning up`);
    interrupt.abort();
    void (teardown?.() ?? Promise.resolve()).finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const startedAt = new Date().toISOString();
  const loadBefore = os.loadavg();
  log(`load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores`);
  try {
    const env = await setUpEnvironment(config, PROJECT_ROOT, log, (t) => {
      teardown = t;
    });
    if (env.servers.length === 0) {
      logger.error('no server could be started; nothing to measure');
      return 1;
    }
    let ciphers: Awaited<ReturnType<typeof measureAll>>;
    try {
      ciphers = await measureAll(config, env, log, interrupt.signal);
    } catch (err) {
      // Interrupted: the signal handler exits once teardown is done; write no partial results.
      if (interrupt.signal.aborted) return 130;
      throw err;
    }
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
  } finally {
    await teardown?.();
  }
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
