// src-main/core: the application. Shares (a folder or a remote folder served over SFTP and/or FTP),
// their users and keys, named remotes, each server's lifecycle and state, live statistics, the
// settings (behind SettingsStore, with a zod schema and migrations) and sealed secrets (SecretBox);
// also the SFTP and FTP services `wharf serve` runs, and where Wharf keeps its files on each OS.
// May import: servers, the vfs public API (vfs/index.ts), src-shared, node builtins, zod, conf.
export * from './serve.js';
export { startFtpService } from './ftp-service.js';
export type { FtpAuthConfig, FtpFileRules, FtpService, FtpServiceConfig, FtpTlsMode, FtpTlsSettings } from './ftp-service-config.js';

export { openWharfCore } from './wharf-core.js';
export type { WharfCore, WharfCoreOptions } from './wharf-core.js';
export { CoreError } from './core-error.js';
export type { CoreErrorCode } from './core-error.js';
export { CoreEvents } from './core-events.js';
export type { CoreEventMap, CoreEventName } from './core-events.js';
export type { SettingsStore } from './settings/settings-store.js';
export { SettingsReadError } from './settings/settings-store.js';
export { ConfSettingsStore } from './settings/conf-settings-store.js';
export { SettingsVersionError } from './settings/settings-migrations.js';
export { SETTINGS_VERSION } from './settings/settings-schema.js';
export type { SecretBox } from './secrets/secret-box.js';
export { KEYCHAIN_SCHEME, SecretBoxError } from './secrets/secret-box.js';
export { openKeyFileSecretBox } from './secrets/key-file-secret-box.js';
export { caseInsensitiveDefault } from './os-defaults.js';
export { STATS_INTERVAL_MS } from './stats/stats-feed.js';
export { QUICK_SHARE_USER } from './shares/quick-share.js';
