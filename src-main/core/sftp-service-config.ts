// What it takes to start one SFTP service: the folder, where to listen, how clients log in, host
// keys and the share-wide file rules. The CLI fills it from the serve sftp flags.
import type { Logger } from '../../src-shared/logger.js';

export interface SftpAuthConfig {
  /** With `pass`: password login for this user. Alone: key logins only for this user name. */
  readonly user?: string;
  readonly pass?: string;
  /** An explicit authorized keys file: must exist and hold at least one valid key. */
  readonly authorizedKeysFile?: string;
  /** Used when `authorizedKeysFile` is not given, only if it exists (~/.ssh/authorized_keys). */
  readonly defaultAuthorizedKeysFile?: string;
  readonly noAuth: boolean;
}

export interface SftpFileRules {
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

export interface SftpServiceConfig {
  /** The local folder to serve (absolute, or relative to the process's cwd). */
  readonly root: string;
  /** Host "" listens on every interface; port 0 picks a free port. */
  readonly host: string;
  readonly port: number;
  readonly auth: SftpAuthConfig;
  /** Host private key files; when empty, one ed25519 key is generated once under `hostKeysDir`. */
  readonly hostKeyFiles: readonly string[];
  readonly hostKeysDir: string;
  readonly files: SftpFileRules;
  readonly logger: Logger;
}

export interface SftpService {
  /** The address actually bound (the real port when 0 was asked for). */
  readonly address: { readonly host: string; readonly port: number };
  /** OpenSSH-style fingerprints of the host keys ("SHA256:..."), one per key. */
  readonly fingerprints: readonly string[];
  /** Stops accepting connections, closes sessions and the VFS. Safe to call twice. */
  stop(): Promise<void>;
  /** Drops cached directory knowledge (SIGHUP, as rclone's vfs/forget). */
  forget(): void;
}
