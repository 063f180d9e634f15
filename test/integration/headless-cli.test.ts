// The built `wharf ui --headless` as a child process: prints a tokenised URL, refuses requests
// without the token, serves the contract, resumes sharing after a restart, and stops cleanly
// (exit code 0) on SIGTERM. Every process started here is stopped by PID.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../unit/core/core-test-kit.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'dist/src-main/cli/main.js');
const children = new Set<ChildProcess>();

afterAll(async () => {
  for (const child of children) if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
  await removeTempDirs();
});

interface Running {
  readonly child: ChildProcess;
  readonly url: URL;
  readonly exited: Promise<number | null>;
  stderr(): string;
}

async function startUi(configDir: string, args: readonly string[] = []): Promise<Running> {
  if (!existsSync(CLI)) throw new Error('the CLI is not built: run npm run build first (npm test does)');
  const child = spawn(process.execPath, [CLI, 'ui', '--headless', '--addr', '127.0.0.1:0', ...args], {
    cwd: ROOT,
    env: { ...process.env, HOME: configDir, WHARF_CONFIG_DIR: configDir, WHARF_CACHE_DIR: path.join(configDir, 'cache') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no URL; stderr: ${stderr}`)), 20_000);
    child.stdout?.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const m = /Wharf web UI: (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(new URL(m[1]));
      }
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  return { child, url, exited, stderr: () => stderr };
}

async function stop(run: Running): Promise<number | null> {
  if (run.child.pid !== undefined) process.kill(run.child.pid, 'SIGTERM');
  return run.exited;
}

async function api(run: Running, channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  const res = await fetch(new URL(`/api/${channel}`, run.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${run.url.searchParams.get('token') ?? ''}` },
    body: JSON.stringify(payload),
  });
  return (await res.json()) as { ok: boolean };
}

function runCli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('wharf ui --headless', () => {
  it('serves behind the token, resumes sharing after a restart, and stops with exit code 0', async () => {
    const config = await tempDir('headless-cli');
    const first = await startUi(config);
    expect(first.url.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await fetch(new URL('/', first.url), { redirect: 'manual' })).status).toBe(401);
    expect((await fetch(first.url, { redirect: 'manual' })).status).toBe(303);

    const folder = await tempDir('headless-cli-folder');
    const card = (await api(first, 'shares:quick-sftp', { path: folder })) as { ok: true; value: { port: number; shareId: string } };
    expect(card.ok).toBe(true);
    expect(await stop(first)).toBe(0);
    // The share is kept with its port; the other tests' quick shares may take that port in the
    // meantime, so only the state is asserted below (running, or "in use" for that very port).

    const second = await startUi(config);
    // A new run, a new token: the old URL no longer works.
    expect(second.url.searchParams.get('token')).not.toBe(first.url.searchParams.get('token'));
    const list = (await api(second, 'shares:list', {})) as { ok: true; value: { id: string; status: { sftp: { state: string; port?: number } } }[] };
    expect(list.value.map((s) => s.id)).toEqual([card.value.shareId]);
    const status = list.value[0]?.status.sftp as { state: string; port?: number; reason?: string };
    if (status.state === 'running') expect(status.port).toBe(card.value.port);
    else expect(status).toEqual({ state: 'error', reason: expect.stringMatching(new RegExp(`^port ${card.value.port} is in use`)) });
    expect(await stop(second)).toBe(0);
  });

  it('explains its flags and refuses bad ones', async () => {
    const help = await runCli(['ui', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--headless/);
    expect(help.stdout).toMatch(/--addr HOST:PORT/);
    const bad = await runCli(['ui', '--headless', '--addr', 'nonsense']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^wharf ui: invalid value for --addr/);
  });
});
