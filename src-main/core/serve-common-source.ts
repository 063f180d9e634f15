// PATH of `wharf serve` in rclone's syntax: a local folder, an on-the-fly remote
// (`:sftp,host=H,user=U,key_file=F,pass=OBSCURED:/path`) or a named remote (`NAME:path`, resolved
// through the lookup the caller passes). Also what the operator is shown for a source (never a
// secret) and the name of its cache folder: stable for the same source, so a restart finds what a
// crash left to upload, and different for different sources, so two instances never share one.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { assertNever } from '../../src-shared/assert-never.js';
import { expandHome } from './paths.js';
import { ServiceConfigError } from './service-error.js';
import { parseRemotePath, resolveRemoteSpec, RemoteSpecError } from '../vfs/index.js';
import type { BackendSpec, RemoteLookup } from '../vfs/index.js';

export interface ServePathContext {
  /** Relative local folders and key files are taken from here. */
  readonly cwd: string;
  readonly home: string;
  readonly platform?: NodeJS.Platform;
  /** Named remotes; without it `NAME:path` is an unknown remote. */
  readonly lookup?: RemoteLookup;
  /** Why `lookup` knows no remote called `name` (where it looked), for the "unknown remote" message. */
  readonly whyUnknown?: (name: string) => string;
}

/**
 * Whether PATH names a configured remote (`NAME:path`), so named remotes must be looked up for it.
 * Text that does not parse says no: resolveServePath then reports what is wrong with it.
 */
export function namesRemote(text: string, platform: NodeJS.Platform = process.platform): boolean {
  try {
    const parsed = parseRemotePath(text, platform);
    return parsed.kind === 'remote' && !parsed.onTheFly;
  } catch (err) {
    if (err instanceof RemoteSpecError) return false;
    throw err;
  }
}

/** Resolves PATH; a mistake in it is a ServiceConfigError that says what is wrong (no secrets). */
export function resolveServePath(text: string, ctx: ServePathContext): BackendSpec {
  const fromCwd = (file: string) => path.resolve(ctx.cwd, expandHome(file, ctx.home));
  let spec: BackendSpec;
  try {
    spec = resolveRemoteSpec(text, ctx.lookup ?? (() => undefined), ctx.platform ?? process.platform);
  } catch (err) {
    if (!(err instanceof RemoteSpecError)) throw err;
    throw new ServiceConfigError(`PATH: ${unknownRemoteHint(err.message, ctx.whyUnknown)}`);
  }
  switch (spec.type) {
    case 'local':
      return { type: 'local', root: fromCwd(spec.root) };
    case 'sftp':
      return {
        ...spec,
        ...(spec.keyFile === undefined ? {} : { keyFile: fromCwd(spec.keyFile) }),
        ...(spec.knownHostsFile === undefined ? {} : { knownHostsFile: fromCwd(spec.knownHostsFile) }),
      };
    default:
      return assertNever(spec, 'backend spec');
  }
}

/** A name that is not configured may be a folder whose name has a colon in it: say how to write both. */
function unknownRemoteHint(message: string, whyUnknown: ((name: string) => string) | undefined): string {
  if (!message.startsWith('no remote named')) return message;
  const name = /"(.*)"/.exec(message)?.[1] ?? '';
  const why = whyUnknown?.(name) ?? 'no named remote is configured for wharf serve';
  return `unknown remote "${name}": ${why}; use a connection string such as :sftp,host=HOST,user=USER:/path, or ./${name}:... for a local folder`;
}

/** What the operator is shown as served: the folder, or the remote without any secret. */
export function describeSpec(spec: BackendSpec): string {
  switch (spec.type) {
    case 'local':
      return spec.root;
    case 'sftp': {
      const host = spec.host.includes(':') ? `[${spec.host}]` : spec.host;
      const folder = spec.root === '' ? '' : spec.root.startsWith('/') ? spec.root : `/~/${spec.root}`;
      return `sftp://${spec.user}@${host}:${spec.port}${folder}`;
    }
    default:
      return assertNever(spec, 'backend spec');
  }
}

/** `local-NAME-HASH` / `sftp-HOST-HASH`: readable in a listing of the cache dir, unique by source. */
export function cacheNameFor(spec: BackendSpec): string {
  switch (spec.type) {
    case 'local':
      return `local-${readable(path.basename(spec.root))}-${digest(['local', spec.root])}`;
    case 'sftp':
      return `sftp-${readable(spec.host)}-${digest(['sftp', spec.host, String(spec.port), spec.user, spec.root])}`;
    default:
      return assertNever(spec, 'backend spec');
  }
}

/** The cache name of one auth proxy answer (its identity is a digest of the whole answer). */
export function proxyCacheName(type: string, identity: string): string {
  return `proxy-${readable(type)}-${digest(['proxy', identity])}`;
}

function readable(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 32) || 'root';
}

function digest(fields: readonly string[]): string {
  const hash = createHash('sha256');
  // Length-prefixed, so ("ab","c") and ("a","bc") differ.
  for (const f of fields) hash.update(`${Buffer.byteLength(f)}:`).update(f);
  return hash.digest('hex').slice(0, 16);
}
