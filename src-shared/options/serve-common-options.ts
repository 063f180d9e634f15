// The flags `wharf serve sftp` and `wharf serve ftp` share besides the VFS table: the auth proxy
// (rclone's --auth-proxy), the failed-login lockout, the file rules and -v. `loginLimitsFromFlags`
// checks what the generic parser cannot (a ban needs a real duration).
import type { AnyOptionSpec, OptionValues } from './option-spec.js';

const UINT32_MAX = 0xffff_ffff;

export const SERVE_AUTH_PROXY_OPTIONS = [
  {
    name: 'auth-proxy',
    kind: 'string',
    default: undefined,
    valueName: 'PROG',
    help:
      'Program that decides each login (rclone auth proxy): it gets {"user","pass"} or {"user","public_key"} ' +
      'as JSON on stdin and answers a backend config; PATH is then left out',
    group: 'Authentication',
  },
] as const satisfies readonly AnyOptionSpec[];

export const SERVE_LOGIN_LIMIT_OPTIONS = [
  {
    name: 'max-login-failures',
    kind: 'int',
    default: 10,
    help: 'Failed logins from one address within --login-failure-window that ban the address',
    group: 'Authentication',
    max: 1_000_000,
  },
  {
    name: 'login-failure-window',
    kind: 'duration',
    default: 600_000,
    help: 'Time over which failed logins are counted',
    group: 'Authentication',
  },
  {
    name: 'login-ban-time',
    kind: 'duration',
    default: 900_000,
    help: 'How long a banned address is refused, even with the right password',
    group: 'Authentication',
  },
] as const satisfies readonly AnyOptionSpec[];

/** What each protocol says in the help of the file flags whose effect it words its own way. */
export interface ServeFileHelp {
  readonly readOnly: string;
  readonly noModtime: string;
  readonly noChecksum: string;
}

/** The Files group, in help order; only the three protocol-worded help texts differ per command. */
export function serveFileOptions(help: ServeFileHelp) {
  return [
    { name: 'read-only', kind: 'bool', default: false, help: help.readOnly, group: 'Files' },
    {
      name: 'file-perms',
      kind: 'octal',
      default: 0o666,
      valueName: 'MODE',
      help: 'Mode of new files (before --umask); when given, every file is shown with it',
      group: 'Files',
    },
    {
      name: 'dir-perms',
      kind: 'octal',
      default: 0o777,
      valueName: 'MODE',
      help: 'Mode of new folders (before --umask); when given, every folder is shown with it',
      group: 'Files',
    },
    {
      name: 'umask',
      kind: 'octal',
      default: 0o002,
      valueName: 'MODE',
      help: 'Permission bits removed from new files and folders (and from --file-perms/--dir-perms)',
      group: 'Files',
      max: 0o777,
    },
    {
      name: 'uid',
      kind: 'int',
      default: undefined,
      defaultText: 'the real owner',
      help: 'Owner uid shown to clients',
      group: 'Files',
      max: UINT32_MAX,
    },
    {
      name: 'gid',
      kind: 'int',
      default: undefined,
      defaultText: 'the real group',
      help: 'Group gid shown to clients',
      group: 'Files',
      max: UINT32_MAX,
    },
    { name: 'no-modtime', kind: 'bool', default: false, help: help.noModtime, group: 'Files' },
    { name: 'no-checksum', kind: 'bool', default: false, help: help.noChecksum, group: 'Files' },
  ] as const satisfies readonly AnyOptionSpec[];
}

export type ServeFileValues = OptionValues<ReturnType<typeof serveFileOptions>>;

/** -v, shared by every command that logs (serve sftp, serve ftp, ui). */
export const VERBOSE_OPTIONS = [
  {
    name: 'verbose',
    short: 'v',
    kind: 'count',
    default: 0,
    help: 'Log every access to stderr (-v); -vv also logs protocol traces',
    group: 'Logging',
    repeatable: true,
  },
] as const satisfies readonly AnyOptionSpec[];

export type ServeLoginLimitValues = OptionValues<typeof SERVE_LOGIN_LIMIT_OPTIONS>;

/** The lockout numbers in milliseconds, checked. */
export interface LoginLimits {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly banMs: number;
}

/** Throws an Error naming the flag when a value cannot work ("off" and 0 would disable the ban). */
export function loginLimitsFromFlags(v: ServeLoginLimitValues): LoginLimits {
  if (v['max-login-failures'] < 1) throw new Error('--max-login-failures must be at least 1');
  const window = v['login-failure-window'];
  const ban = v['login-ban-time'];
  if (window === 'off' || window < 1) throw new Error('--login-failure-window needs a duration of at least 1ms');
  if (ban === 'off' || ban < 1) throw new Error('--login-ban-time needs a duration of at least 1ms');
  return { maxFailures: v['max-login-failures'], windowMs: Math.round(window), banMs: Math.round(ban) };
}
