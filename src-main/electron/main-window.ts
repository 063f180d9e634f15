// The one main window: created on demand (at launch unless started hidden, again from the tray after
// it was closed for real), shown and focused when asked, hidden instead of closed (close-to-tray).
// Electron is reached through the window factory passed in.
import type { Logger } from '../../src-shared/logger.js';
import { APP_ENTRY_URL } from './app-origin.js';
import type { EventTarget } from './ipc-bridge.js';
import type { ThemedWindow } from './theme.js';

/** The part of Electron's BrowserWindow used here. */
export interface AppWindow extends ThemedWindow {
  readonly webContents: EventTarget;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  hide(): void;
  focus(): void;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
  loadURL(url: string): Promise<void>;
}

export interface MainWindowDeps {
  /** Makes a window with the options of window-options.ts. */
  readonly create: () => AppWindow;
  /** The close-to-tray handler (close-to-tray.ts). */
  readonly onClose: (event: { preventDefault(): void }) => void;
  readonly logger: Logger;
}

export class MainWindow {
  readonly #deps: MainWindowDeps;
  #window: AppWindow | null = null;

  constructor(deps: MainWindowDeps) {
    this.#deps = deps;
  }

  /** Shows the window, creating it first when there is none. */
  show(): void {
    const win = this.#live() ?? this.#create(true);
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  /** Creates the window without showing it (started at login: the tray only, until asked). */
  ensure(visible: boolean): void {
    if (this.#live() === null) this.#create(visible);
  }

  /** The window's contents, for events; empty while there is no window. */
  targets(): EventTarget[] {
    const win = this.#live();
    return win === null ? [] : [win.webContents];
  }

  windows(): AppWindow[] {
    const win = this.#live();
    return win === null ? [] : [win];
  }

  #live(): AppWindow | null {
    return this.#window !== null && !this.#window.isDestroyed() ? this.#window : null;
  }

  #create(visible: boolean): AppWindow {
    const win = this.#deps.create();
    this.#window = win;
    win.on('close', this.#deps.onClose);
    win.on('closed', () => {
      if (this.#window === win) this.#window = null;
    });
    if (visible) win.once('ready-to-show', () => win.show());
    win.loadURL(APP_ENTRY_URL).catch((err: unknown) => {
      this.#deps.logger.error(`window: cannot load the app page: ${err instanceof Error ? err.message : String(err)}`);
    });
    return win;
  }
}
