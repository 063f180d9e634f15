// Shared by the `wharf serve` VFS and auth-proxy tests: runs the built CLI (`serve sftp` or `serve
// ftp`, with or without PATH) as a child process, waits for its "Serving" line, and stops it by PID
// (SIGTERM, SIGHUP, or SIGKILL for the crash tests). Also a real OpenSSH sshd (test/helpers/sshd.ts)
// for a test file's serves to use as a remote, with the connection string for a temp folder on it,
// and small polling and disk-usage helpers.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdir, lstat } from 'node:fs/promises';
import path from 'node:path';
import ssh2 from 'ssh2';
import type { SFTPWrapper } from 'ssh2';
import { afterAll, beforeAll } from 'vitest';
import { cleanupCli, CLI_MAIN, ROOT, tempDir } from '../helpers/cli-server.js';
import type { ExitStatus } from '../helpers/cli-server.js';
import { startSshd } from '../helpers/sshd.js';
import type { Sshd } from '../helpers/sshd.js';

const STARTUP_TIMEOUT_MS = 20_000;
export const USER = 'tester';
export const PASS = 'test-password';

export interface Serve {
  readonly port: number;
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<ExitStatus>;
  /** Sends `signal` by PID and waits for the exit (SIGKILL after 20 s). */
  stop(signal?: NodeJS.Signals): Promise<ExitStatus>;
  /** Sends a signal without waiting (SIGHUP). */
  signal(signal: NodeJS.Signals): void;
}

const running = new Set<ChildProcess>();

/**
 * `wharf serve <protocol> [PATH] --addr 127.0.0.1:0 ...args`; PATH undefined leaves it out (auth
 * proxy). Rejects with the process's output when it exits before serving.
 */
export async function startServe(
  protocol: 'sftp' | 'ftp',
  pathArg: string | undefined,
  args: readonly string[],
  options: { readonly home?: string; /** WHARF_CONFIG_DIR; a fresh temp dir when absent. */ readonly configDir?: string } = {},
): Promise<Serve> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    HOME: options.home ?? (await tempDir('home')),
    WHARF_CONFIG_DIR: options.configDir ?? (await tempDir('config')),
  };
  // The default cache folder is then $HOME/.cache/wharf.
  delete env.WHARF_CACHE_DIR;
  delete env.XDG_CACHE_HOME;
  const argv = [CLI_MAIN, 'serve', protocol, ...(pathArg === undefined ? [] : [pathArg]), '--addr', '127.0.0.1:0', ...args];
  const child = spawn(process.execPath, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  const exited = new Promise<ExitStatus>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const port = await new Promise<number>((resolve, reject) => {
    let settled = false;
    const fail = (e: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
      reject(new Error(`${e.message}\nstdout: ${out}\nstderr: ${err}`));
    };
    const timer = setTimeout(() => fail(new Error('no "Serving" line in time')), STARTUP_TIMEOUT_MS);
    child.stdout.on('data', () => {
      const m = /^Serving .* on (?:sftp|ftps?):\/\/[^:/]+:(\d+)\/$/m.exec(out);
      if (m && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    void exited.then((s) => fail(new Error(`wharf exited early (${s.code ?? s.signal})`)));
  });
  const pid = child.pid ?? -1;
  return {
    port,
    pid,
    stdout: () => out,
    stderr: () => err,
    exited,
    signal(signal) {
      if (child.exitCode === null && child.signalCode === null) process.kill(pid, signal);
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) process.kill(pid, signal);
      const killer = setTimeout(() => child.exitCode === null && process.kill(pid, 'SIGKILL'), 20_000);
      const status = await exited;
      clearTimeout(killer);
      return status;
    },
  };
}

/**
 * A real OpenSSH sshd for the calling test file's serves to use as a remote: started before its
 * tests, stopped after them together with every serve they started and the CLI's temp folders.
 * Returns the sshd (only while the tests run).
 */
export function sshdForServes(): () => Sshd {
  let sshd: Sshd | undefined;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    killServes();
    await sshd?.dispose();
    await cleanupCli();
  });
  return () => {
    if (sshd === undefined) throw new Error('the sshd runs only while the tests do');
    return sshd;
  };
}

/** For afterAll: SIGKILLs, by PID, every server a test left running. */
export function killServes(): void {
  for (const child of running) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
  }
}

/** rclone's connection string for a folder on the test sshd, logging in with its key. */
export function remotePath(sshd: Sshd, folder: string): string {
  return `:sftp,host=${sshd.host},port=${sshd.port},user=${sshd.user},key_file=${sshd.keyFile}:${folder}`;
}

/** Polls `check` every 50 ms until it returns true or `timeoutMs` passes; returns the last result. */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Bytes a folder really takes on disk (allocated blocks, as `du`), so sparse files count what they hold. */
export async function diskUsage(dir: string): Promise<number> {
  let total = 0;
  const walk = async (d: string): Promise<void> => {
    for (const name of await readdir(d).catch(() => [] as string[])) {
      const p = path.join(d, name);
      const st = await lstat(p).catch(() => undefined);
      if (!st) continue;
      if (st.isDirectory()) await walk(p);
      else if (st.isFile()) total += st.blocks * 512;
    }
  };
  await walk(dir);
  return total;
}

/** Login flags for the CLI that match `USER`/`PASS`. */
export const LOGIN = ['--user', USER, '--pass', PASS] as const;

export interface SftpConnection {
  readonly sftp: SFTPWrapper;
  /** Errors the connection raised after it was up (a killed server resets it). */
  readonly errors: Error[];
  end(): void;
}

/** ssh2's SFTP client logged in as USER; survives the server dying under it (errors are collected). */
export async function connectSftp(port: number): Promise<SftpConnection> {
  const client = new ssh2.Client();
  const errors: Error[] = [];
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve());
    client.on('error', (err) => {
      errors.push(err);
      reject(err);
    });
    client.connect({ host: '127.0.0.1', port, username: USER, password: PASS, readyTimeout: 10_000 });
  });
  const sftp = await new Promise<SFTPWrapper>((resolve, reject) => client.sftp((err, s) => (err ? reject(err) : resolve(s))));
  sftp.on('error', (err: Error) => errors.push(err));
  return { sftp, errors, end: () => client.end() };
}
