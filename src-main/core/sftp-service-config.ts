// What it takes to start one SFTP service: what it serves, where to listen, how clients log in,
// host keys, the share-wide file rules and the VFS settings. The CLI fills it from the serve sftp
// flags.
import type { ServeCommonConfig, ServeFileRules } from './serve-common-config.js';

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

/** The share-wide file rules are the same for every protocol. */
export type SftpFileRules = ServeFileRules;

export interface SftpServiceConfig extends ServeCommonConfig {
  /** Ignored (with a warning for what was given explicitly) when the source is an auth proxy. */
  readonly auth: SftpAuthConfig;
  /** Host private key files; when empty, one ed25519 key is generated once under `hostKeysDir`. */
  readonly hostKeyFiles: readonly string[];
  readonly hostKeysDir: string;
}

export interface SftpService {
  /** The address actually bound (the real port when 0 was asked for). */
  readonly address: { readonly host: string; readonly port: number };
  /** OpenSSH-style fingerprints of the host keys ("SHA256:..."), one per key. */
  readonly fingerprints: readonly string[];
  /** What is served, for the operator: the folder, the remote (no secrets), or the auth proxy. */
  readonly serving: string;
  /** Stops accepting connections, closes sessions, flushes pending uploads and closes the VFS. Safe to call twice. */
  stop(): Promise<void>;
  /** Drops cached directory knowledge (SIGHUP, as rclone's vfs/forget). */
  forget(): void;
}
