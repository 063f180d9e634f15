// The window and everything that fences it: its options, navigation and window.open guards,
// permission handlers, the CSP header, and the app protocol that serves the renderer from disk.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-shared/logger.js';
import { APP_ENTRY_URL, isAppUrl } from '../../../src-main/electron/app-origin.js';
import { resolveAppFile, serveAppRequest } from '../../../src-main/electron/app-protocol.js';
import { APP_CSP, withSecurityHeaders } from '../../../src-main/electron/csp.js';
import { hardenContents, hardenSession, permissionAllowed } from '../../../src-main/electron/window-guards.js';
import type { GuardedContents, GuardedSession } from '../../../src-main/electron/window-guards.js';
import { mainWindowOptions } from '../../../src-main/electron/window-options.js';

describe('window options', () => {
  const options = mainWindowOptions({ preloadPath: '/app/preload.cjs', bridgeArgument: '--wharf-bridge=x', dark: false, devTools: false });

  it('sandboxes the renderer, isolates the context and gives no frame Node', () => {
    expect(options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools: false,
      preload: '/app/preload.cjs',
      additionalArguments: ['--wharf-bridge=x'],
    });
  });

  it('starts hidden and paints the theme colour before the page loads', () => {
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toBe('#ffffff');
    const dark = mainWindowOptions({ preloadPath: '/p', bridgeArgument: 'x', dark: true, devTools: true, iconPath: '/i.png' });
    expect(dark.backgroundColor).not.toBe('#ffffff');
    expect(dark.icon).toBe('/i.png');
    expect(dark.webPreferences?.devTools).toBe(true);
  });
});

