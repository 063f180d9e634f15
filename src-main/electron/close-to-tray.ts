// Closing the window keeps Wharf serving from the tray: the close is turned into a hide, and the
// first time that happens a notice says where Wharf went (once ever, remembered in the shell's own
// store). While the app quits, or when the person turned the option off or there is no tray, the
// window really closes.

export type CloseAction = 'hide' | 'close';

export interface CloseContext {
  readonly quitting: boolean;
  /** The app setting "close to tray" (on by default). */
  readonly closeToTray: boolean;
  readonly trayAvailable: boolean;
}

export function closeAction(ctx: CloseContext): CloseAction {
  return !ctx.quitting && ctx.closeToTray && ctx.trayAvailable ? 'hide' : 'close';
}

/** Remembers small yes/no facts across launches (electron-store in the app). */
export interface FlagStore {
  get(key: string): boolean;
  set(key: string, value: boolean): void;
}

export const CLOSE_NOTICE_FLAG = 'closeToTrayNoticeShown';

export interface CloseNotice {
  readonly title: string;
  readonly body: string;
}

export function closeNoticeText(platform: NodeJS.Platform): CloseNotice {
  const where = platform === 'darwin' ? 'menu bar' : 'system tray';
  return {
    title: 'Wharf is still sharing',
    body: `Your shares keep running. Open Wharf or quit it from its icon in the ${where}.`,
  };
}

export interface CloseHandlerDeps {
  readonly context: () => CloseContext;
  readonly hide: () => void;
  readonly notify: (notice: CloseNotice) => void;
  readonly flags: FlagStore;
  readonly platform: NodeJS.Platform;
}

/** The window's 'close' listener: prevents the close when hiding, and shows the notice once. */
export function createCloseHandler(deps: CloseHandlerDeps): (event: { preventDefault(): void }) => void {
  return (event) => {
    if (closeAction(deps.context()) === 'close') return;
    event.preventDefault();
    deps.hide();
    if (!deps.flags.get(CLOSE_NOTICE_FLAG)) {
      deps.flags.set(CLOSE_NOTICE_FLAG, true);
      deps.notify(closeNoticeText(deps.platform));
    }
  };
}
