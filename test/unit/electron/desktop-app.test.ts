// The whole desktop lifecycle against the fake electron: a real core (real settings file through
// electron-store, real SFTP server, real ssh2 client logging in with the card's password), the real
// api router behind IPC, the tray, close-to-tray, settings effects, and quit-after-flush.
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, REQUEST_CHANNELS } from '../../../src-shared/contract/index.js';
import type { ConnectionCard, Share } from '../../../src-shared/contract/index.js';
import { silentLogger } from '../../../src-shared/logger.js';
import { APP_ENTRY_URL, APP_SCHEME } from '../../../src-main/electron/app-origin.js';
import { APP_CSP } from '../../../src-main/electron/csp.js';
import { BRIDGE_ARGUMENT } from '../../../src-main/electron/bridge-args.js';
import { startDesktopApp } from '../../../src-main/electron/desktop-app.js';
import type { DesktopApp, ElectronApi } from '../../../src-main/electron/desktop-app.js';
import { autostartPath } from '../../../src-main/electron/start-at-login.js';
import { trayIconPath } from '../../../src-main/electron/tray-icons.js';
import { WINDOW_BACKGROUND } from '../../../src-main/electron/window-options.js';
import { withSsh2Sftp } from '../../helpers/ssh2-sftp-client.js';
import { electronModule, fake, resetFake } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule());

const FOREIGN = 'https://evil.example/';
let base: string;
let appDir: string;
let shared: string;
let started: DesktopApp;

function options() {
  return {
    argv: ['/opt/Wharf/wharf'],
    env: {
      WHARF_CONFIG_DIR: path.join(base, 'config'),
      WHARF_CACHE_DIR: path.join(base, 'cache'),
      XDG_CONFIG_HOME: path.join(base, 'xdg'),
    },
    mainDir: '/opt/Wharf/resources/app.asar/dist/src-main/electron',
    logger: silentLogger,
    version: '0.1.0-test',
  };
}

const invoke = (channel: string, payload: unknown = {}, url: string | null = APP_ENTRY_URL, parent: unknown = null) =>
  fake().ipcMain.invoke(channel, url, [payload], parent) as Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;

const trayMenu = () => fake().trays[0]!.menu!.template;
const trayItem = (id: string) => {
  const item = trayMenu().find((i) => i.id === id);
  if (!item) throw new Error(`no tray item ${id}`);
  return item as { label: string; checked?: boolean; click: () => void };
};

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
  base = await fs.mkdtemp(path.join(os.tmpdir(), 'wharf-desktop-'));
  appDir = path.join(base, 'app');
  shared = path.join(base, 'Holiday Photos');
  await fs.mkdir(path.join(appDir, 'dist-renderer'), { recursive: true });
  await fs.writeFile(path.join(appDir, 'dist-renderer', 'index.html'), '<!doctype html><title>Wharf</title>');
  await fs.mkdir(shared);
  await fs.writeFile(path.join(shared, 'beach.jpg'), 'not really a jpeg');
  resetFake();
  fake().app.appPath = appDir;
  const app = await startDesktopApp(electronModule() as unknown as ElectronApi, options());
  if (!app) throw new Error('the first instance did not start');
  started = app;
});

afterAll(async () => {
  await started?.core.close();
  await fs.rm(base, { recursive: true, force: true });
});

