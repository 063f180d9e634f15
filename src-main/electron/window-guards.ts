// The fences around the window's web contents and session: no navigation (the UI is one page), no
// new windows (links to the web go to the system browser, https only), no <webview>, every
// permission denied but one, and the CSP header on every response of the app's own pages. The one
// exception is writing text to the clipboard from the app's own top frame: the connection card's
// Copy buttons use navigator.clipboard.writeText, which Chromium gates behind
// 'clipboard-sanitized-write' (write-only, sanitized, and only during a click). Reading stays denied.
import type { Logger } from '../../src-shared/logger.js';
import { isAppUrl } from './app-origin.js';
import { withSecurityHeaders } from './csp.js';

/** Where an https link the person clicked may go: the system browser. */
export type OpenExternal = (url: string) => void;

export function isExternalLink(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

type Blockable = (event: { preventDefault(): void }, url: string) => void;

/** The part of Electron's WebContents guarded here (a structural subset, so tests can fake it). */
export interface GuardedContents {
  on(event: 'will-navigate', listener: Blockable): unknown;
  on(event: 'will-redirect', listener: Blockable): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The permission the app's own page may use; everything else is refused for every page. */
export const GRANTED_PERMISSION = 'clipboard-sanitized-write';

export function permissionAllowed(permission: string, requestingUrl: string | undefined, isMainFrame: boolean | undefined): boolean {
  return permission === GRANTED_PERMISSION && requestingUrl !== undefined && isAppUrl(requestingUrl) && isMainFrame === true;
}

/** The part of Electron's Session guarded here. */
export interface GuardedSession {
  setPermissionRequestHandler(
    handler: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string; isMainFrame?: boolean },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (contents: unknown, permission: string, requestingOrigin: string, details: { requestingUrl?: string; isMainFrame?: boolean }) => boolean,
  ): void;
  setDevicePermissionHandler(handler: () => boolean): void;
  readonly webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
}

export function hardenContents(contents: GuardedContents, openExternal: OpenExternal, logger: Logger): void {
  const refuse =
    (what: string): Blockable =>
    (event, url) => {
      event.preventDefault();
      logger.warn(`window: blocked ${what} to ${url}`);
    };
  contents.on('will-navigate', refuse('navigation'));
  contents.on('will-redirect', refuse('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('window: blocked a webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) openExternal(url);
    else logger.warn(`window: blocked window.open of ${url}`);
    return { action: 'deny' };
  });
}

export function hardenSession(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionAllowed(permission, details?.requestingUrl, details?.isMainFrame)),
  );
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    permissionAllowed(permission, details?.requestingUrl, details?.isMainFrame),
  );
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) {
      callback({});
      return;
    }
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) });
  });
}