describe('app origin', () => {
  it('recognises only the app pages', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('wharf-app://ui/assets/index.js')).toBe(true);
    for (const url of [
      'wharf-app://evil/index.html',
      'wharf-app://ui.evil.com/index.html',
      'wharf-app://user@ui/index.html',
      'https://ui/index.html',
      'file:///app/dist-renderer/index.html',
      'about:blank',
      'data:text/html,<script>1</script>',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('window guards', () => {
  function fakeContents() {
    const handlers = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
    const contents: GuardedContents = {
      on: (event: string, listener: (event: { preventDefault(): void }, url: string) => void) => handlers.set(event, listener),
      setWindowOpenHandler: (h) => {
        openHandler = h;
      },
    };
    return { contents, handlers, open: (url: string) => openHandler!({ url }) };
  }

  function fire(handler: ((e: { preventDefault(): void }, url: string) => void) | undefined, url: string): boolean {
    let prevented = false;
    handler!({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  }

  it('prevents every navigation, redirect and webview, even to the app itself', () => {
    const fake = fakeContents();
    hardenContents(fake.contents, () => undefined, silentLogger);
    for (const url of ['https://example.com/', APP_ENTRY_URL, 'file:///etc/passwd']) {
      expect(fire(fake.handlers.get('will-navigate'), url), url).toBe(true);
      expect(fire(fake.handlers.get('will-redirect'), url), url).toBe(true);
    }
    expect(fire(fake.handlers.get('will-attach-webview'), '')).toBe(true);
  });

  it('denies every new window; https links go to the system browser, nothing else does', () => {
    const fake = fakeContents();
    const opened: string[] = [];
    hardenContents(fake.contents, (url) => opened.push(url), silentLogger);
    for (const url of ['https://rclone.org/', 'http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', APP_ENTRY_URL, 'smb://host/share']) {
      expect(fake.open(url), url).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://rclone.org/']);
  });

  function fakeSession() {
    let request: Parameters<GuardedSession['setPermissionRequestHandler']>[0] | undefined;
    let check: Parameters<GuardedSession['setPermissionCheckHandler']>[0] | undefined;
    let device: (() => boolean) | undefined;
    let headers: Parameters<GuardedSession['webRequest']['onHeadersReceived']>[0] | undefined;
    const session: GuardedSession = {
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
      setDevicePermissionHandler: (h) => (device = h),
      webRequest: { onHeadersReceived: (l) => (headers = l) },
    };
    return { session, request: () => request!, check: () => check!, device: () => device!, headers: () => headers! };
  }

  it('denies every permission request and check, from any page', () => {
    const fake = fakeSession();
    hardenSession(fake.session);
    const permissions = ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem', 'hid', 'unknown'];
    for (const url of [APP_ENTRY_URL, 'https://evil.example/']) {
      for (const permission of permissions) {
        const answers: boolean[] = [];
        fake.request()({}, permission, (granted) => answers.push(granted), { requestingUrl: url, isMainFrame: true });
        expect(answers, `${permission} ${url}`).toEqual([false]);
        expect(fake.check()({}, permission, new URL(url).origin, { requestingUrl: url, isMainFrame: true }), permission).toBe(false);
      }
    }
    expect(fake.device()()).toBe(false);
  });

  it("lets only the app's own top frame write text to the clipboard (the card's Copy buttons)", () => {
    const fake = fakeSession();
    hardenSession(fake.session);
    const ask = (requestingUrl: string | undefined, isMainFrame: boolean | undefined) => {
      const answers: boolean[] = [];
      fake.request()({}, 'clipboard-sanitized-write', (g) => answers.push(g), { requestingUrl, isMainFrame });
      const checked = fake.check()({}, 'clipboard-sanitized-write', 'wharf-app://ui', { requestingUrl, isMainFrame });
      return [answers[0], checked];
    };
    expect(ask(APP_ENTRY_URL, true)).toEqual([true, true]);
    expect(ask(APP_ENTRY_URL, false)).toEqual([false, false]);
    expect(ask('https://evil.example/', true)).toEqual([false, false]);
    expect(ask(undefined, true)).toEqual([false, false]);
    expect(permissionAllowed('clipboard-read', APP_ENTRY_URL, true)).toBe(false);
  });

  it('puts the CSP on app responses, replacing a weaker one, and leaves other responses alone', () => {
    const fake = fakeSession();
    hardenSession(fake.session);
    const answers: Array<{ responseHeaders?: Record<string, string[]> }> = [];
    fake.headers()(
      { url: APP_ENTRY_URL, responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-inline'"], 'Content-Type': ['text/html'] } },
      (r) => answers.push(r),
    );
    fake.headers()({ url: 'https://example.com/', responseHeaders: { 'X-Other': ['1'] } }, (r) => answers.push(r));
    const [ours, theirs] = answers;
    const cspHeaders = Object.entries(ours?.responseHeaders ?? {}).filter(([k]) => k.toLowerCase() === 'content-security-policy');
    expect(cspHeaders).toEqual([['Content-Security-Policy', [APP_CSP]]]);
    expect(ours?.responseHeaders?.['Content-Type']).toEqual(['text/html']);
    expect(theirs).toEqual({});
  });

  it('has a CSP that allows only the app itself', () => {
    const directives = new Map(APP_CSP.split(';').map((d) => d.trim().split(/\s+/) as [string, ...string[]]).map(([k, ...v]) => [k, v]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(APP_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
    expect(withSecurityHeaders(undefined)['Content-Security-Policy']).toEqual([APP_CSP]);
  });
});

describe('app protocol', () => {
  let root: string;
  let outside: string;

  beforeAll(async () => {
    const base = await fs.mkdtemp(path.join(os.tmpdir(), 'wharf-app-protocol-'));
    root = path.join(base, 'dist-renderer');
    outside = path.join(base, 'dist-renderer-secret');
    await fs.mkdir(path.join(root, 'assets'), { recursive: true });
    await fs.mkdir(outside);
    await fs.writeFile(path.join(root, 'index.html'), '<!doctype html><title>Wharf</title>');
    await fs.writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    await fs.writeFile(path.join(root, 'assets', 'a b.css'), 'body{}');
    await fs.writeFile(path.join(outside, 'secret.txt'), 'secret');
    await fs.writeFile(path.join(base, 'settings.json'), '{}');
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  });

  afterAll(async () => {
    await fs.rm(path.dirname(root), { recursive: true, force: true });
  });

  it('serves the renderer with its type and the CSP header', async () => {
    const page = await serveAppRequest(root, 'wharf-app://ui/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Wharf</title>');
    const script = await serveAppRequest(root, 'wharf-app://ui/assets/app.js?v=1#x');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    expect(await (await serveAppRequest(root, 'wharf-app://ui/assets/a%20b.css')).text()).toBe('body{}');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await serveAppRequest(root, APP_ENTRY_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await serveAppRequest(root, APP_ENTRY_URL, 'POST')).status).toBe(405);
  });

  it('never leaves the renderer folder', async () => {
    for (const url of [
      'wharf-app://ui/../settings.json',
      'wharf-app://ui/%2e%2e/settings.json',
      'wharf-app://ui/assets/%2e%2e%2f%2e%2e%2fsettings.json',
      'wharf-app://ui/..%5csettings.json',
      'wharf-app://ui/../dist-renderer-secret/secret.txt',
      'wharf-app://ui/assets/link.txt',
      'wharf-app://ui/index.html%00.js',
      'wharf-app://ui/%E0%A4%A',
      'wharf-app://other/index.html',
      'file:///etc/passwd',
      'wharf-app://ui/assets',
      'wharf-app://ui/missing.js',
    ]) {
      const response = await serveAppRequest(root, url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).toBe('not found');
      expect(await resolveAppFile(root, url), url).toBeUndefined();
    }
  });

  it('finds nothing when the renderer was not built', async () => {
    expect((await serveAppRequest(path.join(root, 'nope'), APP_ENTRY_URL)).status).toBe(404);
  });
});
