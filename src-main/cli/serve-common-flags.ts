// The flags `wharf serve sftp` and `wharf serve ftp` read alike: PATH (a folder, an rclone
// connection string or a named remote from the app's settings) or --auth-proxy, the VFS flags with
// the cache folder's default, and the failed-login lockout, the file rules. Each mistake is a
// UsageError naming the flag.
import path from 'node:path';
import { loginLimitsFromFlags, vfsSettingsFromFlags } from '../../src-shared/options/index.js';
import type { LoginLimits, ServeFileValues, ServeLoginLimitValues, VfsFlagValues } from '../../src-shared/options/index.js';
import { cacheDir, configDir, expandHome, namesRemote, resolveServePath, ServiceConfigError } from '../core/serve.js';
import type { ServeFileRules, ServePathContext, ServeSource, ServeVfsSettings } from '../core/serve.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from './usage-error.js';

export interface ServeFlagContext {
  readonly io: CliIo;
  readonly home: string;
  readonly command: string;
}

/** PATH, or the proxy program; exactly one of them. */
export async function serveSource(
  positionals: readonly string[],
  authProxy: string | undefined,
  ctx: ServeFlagContext,
): Promise<ServeSource> {
  const { io, home, command } = ctx;
  if (authProxy !== undefined) {
    // rclone's rule: with a proxy the served backend comes from its answers, never from PATH.
    if (positionals.length > 0) {
      throw new UsageError(`PATH must be left out with --auth-proxy (each login is served what the proxy answers), got: ${positionals.join(' ')}`, command);
    }
    if (authProxy.trim() === '') throw new UsageError('--auth-proxy needs a program', command);
    // A program named by path is taken from the working folder; a bare name is looked up in PATH.
    const named = authProxy.includes('/') || authProxy.includes('\\') || authProxy.startsWith('~');
    return { kind: 'auth-proxy', program: named ? path.resolve(io.cwd, expandHome(authProxy, home)) : authProxy };
  }
  if (positionals.length === 0) {
    throw new UsageError('missing PATH (a folder, or an SFTP remote such as :sftp,host=HOST,user=USER:/path)', command);
  }
  if (positionals.length > 1) {
    throw new UsageError(`expected one PATH, got ${positionals.length}: ${positionals.join(' ')}`, command);
  }
  const text = positionals[0] ?? '';
  try {
    return { kind: 'path', spec: resolveServePath(text, { cwd: io.cwd, home, ...(await namedRemotesFor(text, ctx)) }) };
  } catch (err) {
    throw err instanceof ServiceConfigError ? new UsageError(err.message, command) : err;
  }
}

/**
 * The app's named remotes (its settings file, read-only) when PATH names one. Loaded only then: the
 * settings schema (zod) would cost every other `wharf serve` about 9 MB, and a local folder must
 * never depend on the settings.
 */
async function namedRemotesFor(text: string, ctx: ServeFlagContext): Promise<Pick<ServePathContext, 'lookup' | 'whyUnknown'>> {
  if (!namesRemote(text)) return {};
  const { namedRemoteLookup } = await import('../core/remotes/named-remote-lookup.js');
  return namedRemoteLookup(configDir({ env: ctx.io.env, platform: process.platform, home: ctx.home }));
}

/** The VFS flags, checked, with --cache-dir defaulting to the user's cache folder for Wharf. */
export function serveVfsSettings(values: VfsFlagValues, ctx: ServeFlagContext): ServeVfsSettings {
  const { io, home, command } = ctx;
  let flags;
  try {
    flags = vfsSettingsFromFlags(values);
  } catch (err) {
    throw new UsageError((err as Error).message, command);
  }
  const dir = flags.cacheDir === undefined
    ? cacheDir({ env: io.env, platform: process.platform, home })
    : path.resolve(io.cwd, expandHome(flags.cacheDir, home));
  return { ...flags, cacheDir: dir };
}

export function serveLoginLimits(values: ServeLoginLimitValues, ctx: ServeFlagContext): LoginLimits {
  try {
    return loginLimitsFromFlags(values);
  } catch (err) {
    throw new UsageError((err as Error).message, ctx.command);
  }
}

export function serveFileRules(values: ServeFileValues, given: ReadonlySet<string>): ServeFileRules {
  return {
    readOnly: values['read-only'],
    filePerms: values['file-perms'],
    dirPerms: values['dir-perms'],
    umask: values.umask,
    overridePerms: given.has('file-perms') || given.has('dir-perms'),
    uid: values.uid,
    gid: values.gid,
    noModTime: values['no-modtime'],
    noChecksum: values['no-checksum'],
  };
}
