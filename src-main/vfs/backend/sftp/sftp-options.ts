// What an SFTP remote is (the fields of rclone's sftp backend Wharf supports) and the connection
// tunables, with their defaults.
import type { Logger } from '../../../../src-shared/logger.js';

/** Where and as whom to connect; also the parsed form of a `:sftp,...:path` connection string. */
export interface SftpTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** Plain password (connection strings carry it obscured; it is revealed before it gets here). */
  readonly password?: string;
  /** Private key file (OpenSSH or PEM format). */
  readonly keyFile?: string;
  /** Passphrase of an encrypted key file. */
  readonly keyPassphrase?: string;
  /**
   * OpenSSH known_hosts file the host key must be listed in. Without it any key is accepted on
   * the first connection (as rclone does) and then pinned: a reconnect to another key fails.
   */
  readonly knownHostsFile?: string;
  /** Folder on the remote that is the share's root; relative (or empty) means from the login folder. */
  readonly root: string;
}

export interface SftpBackendOptions extends SftpTarget {
  /** Time allowed for TCP connect plus SSH handshake and login. */
  readonly connectTimeoutMs?: number;
  /** SSH keepalive period; three unanswered ones drop the connection (0 disables). */
  readonly keepaliveIntervalMs?: number;
  /**
   * After a failed connect, requests fail at once (unreachable) for this long before the next
   * attempt; the wait doubles on each further failure up to `maxRetryDelayMs`.
   */
  readonly minRetryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  readonly logger?: Logger;
}

export const SFTP_DEFAULTS = {
  port: 22,
  connectTimeoutMs: 15_000,
  keepaliveIntervalMs: 10_000,
  keepaliveCountMax: 3,
  minRetryDelayMs: 250,
  maxRetryDelayMs: 5_000,
} as const;

/** `user@host:port`, for the operator's log lines and startup errors (never sent to clients). */
export function describeTarget(target: SftpTarget): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `sftp://${target.user}@${host}:${target.port}`;
}
