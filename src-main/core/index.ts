// src-main/core: the application. For now, the SFTP service that `wharf serve sftp` runs (backend +
// Vfs + host keys + authenticator + server) and where Wharf keeps its files on each OS.
// May import: servers, the vfs public API (vfs/index.ts), src-shared, node builtins.
export { startSftpService } from './sftp-service.js';
export type { SftpAuthConfig, SftpFileRules, SftpService, SftpServiceConfig } from './sftp-service-config.js';
export { ServiceConfigError } from './service-error.js';
export {
  cacheDir,
  configDir,
  currentPathEnv,
  defaultAuthorizedKeysFile,
  expandHome,
  hostKeysDir,
} from './paths.js';
export type { PathEnv } from './paths.js';
