// What it takes to start one FTP service: what it serves, where to listen, the one login (or the
// auth proxy), passive data ports, FTPS, the share-wide file rules and the VFS settings. The CLI
// fills it from the serve ftp flags.
import type { ServeCommonConfig, ServeFileRules } from './serve-common-config.js';

export interface FtpAuthConfig {
  /** The only user name that may log in (rclone's default is "anonymous"). */
  readonly user: string;
  /** Undefined or empty: any password is accepted for `user` (rclone's empty --pass). */
  readonly pass?: string;
}

export interface FtpTlsSettings {
  /** PEM certificate file (optionally followed by its CA chain) and its private key file. */
  readonly certFile?: string;
  readonly keyFile?: string;
  /** TLS from the first byte (ftps://) instead of AUTH TLS; needs the certificate and key. */
  readonly implicit: boolean;
  /** Refuse USER/PASS and data transfers before TLS; needs the certificate and key. */
  readonly require: boolean;
}

/** The share-wide file rules are the same for every protocol. */
export type FtpFileRules = ServeFileRules;

export interface FtpServiceConfig extends ServeCommonConfig {
  /** Not used when the source is an auth proxy. */
  readonly auth: FtpAuthConfig;
  /** Passive ports, inclusive; `{ min: 0, max: 0 }` lets the OS pick. */
  readonly passivePorts: { readonly min: number; readonly max: number };
  /** IPv4 address advertised in PASV replies (a server behind NAT). */
  readonly publicIp?: string;
  readonly tls: FtpTlsSettings;
}

/** How the service speaks TLS: not at all, on request (AUTH TLS), or from the first byte. */
export type FtpTlsMode = 'none' | 'explicit' | 'implicit';

export interface FtpService {
  /** The address actually bound (the real port when 0 was asked for). */
  readonly address: { readonly host: string; readonly port: number };
  readonly tlsMode: FtpTlsMode;
  /** True when logins and transfers need TLS (--require-tls, or implicit FTPS). */
  readonly tlsRequired: boolean;
  /** What is served, for the operator: the folder, the remote (no secrets), or the auth proxy. */
  readonly serving: string;
  /** Stops accepting connections, ends sessions, flushes uploads and closes the VFS. Safe to call twice. */
  stop(): Promise<void>;
  /** Drops cached directory knowledge (SIGHUP, as rclone's vfs/forget). */
  forget(): void;
}
