// The one sanctioned fake: a hand-written stand-in for the `electron` module (its binary cannot be
// downloaded here). It behaves like Electron where the shell depends on it — 'before-quit' can be
// prevented, closing a window emits a preventable 'close', every new web contents is announced with
// 'web-contents-created', ipcMain dispatches to registered handlers — and records every call so a
// test can see what the shell did. Tests install it with
// `vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule())`.
import { EventEmitter } from 'node:events';

export interface PreventableEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export function preventable(): PreventableEvent {
  let prevented = false;
  return {
    preventDefault: () => {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
}

type Listener = (...args: never[]) => unknown;

class FakeWebContents extends EventEmitter {
  url = '';
  destroyed = false;
  readonly sent: Array<[string, unknown]> = [];
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  isDestroyed = () => this.destroyed;
  getURL = () => this.url;
  send = (channel: string, payload: unknown) => void this.sent.push([channel, payload]);
  setWindowOpenHandler = (handler: (details: { url: string }) => { action: string }) => {
    this.openHandler = handler;
  };
  /** Fires a preventable webContents event the way Electron does; true when it was prevented. */
  fire(event: string, ...args: unknown[]): boolean {
    const e = preventable();
    this.emit(event, e, ...args);
    return e.defaultPrevented;
  }
}

class FakeBrowserWindow extends EventEmitter {
  static readonly all: FakeBrowserWindow[] = [];
  static getAllWindows = () => FakeBrowserWindow.all.filter((w) => !w.destroyed);
  readonly webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  minimized = false;
  background: string | undefined;
  loaded: string[] = [];

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.all.push(this);
    state.calls.push(['BrowserWindow', options]);
    state.app.emit('web-contents-created', preventable(), this.webContents);
  }

  isDestroyed = () => this.destroyed;
  isMinimized = () => this.minimized;
  isVisible = () => this.visible;
  restore = () => void (this.minimized = false);
  show = () => void (this.visible = true);
  hide = () => void (this.visible = false);
  focus = () => undefined;
  setBackgroundColor = (color: string) => void (this.background = color);
  loadURL = async (url: string) => {
    this.loaded.push(url);
    this.webContents.url = url;
    this.emit('ready-to-show');
  };

  /** What the close button does: 'close' (preventable), then the window is gone. */
  close(): boolean {
    const e = preventable();
    this.emit('close', e);
    if (e.defaultPrevented) return false;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    return true;
  }
}

class FakeTray extends EventEmitter {
  static readonly all: FakeTray[] = [];
  readonly images: string[] = [];
  tooltip = '';
  menu: { template: Array<Record<string, unknown>> } | null = null;
  destroyed = false;
  constructor(image: string) {
    super();
    this.images.push(image);
    FakeTray.all.push(this);
  }
  setImage = (image: string) => void this.images.push(image);
  setToolTip = (text: string) => void (this.tooltip = text);
  setContextMenu = (menu: { template: Array<Record<string, unknown>> } | null) => void (this.menu = menu);
  destroy = () => void (this.destroyed = true);
}

class FakeNotification {
  static isSupported = () => true;
  constructor(readonly options: { title: string; body: string }) {}
  show = () => void state.notifications.push(this.options);
}

class FakeApp extends EventEmitter {
  ready = false;
  lock = true;
  exitCode: number | undefined;
  quitRequests = 0;
  /** Set when a quit went through (nobody prevented 'before-quit'). */
  quitted = false;
  appPath = '/nonexistent';
  isPackaged = false;
  loginItems = { openAtLogin: false };

  /** Back to a just-launched app: the same object, since a module namespace may hold on to it. */
  reset(): void {
    this.removeAllListeners();
    this.ready = false;
    this.lock = true;
    this.exitCode = undefined;
    this.quitRequests = 0;
    this.quitted = false;
    this.appPath = '/nonexistent';
    this.isPackaged = false;
    this.loginItems = { openAtLogin: false };
  }

  requestSingleInstanceLock(): boolean {
    state.calls.push(['requestSingleInstanceLock']);
    return this.lock;
  }
  async whenReady(): Promise<void> {
    this.ready = true;
    state.calls.push(['ready']);
  }
  quit(): void {
    this.quitRequests++;
    const e = preventable();
    this.emit('before-quit', e);
    if (e.defaultPrevented) return;
    this.quitted = true;
    for (const win of FakeBrowserWindow.getAllWindows()) win.close();
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
  getPath(_name: string): string {
    return this.appPath;
  }
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return '0.1.0-test';
  }
  setAppUserModelId(_id: string): void {}
  setLoginItemSettings(settings: { openAtLogin: boolean }): void {
    state.calls.push(['setLoginItemSettings', settings]);
    this.loginItems = { openAtLogin: settings.openAtLogin };
  }
  getLoginItemSettings(): { openAtLogin: boolean; wasOpenedAtLogin: boolean } {
    return { ...this.loginItems, wasOpenedAtLogin: false };
  }
}

class FakeIpcMain extends EventEmitter {
  reset(): void {
    this.removeAllListeners();
    this.handlers.clear();
  }
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle = (channel: string, listener: (event: unknown, ...args: unknown[]) => unknown) => {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  };
  removeHandler = (channel: string) => void this.handlers.delete(channel);

