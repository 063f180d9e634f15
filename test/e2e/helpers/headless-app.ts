// Starts the built `wharf ui --headless` in a child process on 127.0.0.1 port 0, with its own HOME,
// config and cache folders, and reads the URL (with its token) it prints. Stopped by PID with
// SIGTERM (SIGKILL after a grace period); temp folders are removed afterwards.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
const CLI = path.join(ROOT, 'dist/src-main/cli/main.js');
const STOP_GRACE_MS = 15_000;

export interface HeadlessApp {
  /** The printed URL, token included (the page turns it into a cookie). */
  readonly url: string;
  /** The same origin without the token: for later visits of the same page. */
  readonly origin: string;
  readonly configDir: string;
  readonly home: string;
  readonly pid: number;
  stderr(): string;
  stop(): Promise<void>;
}

const dirs: string[] = [];

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `wharf-ui-${prefix}-`));
  dirs.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export function assertBuilt(): void {
  if (!existsSync(CLI) || !existsSync(path.join(ROOT, 'dist-renderer/index.html'))) {
    throw new Error('the app is not built: run npm run build first (npm test does)');
  }
}

export async function startHeadlessApp(): Promise<HeadlessApp> {
  assertBuilt();
  const configDir = await tempDir('config');
  const home = await tempDir('home');
  const child: ChildProcess = spawn(process.execPath, [CLI, 'ui', '--headless', '--addr', '127.0.0.1:0'], {
    cwd: ROOT,
    env: { ...process.env, HOME: home, WHARF_CONFIG_DIR: configDir, WHARF_CACHE_DIR: path.join(configDir, 'cache') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no URL printed; stderr: ${stderr}`)), 20_000);
    child.stdout?.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const m = /Wharf web UI: (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`wharf ui exited with ${code}: ${stderr}`));
    });
  });
  const pid = child.pid ?? -1;
  return {
    url,
    origin: new URL(url).origin,
    configDir,
    home,
    pid,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(pid, 'SIGTERM');
      const timer = setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGKILL');
      }, STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** How long UI checks wait for the engine and the page (generous: the suite runs on two busy cores). */
export const WAIT = { timeout: 10_000 } as const;
