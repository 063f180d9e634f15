// Owns the tray icon: creates it once, then on every state change swaps the image (idle/serving),
// the tooltip and the menu. Electron is reached only through the two functions passed in, so a test
// drives it with a recording fake.
import type { Menu, MenuItemConstructorOptions } from 'electron';
import type { TrayActions } from './tray-menu.js';
import { trayMenuTemplate } from './tray-menu.js';
import type { TrayIconState } from './tray-icons.js';
import { trayIconPath } from './tray-icons.js';
import type { TrayInput } from './tray-state.js';
import { trayView } from './tray-state.js';

/** The part of Electron's Tray used here. */
export interface TrayPort {
  setImage(image: string): void;
  setToolTip(text: string): void;
  setContextMenu(menu: Menu | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayControllerDeps {
  readonly createTray: (iconPath: string) => TrayPort;
  readonly buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
  readonly platform: NodeJS.Platform;
  readonly appRoot: string;
  readonly actions: TrayActions;
}

export class TrayController {
  readonly #deps: TrayControllerDeps;
  readonly #tray: TrayPort;
  #icon: TrayIconState = 'idle';

  constructor(deps: TrayControllerDeps, initial: TrayInput) {
    this.#deps = deps;
    this.#tray = deps.createTray(trayIconPath(deps.appRoot, deps.platform, 'idle'));
    // macOS opens the menu on click by itself; elsewhere a click means "show me the window".
    if (deps.platform !== 'darwin') this.#tray.on('click', () => deps.actions.showWindow());
    this.update(initial);
  }

  /** Rebuilds menu, tooltip and (when it changes) the icon. Linux needs the menu set again anyway. */
  update(input: TrayInput): void {
    const view = trayView(input);
    const icon: TrayIconState = view.serving ? 'serving' : 'idle';
    if (icon !== this.#icon) {
      this.#tray.setImage(trayIconPath(this.#deps.appRoot, this.#deps.platform, icon));
      this.#icon = icon;
    }
    this.#tray.setToolTip(view.tooltip);
    this.#tray.setContextMenu(this.#deps.buildMenu(trayMenuTemplate(view, this.#deps.actions)));
  }

  get icon(): TrayIconState {
    return this.#icon;
  }

  destroy(): void {
    this.#tray.destroy();
  }
}
