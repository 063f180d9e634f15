// The Electron window as near as this machine allows without Electron: real Chromium loads the built
// renderer through the app protocol's responses (CSP headers included), the compiled preload runs in
// the page exactly as a sandboxed preload would (CommonJS, `require('electron')` only), its
// ipcRenderer reaches main's IPC handlers with the calling frame's real URL and parentage, and the
// api router answers from a real core. Then the share flow runs through the UI and OpenSSH logs in.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Frame, Page } from 'playwright-core';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-shared/logger.js';
import { coreEventSource, createApiHandlers, createRouter } from '../../../src-main/api/index.js';
import type { WharfCore } from '../../../src-main/core/index.js';
import { APP_HOST, APP_SCHEME } from '../../../src-main/electron/app-origin.js';
import { serveAppRequest } from '../../../src-main/electron/app-protocol.js';
import { contractBridgeConfig, encodeBridgeArgument } from '../../../src-main/electron/bridge-args.js';
import { registerRequestChannels, sendEvent } from '../../../src-main/electron/ipc-bridge.js';
import type { IpcMainPort } from '../../../src-main/electron/ipc-bridge.js';
import { runSftp } from '../../helpers/openssh-client.js';
import { openTestCore, removeTempDirs, tempDir } from '../core/core-test-kit.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const RENDERER = path.join(ROOT, 'dist-renderer');

let core: WharfCore;
let server: http.Server;
let origin = '';
let browser: Browser;
let preloadScript = '';
const handlers = new Map<string, (event: never, ...args: unknown[]) => Promise<unknown>>();

/** What the page's global object holds (this file is type-checked without DOM types). */
interface PageGlobals {
  readonly wharf: { invoke(channel: string, payload: unknown): Promise<unknown> };
  readonly __cspViolations: string[];
  readonly __eventsSeen: string[];
  readonly __inlineRan?: boolean;
  readonly require?: unknown;
  readonly ipcRenderer?: unknown;
  __ipcEmit(channel: unknown, payload: unknown): void;
}

/** Chromium cannot load a custom scheme without Electron; the app's pages are served at `origin` instead and mapped back. */
const asAppUrl = (url: string) => (url.startsWith(`${origin}/`) ? `${APP_SCHEME}://${APP_HOST}${url.slice(origin.length)}` : url);

/** The page-side harness: a minimal `electron` for the preload, then the compiled preload itself. */
function harness(compiledPreload: string, bridgeArgument: string): string {
  return `(() => {
    const listeners = new Map();
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
    const ipcRenderer = {
      invoke: (channel, payload) => window.__ipcInvoke(channel, payload),
      on: (channel, listener) => { if (!listeners.has(channel)) listeners.set(channel, new Set()); listeners.get(channel).add(listener); },
      removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
    };
    window.__eventsSeen = [];
    window.__ipcEmit = (channel, payload) => { window.__eventsSeen.push(channel); for (const l of listeners.get(channel) ?? []) l({ sender: 'ipc event' }, payload); };
    const contextBridge = { exposeInMainWorld: (key, value) => Object.defineProperty(window, key, { value, enumerable: true }) };
    const sandboxRequire = (id) => { if (id === 'electron') return { contextBridge, ipcRenderer }; throw new Error('module not found: ' + id); };
    const module = { exports: {} };
    (function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {
      ${compiledPreload}
    })(sandboxRequire, { argv: ['wharf', '--type=renderer', ${JSON.stringify(bridgeArgument)}] }, undefined, window, undefined, undefined, module.exports, module);
  })();`;
}

async function openAppPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
  await page.addInitScript(preloadScript);
  // What ipcMain sees: the calling frame's URL and whether it is a top frame.
  await page.exposeBinding('__ipcInvoke', async ({ frame }: { frame: Frame }, channel: string, payload: unknown) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const senderFrame = { url: asAppUrl(frame.url()), parent: frame.parentFrame() === null ? null : {} };
    return handler({ senderFrame } as never, payload);
  });
  const off = coreEventSource(core)((channel, payload) =>
    sendEvent(
      [
        {
          isDestroyed: () => page.isClosed(),
          getURL: () => asAppUrl(page.url()),
          send: (c, p) => void page.evaluate(([ch, pl]) => (globalThis as unknown as PageGlobals).__ipcEmit(ch, pl), [c, p] as const).catch(() => undefined),
        },
      ],
      channel,
      payload,
    ),
  );
  page.once('close', off);
  return { page, problems };
}

