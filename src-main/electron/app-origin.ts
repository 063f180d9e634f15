// The window's own pages live at one origin, `wharf-app://ui/`, served from the built renderer by a
// privileged custom protocol (app-protocol.ts). Everything that trusts a page (IPC sender checks, the
// CSP hook, navigation guards) asks this one predicate, so there is a single definition of "ours".

export const APP_SCHEME = 'wharf-app';
export const APP_HOST = 'ui';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * True when `url` is a page or resource of the app itself. Compares scheme and host exactly: Node's
 * URL gives custom schemes an opaque "null" origin, so origin strings cannot be compared.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}
