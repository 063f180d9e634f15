// The flags `wharf serve sftp` and `wharf serve ftp` share besides the VFS table: the auth proxy
// (rclone's --auth-proxy) and the failed-login lockout. `loginLimitsFromFlags` checks what the
// generic parser cannot (a ban needs a real duration).
import type { AnyOptionSpec, OptionValues } from './option-spec.js';

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
