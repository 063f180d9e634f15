// App lifecycle pieces: close to tray with its one-time notice, quit that waits for the flush,
// the single-instance lock, start at login (a real autostart file on Linux), and theme following.
import { EventEmitter } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src-shared/logger.js';
import { silentLogger } from '../../../src-shared/logger.js';
import { CLOSE_NOTICE_FLAG, closeAction, createCloseHandler } from '../../../src-main/electron/close-to-tray.js';
import type { CloseContext, CloseNotice, FlagStore } from '../../../src-main/electron/close-to-tray.js';
import { installQuitFlow } from '../../../src-main/electron/quit-flow.js';
import { claimSingleInstance } from '../../../src-main/electron/single-instance.js';
import {
  autostartEntry,
  autostartPath,
  desktopExecArg,
  HIDDEN_FLAG,
  isStartAtLoginEnabled,
  launchedHidden,
  setStartAtLogin,
} from '../../../src-main/electron/start-at-login.js';
import type { LoginItemApp } from '../../../src-main/electron/start-at-login.js';
import { applyTheme, backgroundFor, followTheme } from '../../../src-main/electron/theme.js';
import type { ThemePort } from '../../../src-main/electron/theme.js';

function memoryFlags(): FlagStore & { data: Map<string, boolean> } {
  const data = new Map<string, boolean>();
  return { data, get: (k) => data.get(k) === true, set: (k, v) => void data.set(k, v) };
}

