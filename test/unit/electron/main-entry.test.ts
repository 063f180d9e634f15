// The compiled entry's glue (main.ts): importing it starts the app with the real process argv and
// environment; a second launch resumes the shares left on; a start that fails shows an error box and
// exits with 1 instead of crashing or hanging. Each launch re-imports main.ts and the fake electron.
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL } from '../../../src-main/electron/app-origin.js';
import { fake, resetFake } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule());

const ENV_KEYS = ['WHARF_CONFIG_DIR', 'WHARF_CACHE_DIR', 'XDG_CONFIG_HOME', 'WHARF_LOG_LEVEL'] as const;
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
let base: string;

let launches = 0;

/** Runs main.ts afresh (a new module instance per launch, as a new process would) on a reset fake. */
async function launch(configDir: string): Promise<{ fake: typeof fake }> {
  resetFake();
  fake().app.appPath = path.join(base, 'app');
  process.env.WHARF_CONFIG_DIR = configDir;
  launches++;
  await import(/* @vite-ignore */ `../../../src-main/electron/main.js?launch=${launches}`);
  return { fake };
}

/** A port nobody listens on right now (the system's pick, released again). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

beforeAll(async () => {
  base = await fs.mkdtemp(path.join(os.tmpdir(), 'wharf-main-entry-'));
  await fs.mkdir(path.join(base, 'app', 'dist-renderer'), { recursive: true });
  await fs.mkdir(path.join(base, 'shared'));
  process.env.WHARF_CACHE_DIR = path.join(base, 'cache');
  process.env.XDG_CONFIG_HOME = path.join(base, 'xdg');
  process.env.WHARF_LOG_LEVEL = 'error';
});

afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await fs.rm(base, { recursive: true, force: true });
});

describe('main.ts', () => {
  let port = 0;

  it('starts the app from the entry module and quits cleanly', async () => {
    const { fake } = await launch(path.join(base, 'config'));
    await vi.waitFor(() => expect(fake().windows).toHaveLength(1), { timeout: 20_000 });
    port = await freePort();
    const created = (await fake().ipcMain.invoke('shares:create', APP_ENTRY_URL, [
      { name: 'Shared', source: { kind: 'local', path: path.join(base, 'shared') }, sftp: { enabled: true, port, bind: 'localhost' } },
    ])) as { ok: boolean; value: { id: string } };
    expect(created.ok).toBe(true);
    const id = created.value.id;
    const user = (await fake().ipcMain.invoke('users:add', APP_ENTRY_URL, [{ shareId: id, name: 'ann', generatePassword: true }])) as { ok: boolean };
    expect(user.ok).toBe(true);
    expect(await fake().ipcMain.invoke('shares:start', APP_ENTRY_URL, [{ id, protocol: 'sftp' }])).toMatchObject({ ok: true, value: { state: 'running', port } });
    await vi.waitFor(async () => expect(await portOpen(port)).toBe(true), { timeout: 20_000 });
    expect((await fake().ipcMain.invoke('app:info', APP_ENTRY_URL, [{}])) as object).toMatchObject({ value: { version: '0.1.0-test' } });
    fake().app.quit();
    await vi.waitFor(() => expect(fake().app.quitted).toBe(true), { timeout: 20_000 });
    expect(await portOpen(port)).toBe(false);
  });

  it('resumes the shares left on at the next launch, and the tray shows them serving', async () => {
    const { fake } = await launch(path.join(base, 'config'));
    await vi.waitFor(() => expect(fake().trays[0]?.tooltip).toBe('Wharf — Serving 1 share'), { timeout: 20_000 });
    expect(await portOpen(port)).toBe(true);
    fake().app.quit();
    await vi.waitFor(() => expect(fake().app.quitted).toBe(true), { timeout: 20_000 });
  });

  it('shows an error box and exits with 1 when the app cannot start', async () => {
    const blocker = path.join(base, 'not-a-folder');
    await fs.writeFile(blocker, 'a file where the config folder should be');
    const { fake } = await launch(path.join(blocker, 'config'));
    await vi.waitFor(() => expect(fake().app.exitCode).toBe(1), { timeout: 20_000 });
    expect(fake().errorBoxes).toHaveLength(1);
    expect(fake().errorBoxes[0]?.[0]).toBe('Wharf could not start');
    expect(fake().windows).toHaveLength(0);
  });
});