  /** What a renderer's `ipcRenderer.invoke` does, from a frame at `url` (top frame unless `parent`). */
  async invoke(channel: string, url: string | null, args: unknown[], parent: unknown = null): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const senderFrame = url === null ? null : { url, parent };
    return handler({ senderFrame, sender: {}, frameId: 1, processId: 1 }, ...args);
  }
}

class FakeNativeTheme extends EventEmitter {
  reset(): void {
    this.removeAllListeners();
    this.themeSource = 'system';
    this.systemDark = false;
  }
  themeSource: 'system' | 'light' | 'dark' = 'system';
  systemDark = false;
  get shouldUseDarkColors(): boolean {
    return this.themeSource === 'dark' || (this.themeSource === 'system' && this.systemDark);
  }
}

interface State {
  app: FakeApp;
  ipcMain: FakeIpcMain;
  nativeTheme: FakeNativeTheme;
  calls: Array<[string, ...unknown[]]>;
  notifications: Array<{ title: string; body: string }>;
  clipboard: string[];
  opened: string[];
  privileged: unknown[];
  protocolHandlers: Map<string, (request: { url: string; method: string }) => Promise<Response> | Response>;
  openDialogAnswers: Array<{ canceled: boolean; filePaths: string[] }>;
  messageBoxAnswers: number[];
  messageBoxes: Array<Record<string, unknown>>;
  errorBoxes: Array<[string, string]>;
  applicationMenu: unknown;
  session: {
    permissionRequest?: Listener;
    permissionCheck?: Listener;
    devicePermission?: Listener;
    headers?: Listener;
  };
  keychain: { available: boolean; backend: string };
}

// One app, ipcMain and nativeTheme for the whole file, reset in place: a module namespace that
// imported the fake once keeps pointing at these same objects.
const singletons = { app: new FakeApp(), ipcMain: new FakeIpcMain(), nativeTheme: new FakeNativeTheme() };

function freshState(): State {
  singletons.app.reset();
  singletons.ipcMain.reset();
  singletons.nativeTheme.reset();
  return {
    ...singletons,
    calls: [],
    notifications: [],
    clipboard: [],
    opened: [],
    privileged: [],
    protocolHandlers: new Map(),
    openDialogAnswers: [],
    messageBoxAnswers: [],
    messageBoxes: [],
    errorBoxes: [],
    applicationMenu: undefined,
    session: {},
    keychain: { available: true, backend: 'gnome_libsecret' },
  };
}

let state: State = freshState();

/** The live state of the fake (recorded calls, scripted answers). */
export function fake(): State & { windows: FakeBrowserWindow[]; trays: FakeTray[] } {
  return Object.assign(state, { windows: FakeBrowserWindow.all, trays: FakeTray.all });
}

export function resetFake(): void {
  state = freshState();
  FakeBrowserWindow.all.length = 0;
  FakeTray.all.length = 0;
}

// A reversible "encryption" that is visibly not the plain text, standing in for the OS keychain.
const scramble = (text: string) => Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0x5a));

/** The module object `import ... from 'electron'` gets while the fake is installed. */
export function electronModule(): Record<string, unknown> {
  const module = {
    get app() {
      return state.app;
    },
    get ipcMain() {
      return state.ipcMain;
    },
    get nativeTheme() {
      return state.nativeTheme;
    },
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Notification: FakeNotification,
    Menu: {
      buildFromTemplate: (template: Array<Record<string, unknown>>) => ({ template }),
      setApplicationMenu: (menu: unknown) => void (state.applicationMenu = menu),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        if (state.app.ready) throw new Error('registerSchemesAsPrivileged must be called before the app is ready');
        state.privileged.push(...schemes);
      },
      handle: (scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>) => {
        state.protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => void (state.session.permissionRequest = h),
        setPermissionCheckHandler: (h: Listener) => void (state.session.permissionCheck = h),
        setDevicePermissionHandler: (h: Listener) => void (state.session.devicePermission = h),
        webRequest: { onHeadersReceived: (h: Listener) => void (state.session.headers = h) },
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => state.keychain.available,
      getSelectedStorageBackend: () => state.keychain.backend,
      encryptString: (plain: string) => scramble(plain),
      decryptString: (data: Buffer) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8'),
    },
    dialog: {
      showOpenDialog: async (options: unknown) => {
        state.calls.push(['showOpenDialog', options]);
        return state.openDialogAnswers.shift() ?? { canceled: true, filePaths: [] };
      },
      showMessageBox: async (options: Record<string, unknown>) => {
        state.messageBoxes.push(options);
        return { response: state.messageBoxAnswers.shift() ?? 0, checkboxChecked: false };
      },
      showErrorBox: (title: string, content: string) => void state.errorBoxes.push([title, content]),
    },
    clipboard: { writeText: (text: string) => void state.clipboard.push(text) },
    shell: {
      openExternal: async (url: string) => void state.opened.push(url),
      openPath: async () => '',
    },
  };
  return { ...module, default: module };
}