beforeAll(async () => {
  if (!existsSync(path.join(RENDERER, 'index.html'))) throw new Error('the renderer is not built: run npm run build first (npm test does)');
  const compiled = ts.transpileModule(readFileSync(path.join(ROOT, 'src-main/electron/preload.cts'), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  preloadScript = harness(compiled, encodeBridgeArgument(contractBridgeConfig()));

  ({ core } = await openTestCore());
  const router = createRouter(createApiHandlers(core, { mode: 'electron', version: 'test' }), silentLogger);
  const ipcMain: IpcMainPort = {
    handle: (channel, listener) => void handlers.set(channel, listener as never),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  registerRequestChannels(ipcMain, contractBridgeConfig().requests, router, silentLogger);

  server = http.createServer((req, res) => {
    void serveAppRequest(RENDERER, `${APP_SCHEME}://${APP_HOST}${req.url ?? '/'}`, req.method).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await core?.close();
  await removeTempDirs();
});

describe('the renderer over the preload bridge', () => {
  it('runs under the strict CSP and sees window.wharf with invoke and on only', async () => {
    const { page, problems } = await openAppPage();
    await page.goto(`${origin}/index.html`);
    await page.getByRole('button', { name: 'Share folder over SFTP' }).waitFor();
    const surface = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return {
        keys: Object.keys(g.wharf).sort(),
        frozen: Object.isFrozen(g.wharf),
        require: typeof g.require,
        ipcRenderer: typeof g.ipcRenderer,
        violations: g.__cspViolations,
      };
    });
    expect(surface).toEqual({ keys: ['invoke', 'on'], frozen: true, require: 'undefined', ipcRenderer: 'undefined', violations: [] });
    // The CSP really is enforced on this page: an inline script is refused.
    await page.evaluate("(() => { const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true'; document.head.append(s); })()");
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__inlineRan)).toBeUndefined();
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__cspViolations)).toEqual([expect.stringMatching(/^script-src/)]);
    expect(problems.filter((p) => !/Content Security Policy/.test(p))).toEqual([]);
    await page.close();
  });

  it('shares a folder through the window; the card logs in with OpenSSH', async () => {
    const folder = await tempDir('electron-bridge-folder');
    await writeFile(path.join(folder, 'notes.txt'), 'hello');
    await mkdir(path.join(folder, 'music'));
    const { page, problems } = await openAppPage();
    await page.goto(`${origin}/index.html`);
    await page.getByRole('button', { name: 'Share folder over SFTP' }).click();
    await page.getByLabel('Folder path').fill(folder);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const urlText = await page.getByText(/^sftp:\/\/\S+@127\.0\.0\.1:\d+\/$/).first().textContent({ timeout: 20_000 });
    const password = await page.getByLabel('Password').inputValue();
    const m = /^sftp:\/\/([^@]+)@127\.0\.0\.1:(\d+)\/$/.exec(urlText ?? '');
    expect(m, urlText ?? '').not.toBeNull();
    const run = await runSftp(Number(m![2]), { user: decodeURIComponent(m![1]!), password }, ['ls -1']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('notes.txt');
    expect(run.stdout).toContain('music');
    // Events reached the page and went through the preload's `on` to the renderer's listener.
    const seen = () => page.evaluate(() => (globalThis as unknown as PageGlobals).__eventsSeen);
    await expect.poll(seen, { timeout: 10_000 }).toContain('shares:changed');
    expect(await seen()).toContain('status:changed');
    await expect.poll(() => page.getByText(path.basename(folder), { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__cspViolations)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('refuses the same bridge from a page that is not the app', async () => {
    const { page } = await openAppPage();
    await page.goto('about:blank');
    const answer = await page.evaluate(() => (globalThis as unknown as PageGlobals).wharf.invoke('shares:list', {}));
    expect(answer).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await page.close();
  });
});
