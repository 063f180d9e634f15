// The FTP server's configuration as core hands it over, and its validation: every bad value is a
// clear Error at construction time, never a surprise while serving.
import { isIPv4 } from 'node:net';
import type { Logger } from '../../../src-shared/logger.js';
import type { Vfs } from '../../vfs/index.js';
import type { Authenticator, LoginLockout } from '../auth/index.js';
import type { SessionRegistry } from '../session-registry.js';
import type { TransferObserver } from '../transfer-observer.js';

export interface FtpLimits {
  /** A control connection with no command for this long is closed (421); also the login grace. */
  readonly idleMs: number;
  /** A data connection with no traffic for this long is dropped (426); also the PASV accept wait. */
  readonly dataIdleMs: number;
  readonly maxConnections: number;
  readonly maxConnectionsPerIp: number;
}

export interface FtpTlsConfig {
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
  /** TLS from the first byte (ftps://) instead of AUTH TLS on a plain connection. */
  readonly implicit: boolean;
  /** Refuse USER/PASS and data transfers until the connection is protected. */
  readonly require: boolean;
}

export interface FtpServerConfig {
  /** The share; may be left out when the authenticator gives each login its own (auth proxy). */
  readonly vfs?: Vfs;
  readonly authenticator: Authenticator;
  readonly readOnly: boolean;
  readonly logger: Logger;
  /** Passive ports, inclusive; `{ min: 0, max: 0 }` lets the OS pick. */
  readonly passivePorts: { readonly min: number; readonly max: number };
  /** IPv4 address advertised in PASV replies to non-loopback clients. */
  readonly publicIp?: string;
  readonly tls?: FtpTlsConfig;
  readonly limits?: Partial<FtpLimits>;
  /** The share's live sessions (shared with its other servers); a private one when left out. */
  readonly sessions?: SessionRegistry;
  /** Failed-login lockout (shared with the share's other servers): banned addresses are refused. */
  readonly lockout?: LoginLockout;
  /** Told about every RETR/STOR/APPE/STOU and its progress (the app's live transfers); optional. */
  readonly transfers?: TransferObserver;
}

/** vsftpd's idle_session_timeout and data_connection_timeout are both 300 s. */
export const DEFAULT_FTP_LIMITS: FtpLimits = {
  idleMs: 300_000,
  dataIdleMs: 300_000,
  maxConnections: 256,
  maxConnectionsPerIp: 32,
};

export function resolveLimits(limits: Partial<FtpLimits> | undefined): FtpLimits {
  const merged: FtpLimits = { ...DEFAULT_FTP_LIMITS, ...stripUndefined(limits ?? {}) };
  for (const [name, value] of Object.entries(merged)) {
    if (!Number.isInteger(value) || value <= 0) throw new Error(`FTP limit ${name} must be a positive integer`);
  }
  return merged;
}

export function validateFtpConfig(config: FtpServerConfig): void {
  const { min, max } = config.passivePorts;
  const osPicks = min === 0 && max === 0;
  if (!osPicks && !(Number.isInteger(min) && Number.isInteger(max) && min >= 1 && min <= max && max <= 65535)) {
    throw new Error(`Invalid passive port range ${min}-${max}: use two ports between 1 and 65535, low first`);
  }
  if (config.publicIp !== undefined && !isIPv4(config.publicIp)) {
    throw new Error(`Invalid public IP "${config.publicIp}": PASV can only advertise an IPv4 address`);
  }
  if (config.tls && (!config.tls.cert || !config.tls.key)) throw new Error('FTPS needs both a certificate and a key');
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
