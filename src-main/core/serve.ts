// The slice of core that `wharf serve` needs: the SFTP service, where files live, and the config
// errors (the FTP service is imported from its own file, so serve sftp never loads ftp-srv). Kept apart from index.ts so a headless server does not load the app core (settings
// store, schema validation, the web bridge): about 50 MB less resident memory per `wharf serve`.
export { startSftpService } from './sftp-service.js';
export type { SftpAuthConfig, SftpFileRules, SftpService, SftpServiceConfig } from './sftp-service-config.js';
export { ServiceConfigError } from './service-error.js';
export type { ServeCommonConfig, ServeFileRules, ServeSource, ServeVfsSettings } from './serve-common-config.js';
export { namesRemote, resolveServePath } from './serve-common-source.js';
export type { ServePathContext } from './serve-common-source.js';
export { cacheDir, configDir, currentPathEnv, defaultAuthorizedKeysFile, expandHome, hostKeysDir, secretKeyFile, settingsFile, SETTINGS_NAME } from './paths.js';
export type { PathEnv } from './paths.js';
