// The options of Wharf's window, as one pure function so a test can hold them to DESIGN.md's
// Electron rules: sandboxed renderer, isolated context, no Node in any frame or worker, no webview,
// web security on, and the preload as the only bridge (it receives the channel lists through
// `additionalArguments`, the one input a sandboxed preload can read synchronously).
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of the compiled preload (preload.cjs). */
  readonly preloadPath: string;
  /** The `--wharf-bridge=...` argument from bridge-args.ts. */
  readonly bridgeArgument: string;
  /** Dark system theme: the background painted before the page's own CSS loads. */
  readonly dark: boolean;
  /** Window icon (Linux and Windows; macOS uses the bundle icon). */
  readonly iconPath?: string | undefined;
  /** DevTools only in unpackaged (development) runs. */
  readonly devTools: boolean;
}

export const WINDOW_BACKGROUND = { light: '#ffffff', dark: '#14161a' } as const;

export function mainWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Wharf',
    width: 1100,
    height: 720,
    minWidth: 720,
    minHeight: 480,
    // Shown on 'ready-to-show' (no white flash) unless the app was started hidden, at login.
    show: false,
    autoHideMenuBar: true,
    backgroundColor: input.dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light,
    ...(input.iconPath === undefined ? {} : { icon: input.iconPath }),
    webPreferences: {
      preload: input.preloadPath,
      additionalArguments: [input.bridgeArgument],
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: input.devTools,
    },
  };
}
