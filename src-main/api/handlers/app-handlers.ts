// app:*, settings:* and dialog:* channels.
import { caseInsensitiveDefault, CoreError } from '../../core/index.js';
import type { WharfCore } from '../../core/index.js';
import type { ApiHandlers } from '../router.js';

export interface AppInfoOptions {
  readonly mode: 'electron' | 'headless';
  readonly version: string;
}

export function appHandlers(core: WharfCore, info: AppInfoOptions): Pick<ApiHandlers, 'app:info' | 'settings:get' | 'settings:update' | 'dialog:pick-folder'> {
  return {
    'app:info': () => ({
      version: info.version,
      platform: core.platform,
      mode: info.mode,
      caseInsensitiveDefault: caseInsensitiveDefault(core.platform),
      protocols: { sftp: true, ftp: true },
    }),
    'settings:get': () => core.settings.get(),
    'settings:update': (patch) => core.settings.update(patch),
    // Only the desktop app has a native picker: its shell replaces this handler (electron/desktop-app.ts).
    'dialog:pick-folder': () => {
      throw new CoreError('unavailable', 'There is no folder picker here: type the folder path instead');
    },
  };
}
