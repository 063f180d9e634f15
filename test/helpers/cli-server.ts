// Runs the real, built `wharf` CLI (dist/src-main/cli/main.js; `npm test` builds first) as a child
// process: start a server and parse the lines it prints, or run a command that should fail. Every
// process started here is tracked and stopped by PID.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI_MAIN = path.join(ROOT, 'dist/src-main/cli/main.js');
export const BIN_SHIM = path.join(ROOT, 'bin/wharf.cjs');

const STARTUP_TIMEOUT_MS = 20_000;

export interface CliServer {
  readonly host: string;
  readonly port: number;
  readonly fingerprints: readonly string[];
  readonly pid: number;
  readonly child: ChildProcess;
  /** Everything the process printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit status once the process is gone. */
  readonly exited: Promise<ExitStatus>;
  /** Sends `signal` (SIGTERM by default) by PID and waits for the exit; SIGKILL after a timeout. */
  stop(signal?: NodeJS.Signals): Promise<ExitStatus>;
}

export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface CliEnvOptions {
  /** WHARF_CONFIG_DIR for the process; a fresh temp dir when absent. */
  readonly configDir?: string;
  /** HOME for the process; an empty temp dir by default, so the tester's own ~/.ssh is never used. */
  readonly home?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Run through bin/wharf.cjs with this Node instead of `node dist/.../main.js`. */
  readonly viaShim?: string;
}

const running = new Set<ChildProcess>();
const tempDirs = new Set<string>();

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `wharf-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

function checkBuilt(): void {
  if (!existsSync(CLI_MAIN)) throw new Error(`${CLI_MAIN} is missing: run npm run build first (npm test does)`);
}

async function spawnCli(args: readonly string[], options: CliEnvOptions): Promise<ChildProcess> {
  checkBuilt();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    HOME: options.home ?? (await tempDir('home')),
    WHARF_CONFIG_DIR: options.configDir ?? (await tempDir('config')),
    ...options.env,
  };
  const [command, argv] = options.viaShim
    ? [options.viaShim, [BIN_SHIM, ...args]]
    : [process.execPath, [CLI_MAIN, ...args]];
  const child = spawn(command, argv, { cwd: options.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

function exitOf(child: ChildProcess): Promise<ExitStatus> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Starts `wharf serve sftp DIR --addr 127.0.0.1:0 ...args` and waits for its "Serving" line. */
export async function startCliServer(dir: string, args: readonly string[], options: CliEnvOptions = {}): Promise<CliServer> {
  const addr = args.some((a) => a === '--addr' || a.startsWith('--addr=')) ? [] : ['--addr', '127.0.0.1:0'];
  const child = await spawnCli(['serve', 'sftp', dir, ...addr, ...args], options);
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (err += s));
  const exited = exitOf(child);

  const serving = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`no "Serving" line within ${STARTUP_TIMEOUT_MS} ms`)), STARTUP_TIMEOUT_MS);
    const check = (): void => {
      const m = /^Serving .* over SFTP on sftp:\/\/(\[[^\]]+\]|[^:/]+):(\d+)\/$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    const fail = (e: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${e.message}\nstdout: ${out}\nstderr: ${err}`));
    };
    child.stdout?.on('data', check);
    void exited.then((s) => fail(new Error(`wharf exited early (${s.code ?? s.signal})`)));
  });

  const fingerprints = [...out.matchAll(/^Host key fingerprint: (SHA256:[A-Za-z0-9+/]+)$/gm)].map((m) => m[1] ?? '');
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<ExitStatus> => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(child.pid, signal);
    const killer = setTimeout(() => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 15_000);
    const status = await exited;
    clearTimeout(killer);
    return status;
  };
  return {
    host: (serving[1] ?? '').replace(/^\[|\]$/g, ''),
    port: Number(serving[2]),
    fingerprints,
    pid: child.pid ?? -1,
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    stop,
  };
}

export interface CliRun extends ExitStatus {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI to completion (for commands that exit by themselves: errors, --help, --version). */
export async function runCliCommand(args: readonly string[], options: CliEnvOptions = {}, timeoutMs = 20_000): Promise<CliRun> {
  const child = await spawnCli(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const timer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), timeoutMs);
  const status = await exitOf(child);
  clearTimeout(timer);
  return { ...status, stdout, stderr };
}

/** For afterAll: kills by PID anything a test left running and removes the temp dirs. */
export async function cleanupCli(): Promise<void> {
  for (const child of running) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid, 'SIGKILL');
      await exitOf(child);
    }
  }
  await Promise.all([...tempDirs].map((dir) => rm(dir, { recursive: true, force: true })));
  tempDirs.clear();
}
