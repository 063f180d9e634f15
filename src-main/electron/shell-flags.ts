// Small facts only the desktop shell needs (the close-to-tray notice was shown), in their own
// electron-store file next to the settings: they are not settings the person edits and must not
// disturb the core's validated document.
import Store from 'electron-store';
import type { FlagStore } from './close-to-tray.js';

export const SHELL_STORE_NAME = 'desktop-shell';

export function openShellFlags(dir: string): FlagStore {
  const store = new Store<Record<string, boolean>>({
    cwd: dir,
    name: SHELL_STORE_NAME,
    configFileMode: 0o600,
    accessPropertiesByDotNotation: false,
    watch: false,
    // A damaged flags file is not worth keeping: start over rather than refuse to start.
    clearInvalidConfig: true,
  });
  return {
    get: (key) => store.get(key) === true,
    set: (key, value) => store.set(key, value),
  };
}
