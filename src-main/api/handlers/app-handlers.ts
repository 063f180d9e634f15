// app:* and settings:* channels.
import { caseInsensitiveDefault } from '../../core/index.js';
import type { WharfCore } from '../../core/index.js';
import type { ApiHandlers } from '../router.js';

export interface AppInfoOptions {
  readonly mode: 'electron' | 'headless';
  readonly version: string;
}

export function appHandlers(core: WharfCore, info: AppInfoOptions): Pick<ApiHandlers, 'app:info' | 'settings:get' | 'settings:update'> {
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
  };
}