describe('desktop app start', () => {
  it('takes the single-instance lock and registers the app scheme before the app is ready', () => {
    const order = fake().calls.map(([name]) => name);
    expect(order.indexOf('requestSingleInstanceLock')).toBeLessThan(order.indexOf('ready'));
    expect(fake().privileged).toEqual([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('serves the renderer through the app protocol, with the CSP', async () => {
    const handler = fake().protocolHandlers.get(APP_SCHEME)!;
    const response = await handler({ url: APP_ENTRY_URL, method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(await response.text()).toContain('<title>Wharf</title>');
    expect((await handler({ url: 'wharf-app://ui/../config/settings.json', method: 'GET' })).status).toBe(404);
  });

  it('denies permissions in the session and installs the CSP header hook', () => {
    const session = fake().session;
    const answers: boolean[] = [];
    const request = session.permissionRequest as unknown as (w: unknown, p: string, cb: (g: boolean) => void, d: object) => void;
    request({}, 'media', (g) => answers.push(g), { requestingUrl: APP_ENTRY_URL, isMainFrame: true });
    request({}, 'clipboard-sanitized-write', (g) => answers.push(g), { requestingUrl: FOREIGN, isMainFrame: true });
    expect(answers).toEqual([false, false]);
    const check = session.permissionCheck as unknown as (w: unknown, p: string, o: string, d: object) => boolean;
    expect(check({}, 'geolocation', 'wharf-app://ui', { requestingUrl: APP_ENTRY_URL, isMainFrame: true })).toBe(false);
    expect(session.headers).toBeTypeOf('function');
  });

  it('opens one sandboxed window on the app page, handing the preload exactly the contract', () => {
    expect(fake().windows).toHaveLength(1);
    const win = fake().windows[0]!;
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false });
    expect(prefs.preload).toBe(path.join(options().mainDir, 'preload.cjs'));
    const [arg] = prefs.additionalArguments as string[];
    const handed = JSON.parse(decodeURIComponent(arg!.slice(BRIDGE_ARGUMENT.length))) as { requests: string[]; events: string[] };
    expect(handed.requests.sort()).toEqual(Object.keys(REQUEST_CHANNELS).sort());
    expect(handed.events.sort()).toEqual(Object.keys(EVENT_CHANNELS).sort());
    expect(win.loaded).toEqual([APP_ENTRY_URL]);
    expect(win.isVisible()).toBe(true);
  });

  it('fences the window contents: no navigation, no new windows', () => {
    const contents = fake().windows[0]!.webContents;
    expect(contents.fire('will-navigate', FOREIGN)).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
    expect(contents.openHandler!({ url: 'https://rclone.org/' })).toEqual({ action: 'deny' });
    expect(fake().opened).toEqual(['https://rclone.org/']);
  });

  it('creates the tray, idle, and the settings file through electron-store', async () => {
    expect(fake().trays).toHaveLength(1);
    expect(fake().trays[0]!.images).toEqual([trayIconPath(appDir, process.platform, 'idle')]);
    expect(trayMenu()[0]).toMatchObject({ label: 'No shares yet', enabled: false });
    const settings = JSON.parse(await fs.readFile(path.join(base, 'config', 'settings.json'), 'utf8')) as { app: { theme: string } };
    expect(settings.app.theme).toBe('system');
  });
});

describe('IPC', () => {
  it('has a handler for every request channel of the contract and nothing else', () => {
    expect([...fake().ipcMain.handlers.keys()].sort()).toEqual(Object.keys(REQUEST_CHANNELS).sort());
  });

  it('answers the app page through the api router', async () => {
    await expect(invoke('shares:list')).resolves.toEqual({ ok: true, value: [] });
    const info = await invoke('app:info');
    expect(info).toMatchObject({ ok: true, value: { mode: 'electron', version: '0.1.0-test' } });
  });

  it('answers dialog:pick-folder with the native folder picker (openDirectory), null when cancelled', async () => {
    fake().openDialogAnswers.push({ canceled: false, filePaths: ['/home/ann/Holiday Photos'] }, { canceled: true, filePaths: [] });
    expect(await invoke('dialog:pick-folder')).toEqual({ ok: true, value: { path: '/home/ann/Holiday Photos' } });
    expect(await invoke('dialog:pick-folder')).toEqual({ ok: true, value: { path: null } });
    const opened = fake().calls.filter(([name]) => name === 'showOpenDialog');
    expect(opened.at(-1)?.[1]).toMatchObject({ properties: expect.arrayContaining(['openDirectory']) });
    expect(await invoke('dialog:pick-folder', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });

  it('refuses a foreign page, a frame inside the page, and a frame that is gone, before the core sees anything', async () => {
    const refused = [
      await invoke('shares:quick-sftp', { path: shared }, FOREIGN),
      await invoke('shares:quick-sftp', { path: shared }, 'file:///opt/Wharf/dist-renderer/index.html'),
      await invoke('shares:quick-sftp', { path: shared }, APP_ENTRY_URL, { url: APP_ENTRY_URL }),
      await invoke('shares:quick-sftp', { path: shared }, null),
    ];
    for (const answer of refused) expect(answer).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await expect(invoke('shares:list')).resolves.toEqual({ ok: true, value: [] });
  });

  it("validates every payload with the contract's schemas, without leaking details", async () => {
    const bad = await invoke('shares:get', { id: '../../etc' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await invoke('shares:list', { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const twoArgs = await fake().ipcMain.invoke('shares:list', APP_ENTRY_URL, [{}, {}]);
    expect(twoArgs).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const missing = await invoke('shares:quick-sftp', { path: path.join(base, 'no such folder') });
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(JSON.stringify(missing)).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});

describe('tray and window', () => {
  let card: { url: string; password: string; share: Share };

  it('shares a folder from the tray, shows the card, and the password logs in', async () => {
    fake().openDialogAnswers.push({ canceled: false, filePaths: [shared] });
    fake().messageBoxAnswers.push(0, 1, 2); // copy address, copy password, done
    trayItem('share-folder').click();
    await started.trayActions.pending();

    const boxes = fake().messageBoxes;
    expect(boxes).toHaveLength(3);
    expect(boxes[0]?.message).toBe('Sharing “Holiday Photos” over SFTP');
    expect(String(boxes[0]?.detail)).toMatch(/Password: \S+/);
    expect(String(boxes[0]?.detail)).toMatch(/Host key: SHA256:[A-Za-z0-9+/]{43}/);
    const [url, password] = fake().clipboard;
    expect(url).toMatch(/^sftp:\/\/wharf@127\.0\.0\.1:\d+\/$/);
    expect(String(boxes[0]?.detail)).toContain(`Password: ${password}`);

    const port = Number(new URL(url!).port);
    const names = await withSsh2Sftp({ port, user: 'wharf', password: password! }, (sftp) =>
      new Promise<string[]>((resolve, reject) => sftp.readdir('/', (err, list) => (err ? reject(err) : resolve(list.map((e) => e.filename))))),
    );
    expect(names).toEqual(['beach.jpg']);
    const [share] = started.core.shares.list();
    card = { url: url!, password: password!, share: share! };
  });

  it('switches the tray to serving, with a checked item for the share, and tells the window', () => {
    const tray = fake().trays[0]!;
    expect(tray.images.at(-1)).toBe(trayIconPath(appDir, process.platform, 'serving'));
    expect(tray.tooltip).toBe('Wharf — Serving 1 share');
    const item = trayItem(`server:${card.share.id}:sftp`);
    expect(item.checked).toBe(true);
    expect(item.label).toBe(`Holiday Photos · SFTP — sftp://127.0.0.1:${new URL(card.url).port}/`);
    const sent = fake().windows[0]!.webContents.sent.map(([channel]) => channel);
    expect(sent).toContain('shares:changed');
    expect(sent).toContain('status:changed');
    expect(sent.every((c) => c in EVENT_CHANNELS)).toBe(true);
    // The password is never part of an event.
    expect(JSON.stringify(fake().windows[0]!.webContents.sent)).not.toContain(card.password);
  });

  it('copies the running address from the tray', () => {
    fake().clipboard.length = 0;
    trayItem('copy-address').click();
    expect(fake().clipboard).toEqual([`sftp://127.0.0.1:${new URL(card.url).port}/`]);
  });

  it('stops and starts the server from its tray checkbox', async () => {
    const port = Number(new URL(card.url).port);
    trayItem(`server:${card.share.id}:sftp`).click();
    await started.trayActions.pending();
    expect(started.core.shares.get(card.share.id).status.sftp.state).toBe('stopped');
    expect(fake().trays[0]!.images.at(-1)).toBe(trayIconPath(appDir, process.platform, 'idle'));
    expect(trayItem(`server:${card.share.id}:sftp`).checked).toBe(false);
    expect(await portOpen(port)).toBe(false);

    trayItem(`server:${card.share.id}:sftp`).click();
    await started.trayActions.pending();
    expect(started.core.shares.get(card.share.id).status.sftp).toMatchObject({ state: 'running', port });
    expect(await portOpen(port)).toBe(true);
  });

  it('hides the window on close, with the notice only the first time, and shows it from the tray', () => {
    const win = fake().windows[0]!;
    expect(win.close()).toBe(false);
    expect(win.isVisible()).toBe(false);
    expect(win.isDestroyed()).toBe(false);
    win.show();
    expect(win.close()).toBe(false);
    expect(fake().notifications).toHaveLength(1);
    expect(fake().notifications[0]?.title).toBe('Wharf is still sharing');
    trayItem('show').click();
    expect(win.isVisible()).toBe(true);
    expect(fake().windows).toHaveLength(1);
  });

  it('applies the theme and start-at-login settings when they change', async () => {
    fake().app.isPackaged = true;
    const answer = await invoke('settings:update', { theme: 'dark', startAtLogin: true });
    expect(answer).toMatchObject({ ok: true, value: { theme: 'dark', startAtLogin: true } });
    expect(fake().nativeTheme.themeSource).toBe('dark');
    fake().nativeTheme.emit('updated');
    expect(fake().windows[0]!.background).toBe(WINDOW_BACKGROUND.dark);
    const file = autostartPath(path.join(base, 'xdg'));
    await vi.waitFor(async () => expect(await fs.readFile(file, 'utf8')).toContain('--hidden'));
    await invoke('settings:update', { startAtLogin: false, theme: 'system' });
    await vi.waitFor(async () => expect(await fs.access(file).then(() => true, () => false)).toBe(false));
    expect(fake().nativeTheme.themeSource).toBe('system');
  });

  it('quits only after the core stopped the servers, then closes the window for real', async () => {
    const port = Number(new URL(card.url).port);
    trayItem('quit').click();
    expect(fake().app.quitted).toBe(false); // held back while flushing
    await vi.waitFor(() => expect(fake().app.quitted).toBe(true), { timeout: 20_000 });
    expect(await portOpen(port)).toBe(false);
    expect(fake().windows[0]!.isDestroyed()).toBe(true);
    expect(fake().notifications).toHaveLength(1);
  });
});

describe('second instance', () => {
  it('hands over to the running one and quits without opening anything', async () => {
    const first = fake();
    resetFake();
    fake().app.lock = false;
    fake().app.appPath = appDir;
    await expect(startDesktopApp(electronModule() as unknown as ElectronApi, options())).resolves.toBeUndefined();
    expect(fake().app.quitRequests).toBe(1);
    expect(fake().windows).toHaveLength(0);
    expect(fake().trays).toHaveLength(0);
    expect(fake().calls.map(([n]) => n)).not.toContain('ready');
    expect(first).not.toBe(fake());
  });
});

// Keeps the card type honest if the contract changes.
export type CardShape = Pick<ConnectionCard, 'urls' | 'password' | 'fingerprint'>;
