// The desktop app's lifecycle, wired once: single-instance lock, the app protocol and session fences,
// the core and api router (the same ones headless mode uses) behind IPC, the tray, the window,
// close-to-tray, theme, start at login, and quit-after-flush. Electron arrives as a parameter (main.ts
// passes the real module), so a test can run this whole sequence against a recording fake.
import os from 'node:os';
import path from 'node:path';
import type { AppSettings, ConnectionCard } from '../../src-shared/contract/index.js';
import type { Logger } from '../../src-shared/logger.js';
import { coreEventSource, createApiHandlers, createRouter } from '../api/index.js';
import { cacheDir, configDir, openKeyFileSecretBox, openWharfCore, secretKeyFile } from '../core/index.js';
import type { PathEnv, WharfCore } from '../core/index.js';
import { appMenuTemplate } from './app-menu.js';
import { APP_SCHEME } from './app-origin.js';
import { APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol.js';
import { contractBridgeConfig, encodeBridgeArgument } from './bridge-args.js';
import { createCloseHandler } from './close-to-tray.js';
import { cardBox, pickFolder } from './dialogs.js';
import { ElectronSettingsStore } from './electron-settings-store.js';
import { registerRequestChannels, sendEvent } from './ipc-bridge.js';
import { MainWindow } from './main-window.js';
import { installQuitFlow } from './quit-flow.js';
import { layeredSecretBox, safeStorageSecretBox, safeStorageUsable } from './safe-storage-secret-box.js';
import { openShellFlags } from './shell-flags.js';
import { claimSingleInstance } from './single-instance.js';
import { isStartAtLoginEnabled, launchedHidden, setStartAtLogin } from './start-at-login.js';
import type { StartAtLoginEnv } from './start-at-login.js';
import { applyTheme, followTheme } from './theme.js';
import { createTrayActions } from './tray-actions.js';
import { TrayController } from './tray-controller.js';
import { firstLanAddress } from './tray-state.js';
import type { TrayInput } from './tray-state.js';
import { mainWindowOptions } from './window-options.js';
import { hardenContents, hardenSession } from './window-guards.js';

export type ElectronApi = Pick<
  typeof import('electron'),
  | 'app'
  | 'BrowserWindow'
  | 'clipboard'
  | 'dialog'
  | 'ipcMain'
  | 'Menu'
  | 'nativeTheme'
  | 'Notification'
  | 'protocol'
  | 'safeStorage'
  | 'session'
  | 'shell'
  | 'Tray'
>;

export interface DesktopOptions {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Folder of the compiled electron files (preload.cjs sits there). */
  readonly mainDir: string;
  readonly logger: Logger;
  readonly version: string;
}

/** What a started app exposes (for the test, and for nothing else). */
export interface DesktopApp {
  readonly core: WharfCore;
  readonly window: MainWindow;
  readonly tray: TrayController;
  readonly trayActions: ReturnType<typeof createTrayActions>;
}

/** Runs the app; resolves undefined when another instance already runs (this one quits). */
export async function startDesktopApp(electron: ElectronApi, options: DesktopOptions): Promise<DesktopApp | undefined> {
  const { app } = electron;
  const { logger } = options;
  // Must happen before 'ready': the scheme's privileges are fixed at startup.
  electron.protocol.registerSchemesAsPrivileged([{ ...APP_SCHEME_PRIVILEGES, privileges: { ...APP_SCHEME_PRIVILEGES.privileges } }]);

  // Filled in once ready; the single-instance and quit hooks registered before that read them late.
  const late: { window?: MainWindow; core?: WharfCore } = {};
  if (!claimSingleInstance(app, () => late.window?.show())) return undefined;
  if (process.platform === 'win32') app.setAppUserModelId('app.wharf.desktop');

  const quit = installQuitFlow({ app, shutdown: async () => late.core?.close(), logger });
  // The tray keeps serving with no window open: never quit because the last window closed.
  app.on('window-all-closed', () => undefined);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
  app.on('web-contents-created', (_event, contents) =>
    hardenContents(contents, (url) => void electron.shell.openExternal(url).catch(() => undefined), logger),
  );

  await app.whenReady();
  hardenSession(electron.session.defaultSession);
  const appRoot = app.getAppPath();
  const rendererRoot = path.join(appRoot, 'dist-renderer');
  electron.protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererRoot, request.url, request.method));
  const menu = appMenuTemplate(process.platform, () => late.window?.show());
  electron.Menu.setApplicationMenu(menu === null ? null : electron.Menu.buildFromTemplate(menu));

  const pathEnv: PathEnv = { env: options.env, platform: process.platform, home: os.homedir() };
  const config = configDir(pathEnv);
  const keyFile = await openKeyFileSecretBox(secretKeyFile(config), logger);
  const keychain = electron.safeStorage.isEncryptionAvailable() ? safeStorageSecretBox(electron.safeStorage) : null;
  const openedCore = await openWharfCore({
    store: new ElectronSettingsStore(config),
    secrets: layeredSecretBox({ keychain, keyFile, sealWith: safeStorageUsable(electron.safeStorage, process.platform) ? 'keychain' : 'key-file' }),
    configDir: config,
    cacheDir: cacheDir(pathEnv),
    logger,
    // Servers left on are resumed below, once the window and tray are up to show them starting.
    resume: false,
  });
  late.core = openedCore;
  const handlers = createApiHandlers(openedCore, { mode: 'electron', version: options.version });
  const router = createRouter(
    { ...handlers, 'dialog:pick-folder': async () => ({ path: await pickFolder(electron.dialog) }) },
    logger,
  );
  registerRequestChannels(electron.ipcMain, contractBridgeConfig().requests, router, logger);

  const flags = openShellFlags(config);
  const trayAvailable = { value: false };
  const mainWindow = new MainWindow({
    create: () =>
      new electron.BrowserWindow(
        mainWindowOptions({
          preloadPath: path.join(options.mainDir, 'preload.cjs'),
          bridgeArgument: encodeBridgeArgument(contractBridgeConfig()),
          dark: electron.nativeTheme.shouldUseDarkColors,
          iconPath: process.platform === 'darwin' ? undefined : path.join(appRoot, 'assets', 'icon-512.png'),
          devTools: !app.isPackaged,
        }),
      ),
    onClose: createCloseHandler({
      context: () => ({ quitting: quit.quitting(), closeToTray: openedCore.settings.get().closeToTray, trayAvailable: trayAvailable.value }),
      hide: () => mainWindow.windows().forEach((w) => w.hide()),
      notify: ({ title, body }) => {
        if (electron.Notification.isSupported()) new electron.Notification({ title, body }).show();
      },
      flags,
      platform: process.platform,
    }),
    logger,
  });
  late.window = mainWindow;
  app.on('activate', () => mainWindow.show());

  const events = coreEventSource(openedCore);
  events((channel, payload) => sendEvent(mainWindow.targets(), channel, payload));

  const trayActions = createTrayActions({
    router,
    pickFolder: () => pickFolder(electron.dialog),
    showCard: (card) => showCard(electron, card),
    showError: (message, detail) => void electron.dialog.showMessageBox({ type: 'error', message, detail }),
    copyText: (text) => electron.clipboard.writeText(text),
    showWindow: () => mainWindow.show(),
    quit: () => app.quit(),
    logger,
  });
  const trayInput = (): TrayInput => ({
    shares: openedCore.shares.list(),
    protocols: { sftp: true, ftp: true },
    lanAddress: firstLanAddress(os.networkInterfaces()),
  });
  const tray = new TrayController(
    {
      createTray: (icon) => new electron.Tray(icon),
      buildMenu: (template) => electron.Menu.buildFromTemplate(template),
      platform: process.platform,
      appRoot,
      actions: trayActions,
    },
    trayInput(),
  );
  trayAvailable.value = true;
  events((channel) => {
    if (channel === 'shares:changed') tray.update(trayInput());
  });

  const loginEnv: StartAtLoginEnv = {
    platform: process.platform,
    app,
    executable: options.env.APPIMAGE ?? process.execPath,
    configHome: options.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'),
  };
  const applySettings = (settings: AppSettings) => {
    applyTheme(electron.nativeTheme, settings.theme);
    // An unpackaged run is the bare Electron binary: registering it to start at login helps nobody.
    if (app.isPackaged) void syncStartAtLogin(settings.startAtLogin, loginEnv, logger);
  };
  applySettings(openedCore.settings.get());
  openedCore.events.on('settings', applySettings);
  followTheme(electron.nativeTheme, () => mainWindow.windows());

  mainWindow.ensure(!launchedHidden(options.argv, process.platform, app));
  // A server that cannot start shows its reason in the tray and window; resuming never fails the app.
  if (openedCore.settings.get().resumeOnLaunch) {
    await openedCore.shares.resume().catch((err: unknown) => logger.error(`resume: ${err instanceof Error ? err.message : String(err)}`));
  }
  logger.info(`Wharf ${options.version} started`);
  return { core: openedCore, window: mainWindow, tray, trayActions };
}

async function syncStartAtLogin(wanted: boolean, env: StartAtLoginEnv, logger: Logger): Promise<void> {
  try {
    if ((await isStartAtLoginEnabled(env)) !== wanted) await setStartAtLogin(wanted, env);
  } catch (err) {
    logger.warn(`start at login: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function showCard(electron: ElectronApi, card: ConnectionCard): Promise<void> {
  const box = cardBox(card);
  // Copying keeps the box up, so the person can copy the address and then the password.
  for (;;) {
    const { response } = await electron.dialog.showMessageBox({ type: 'info', message: box.message, detail: box.detail, buttons: [...box.buttons] });
    const copy = box.copies[response];
    if (copy === null || copy === undefined) return;
    electron.clipboard.writeText(copy);
  }
}
