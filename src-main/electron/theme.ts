// The theme follows the system unless the person picked light or dark in Settings: Electron's
// nativeTheme.themeSource drives both `prefers-color-scheme` in the page and the native parts
// (menus, dialogs, title bar); the window's background is kept in step so no wrong colour flashes.
import type { AppSettings } from '../../src-shared/contract/index.js';
import { WINDOW_BACKGROUND } from './window-options.js';

export interface ThemePort {
  themeSource: AppSettings['theme'];
  readonly shouldUseDarkColors: boolean;
  on(event: 'updated', listener: () => void): unknown;
}

export interface ThemedWindow {
  isDestroyed(): boolean;
  setBackgroundColor(color: string): void;
}

export function applyTheme(theme: ThemePort, choice: AppSettings['theme']): void {
  if (theme.themeSource !== choice) theme.themeSource = choice;
}

export function backgroundFor(dark: boolean): string {
  return dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light;
}

/** Repaints the window background whenever the effective theme changes (system or setting). */
export function followTheme(theme: ThemePort, windows: () => Iterable<ThemedWindow>): void {
  theme.on('updated', () => {
    for (const win of windows()) {
      if (!win.isDestroyed()) win.setBackgroundColor(backgroundFor(theme.shouldUseDarkColors));
    }
  });
}
