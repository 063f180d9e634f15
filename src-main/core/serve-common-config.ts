// What the SFTP and FTP services of `wharf serve` are configured with alike: what they serve (a
// folder or an SFTP remote, or whatever the auth proxy answers for each login), the VFS settings,
// the share-wide file rules and the failed-login lockout.
import type { Logger } from '../../src-shared/logger.js';
import type { LoginLimits, VfsFlagSettings } from '../../src-shared/options/index.js';
import type { BackendSpec } from '../vfs/index.js';

/**
 * A PATH (resolved by `resolveServePath`: local folders absolute) or an auth proxy program, whose
 * answer to each login is the backend that login is served from.
 */
export type ServeSource =
  | { readonly kind: 'path'; readonly spec: BackendSpec }
  | { readonly kind: 'auth-proxy'; readonly program: string };

/** The VFS flags, checked, with the cache folder decided (the flag, or the user's cache dir). */
export interface ServeVfsSettings extends Omit<VfsFlagSettings, 'cacheDir'> {
  readonly cacheDir: string;
}

export interface ServeFileRules {
  readonly readOnly: boolean;
  readonly filePerms: number;
  readonly dirPerms: number;
  readonly umask: number;
  /** True when the permissions were given explicitly: every entry is then shown with them. */
  readonly overridePerms: boolean;
  /** Owner shown to clients; undefined shows the real one. */
  readonly uid?: number;
  readonly gid?: number;
  readonly noModTime: boolean;
  readonly noChecksum: boolean;
}

/** What both service configs hold; each adds its protocol's own settings. */
export interface ServeCommonConfig {
  readonly source: ServeSource;
  /** Host "" listens on every interface; port 0 picks a free port. */
  readonly host: string;
  readonly port: number;
  readonly files: ServeFileRules;
  /** Cache mode, directory cache, buffering; the engine's defaults (mode off) when left out. */
  readonly vfs?: ServeVfsSettings;
  /** Failed-login lockout numbers; 10 failures in 10 minutes ban an address for 15 when left out. */
  readonly loginLimits?: Partial<LoginLimits>;
  readonly logger: Logger;
}