describe('close to tray', () => {
  it('hides instead of closing unless quitting, turned off, or without a tray', () => {
    const base: CloseContext = { quitting: false, closeToTray: true, trayAvailable: true };
    expect(closeAction(base)).toBe('hide');
    expect(closeAction({ ...base, quitting: true })).toBe('close');
    expect(closeAction({ ...base, closeToTray: false })).toBe('close');
    expect(closeAction({ ...base, trayAvailable: false })).toBe('close');
  });

  it('shows the notice the first time only, remembering it across launches', () => {
    const flags = memoryFlags();
    const notices: CloseNotice[] = [];
    let hidden = 0;
    const handlerFor = () =>
      createCloseHandler({
        context: () => ({ quitting: false, closeToTray: true, trayAvailable: true }),
        hide: () => hidden++,
        notify: (n) => notices.push(n),
        flags,
        platform: 'win32',
      });
    const close = () => {
      let prevented = false;
      handlerFor()({ preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(close()).toBe(true);
    expect(close()).toBe(true);
    expect(close()).toBe(true); // a new handler (next launch) reads the same flag store
    expect(hidden).toBe(3);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.body).toMatch(/system tray/);
    expect(flags.data.get(CLOSE_NOTICE_FLAG)).toBe(true);
  });

  it('lets the window close while quitting, without a notice', () => {
    const flags = memoryFlags();
    const notices: CloseNotice[] = [];
    let prevented = false;
    createCloseHandler({
      context: () => ({ quitting: true, closeToTray: true, trayAvailable: true }),
      hide: () => {
        throw new Error('must not hide');
      },
      notify: (n) => notices.push(n),
      flags,
      platform: 'darwin',
    })({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);
    expect(notices).toEqual([]);
  });
});

describe('quit flow', () => {
  class FakeApp extends EventEmitter {
    quits = 0;
    /** What Electron does: emit before-quit; quitting goes on only if nobody prevented it. */
    quit(): void {
      this.quits++;
      let prevented = false;
      this.emit('before-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) this.emit('really-quit');
    }
  }

  const logs = (): Logger & { lines: string[] } => {
    const lines: string[] = [];
    const at = (l: string) => (m: string) => void lines.push(`${l} ${m}`);
    return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
  };

  it('holds the quit until the core has shut down, then quits for real once', async () => {
    const app = new FakeApp();
    let finishFlush!: () => void;
    let shutdowns = 0;
    const flow = installQuitFlow({
      app,
      shutdown: () => {
        shutdowns++;
        return new Promise<void>((resolve) => (finishFlush = resolve));
      },
      logger: silentLogger,
    });
    let reallyQuit = 0;
    app.on('really-quit', () => reallyQuit++);
    expect(flow.quitting()).toBe(false);
    app.quit();
    app.quit(); // a second Quit while flushing changes nothing
    expect(flow.phase()).toBe('flushing');
    expect(flow.quitting()).toBe(true);
    expect(reallyQuit).toBe(0);
    expect(shutdowns).toBe(1);
    finishFlush();
    await flow.settled;
    expect(flow.phase()).toBe('done');
    expect(reallyQuit).toBe(1);
  });

  it('gives up waiting after the time limit and says so', async () => {
    const app = new FakeApp();
    const logger = logs();
    const flow = installQuitFlow({ app, shutdown: () => new Promise<void>(() => undefined), logger, timeoutMs: 50 });
    let reallyQuit = 0;
    app.on('really-quit', () => reallyQuit++);
    const started = Date.now();
    app.quit();
    await flow.settled;
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(reallyQuit).toBe(1);
    expect(logger.lines.some((l) => l.startsWith('warn') && /resume on the next launch/.test(l))).toBe(true);
  });

  it('still quits when the shutdown fails, logging why', async () => {
    const app = new FakeApp();
    const logger = logs();
    const flow = installQuitFlow({ app, shutdown: () => Promise.reject(new Error('disk gone')), logger });
    let reallyQuit = 0;
    app.on('really-quit', () => reallyQuit++);
    app.quit();
    await flow.settled;
    expect(reallyQuit).toBe(1);
    expect(logger.lines).toContain('error quit: shutdown failed: disk gone');
  });
});

describe('single instance', () => {
  function fakeApp(lock: boolean) {
    const emitter = new EventEmitter();
    let quits = 0;
    return {
      app: {
        requestSingleInstanceLock: () => lock,
        on: (event: 'second-instance', l: () => void) => emitter.on(event, l),
        quit: () => void quits++,
      },
      emitter,
      quits: () => quits,
    };
  }

  it('the first instance keeps running and shows itself when a second one starts', () => {
    const fake = fakeApp(true);
    let shown = 0;
    expect(claimSingleInstance(fake.app, () => shown++)).toBe(true);
    fake.emitter.emit('second-instance');
    expect(shown).toBe(1);
    expect(fake.quits()).toBe(0);
  });

  it('a second instance quits at once', () => {
    const fake = fakeApp(false);
    expect(claimSingleInstance(fake.app, () => undefined)).toBe(false);
    expect(fake.quits()).toBe(1);
  });
});

describe('start at login', () => {
  let home: string;
  beforeAll(async () => {
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'wharf-autostart-'));
  });
  afterAll(async () => {
    await fs.rm(home, { recursive: true, force: true });
  });

  function loginApp(opened = false) {
    const calls: unknown[] = [];
    let openAtLogin = false;
    const app: LoginItemApp = {
      setLoginItemSettings: (s) => {
        calls.push(s);
        openAtLogin = s.openAtLogin;
      },
      getLoginItemSettings: () => ({ openAtLogin, wasOpenedAtLogin: opened }),
    };
    return { app, calls };
  }

  it('writes and removes an XDG autostart entry on Linux that starts hidden', async () => {
    const { app, calls } = loginApp();
    const env = { platform: 'linux' as const, app, executable: '/opt/Wharf/wharf', configHome: home };
    await setStartAtLogin(true, env);
    const text = await fs.readFile(autostartPath(home), 'utf8');
    expect(text).toContain('[Desktop Entry]');
    expect(text).toContain(`Exec="/opt/Wharf/wharf" ${HIDDEN_FLAG}`);
    expect(await isStartAtLoginEnabled(env)).toBe(true);
    expect((await fs.readdir(path.dirname(autostartPath(home)))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await setStartAtLogin(false, env);
    expect(await isStartAtLoginEnabled(env)).toBe(false);
    await setStartAtLogin(false, env); // already off: no error
    expect(calls).toEqual([]);
  });

  it('quotes the program path for the Exec key', () => {
    expect(desktopExecArg('/home/a b/Wharf.AppImage')).toBe('"/home/a b/Wharf.AppImage"');
    expect(desktopExecArg('/x/$HOME/"q"/`c`/100%')).toBe('"/x/\\\\$HOME/\\\\"q\\\\"/\\\\`c\\\\`/100%%"');
    expect(autostartEntry('/x').split('\n').filter((l) => l.startsWith('Exec='))).toHaveLength(1);
  });

  it('uses login items on macOS and Windows (Windows passes --hidden)', async () => {
    const mac = loginApp();
    await setStartAtLogin(true, { platform: 'darwin', app: mac.app, executable: '/x', configHome: home });
    expect(mac.calls).toEqual([{ openAtLogin: true }]);
    const win = loginApp();
    await setStartAtLogin(true, { platform: 'win32', app: win.app, executable: 'C:\\Wharf.exe', configHome: home });
    await setStartAtLogin(false, { platform: 'win32', app: win.app, executable: 'C:\\Wharf.exe', configHome: home });
    expect(win.calls).toEqual([
      { openAtLogin: true, args: [HIDDEN_FLAG] },
      { openAtLogin: false, args: [HIDDEN_FLAG] },
    ]);
    await expect(fs.access(autostartPath(home))).rejects.toThrow();
  });

  it('knows when it was started at login and should stay in the tray', () => {
    expect(launchedHidden(['wharf', HIDDEN_FLAG], 'linux', loginApp().app)).toBe(true);
    expect(launchedHidden(['wharf'], 'linux', loginApp(true).app)).toBe(false);
    expect(launchedHidden(['wharf'], 'darwin', loginApp(true).app)).toBe(true);
    expect(launchedHidden(['wharf'], 'darwin', loginApp(false).app)).toBe(false);
  });
});

describe('theme', () => {
  class FakeTheme extends EventEmitter implements ThemePort {
    themeSource: 'system' | 'light' | 'dark' = 'system';
    get shouldUseDarkColors(): boolean {
      return this.themeSource === 'dark' || (this.themeSource === 'system' && this.systemDark);
    }
    systemDark = false;
  }

  it('follows the system unless a theme is chosen, repainting the window on change', () => {
    const theme = new FakeTheme();
    const painted: string[] = [];
    const win = { isDestroyed: () => false, setBackgroundColor: (c: string) => void painted.push(c) };
    const gone = { isDestroyed: () => true, setBackgroundColor: () => painted.push('destroyed window painted') };
    followTheme(theme, () => [win, gone]);
    theme.systemDark = true;
    theme.emit('updated');
    expect(painted).toEqual([backgroundFor(true)]);
    applyTheme(theme, 'light');
    expect(theme.themeSource).toBe('light');
    theme.emit('updated');
    expect(painted).toEqual([backgroundFor(true), backgroundFor(false)]);
    applyTheme(theme, 'system');
    expect(theme.themeSource).toBe('system');
  });
});
