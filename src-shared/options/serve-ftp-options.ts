// The flags of `wharf serve ftp`, with rclone's names and defaults (rclone serve ftp), plus explicit
// FTPS and --require-tls, which rclone lacks, the auth proxy and lockout shared with serve sftp, and
// the VFS table. `parsePassivePorts` checks the one value the generic parser cannot (a port range).
import type { AnyOptionSpec, OptionValues } from './option-spec.js';
import { SERVE_AUTH_PROXY_OPTIONS, SERVE_LOGIN_LIMIT_OPTIONS, serveFileOptions, VERBOSE_OPTIONS } from './serve-common-options.js';
import { VFS_OPTIONS } from './vfs-options.js';

export const SERVE_FTP_OPTIONS = [
  {
    name: 'addr',
    kind: 'addr',
    default: { host: 'localhost', port: 2121 },
    valueName: 'HOST:PORT',
    help: 'Address to listen on. ":PORT" listens on every interface (as rclone); port 0 picks a free port',
    group: 'Server',
  },
  {
    name: 'passive-port',
    kind: 'string',
    default: '30000-32000',
    valueName: 'LOW-HIGH',
    help: 'Ports for passive data connections, picked at random in the range; one port alone, or 0 to let the OS pick',
    group: 'Server',
  },
  {
    name: 'public-ip',
    kind: 'string',
    default: undefined,
    defaultText: 'the address the client connected to',
    valueName: 'IPV4',
    help: 'IPv4 address advertised for passive connections (the server behind NAT)',
    group: 'Server',
  },
  {
    name: 'cert',
    kind: 'string',
    default: undefined,
    valueName: 'FILE',
    help: 'TLS certificate (PEM, may be followed by its CA chain); with --key turns on FTPS (AUTH TLS)',
    group: 'Server',
  },
  {
    name: 'key',
    kind: 'string',
    default: undefined,
    valueName: 'FILE',
    help: 'TLS private key (PEM) for --cert',
    group: 'Server',
  },
  {
    name: 'implicit-tls',
    kind: 'bool',
    default: false,
    help: 'Implicit FTPS (ftps://): TLS from the first byte instead of AUTH TLS (needs --cert and --key)',
    group: 'Server',
  },
  {
    name: 'require-tls',
    kind: 'bool',
    default: false,
    help: 'Refuse logins and data transfers until the connection uses TLS (needs --cert and --key)',
    group: 'Server',
  },
  {
    name: 'user',
    kind: 'string',
    default: 'anonymous',
    help: 'User name for authentication; only this name may log in',
    group: 'Authentication',
  },
  {
    name: 'pass',
    kind: 'string',
    default: undefined,
    defaultText: 'any password is accepted for --user',
    help: 'Password for authentication',
    group: 'Authentication',
  },
  ...SERVE_AUTH_PROXY_OPTIONS,
  ...SERVE_LOGIN_LIMIT_OPTIONS,
  ...serveFileOptions({
    readOnly: 'Serve read-only: uploads, deletes, renames, new folders and time changes are refused',
    noModtime: "Don't set modification times that clients send (MFMT is refused)",
    noChecksum: "Don't compute checksums in the VFS (FTP itself offers no checksum command)",
  }),
  ...VFS_OPTIONS,
  ...VERBOSE_OPTIONS,
] as const satisfies readonly AnyOptionSpec[];

export type ServeFtpOptions = OptionValues<typeof SERVE_FTP_OPTIONS>;

/** Passive ports, inclusive; `{ min: 0, max: 0 }` lets the OS pick. */
export interface PassivePortRange {
  readonly min: number;
  readonly max: number;
}

/**
 * "30000-32000", a single port "2122", or "0" (any free port). Throws an Error whose message says
 * what is wrong, ready to follow "invalid value for --passive-port: ".
 */
export function parsePassivePorts(text: string): PassivePortRange {
  const m = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(text);
  if (!m?.[1]) throw new Error(`expected a port range such as 30000-32000, got "${text}"`);
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : Number(m[2]);
  if (min === 0 && max === 0) return { min: 0, max: 0 };
  if (min < 1 || max > 65535) throw new Error(`ports must be between 1 and 65535, got "${text}"`);
  if (min > max) throw new Error(`the low port comes first, got "${text}"`);
  return { min, max };
}
