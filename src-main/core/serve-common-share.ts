// Opens what a `wharf serve` service serves: one Vfs over PATH's backend (a local folder, checked
// first, or an SFTP remote, connected to at once so a wrong host, login or folder fails at start),
// or, with --auth-proxy, an authenticator that makes a Vfs per distinct proxy answer. Each Vfs
// gets the VFS flags and its own cache folder name. Stopping flushes pending uploads.
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { assertNever } from '../../src-shared/assert-never.js';
import type { Logger } from '../../src-shared/logger.js';
import { defaultVfsFlagSettings } from '../../src-shared/options/index.js';
import { createProxyAuthenticator } from '../servers/index.js';
import type { ProxyAuthenticator } from '../servers/index.js';
import { CacheLockedError, createBackendFromSpec, DEFAULT_VFS_OPTIONS, SftpConnectError, Vfs } from '../vfs/index.js';
import type { Backend, BackendSpec, VfsOptions } from '../vfs/index.js';
import { caseInsensitiveDefault } from './os-defaults.js';
import { cacheDir } from './paths.js';
import { checkFolder, describeFsError } from './serve-common.js';
import type { ServeFileRules, ServeSource, ServeVfsSettings } from './serve-common-config.js';
import { cacheNameFor, describeSpec, proxyCacheName } from './serve-common-source.js';
import { ServiceConfigError } from './service-error.js';

export interface ServeShare {
  /** The Vfs every login uses; undefined with the auth proxy (each login brings its own). */
  readonly vfs: Vfs | undefined;
  /** The auth proxy's authenticator, which the server must use. */
  readonly proxy: ProxyAuthenticator | undefined;
  /** What is served, for the operator (never a secret). */
  readonly description: string;
  /** Drops cached directory knowledge of every Vfs (SIGHUP). */
  forget(): void;
  /** Uploads what is pending, then lets go of the Vfs (or every proxy Vfs). Safe to call twice. */
  shutdown(): Promise<void>;
}

/** The VFS flags' defaults with the user's cache folder: what a service gets when given none. */
export function defaultServeVfsSettings(): ServeVfsSettings {
  return { ...defaultVfsFlagSettings(), cacheDir: cacheDir() };
}

/** The engine's options: defaults, then the VFS flags, then the file rules. */
export function serveVfsOptions(vfs: ServeVfsSettings, files: ServeFileRules, cacheName: string): VfsOptions {
  const { caseInsensitive, ...flags } = vfs;
  return {
    ...DEFAULT_VFS_OPTIONS,
    ...flags,
    cacheName,
    caseInsensitive: caseInsensitive ?? caseInsensitiveDefault(),
    readOnly: files.readOnly,
    filePerms: files.filePerms,
    dirPerms: files.dirPerms,
    umask: files.umask,
    overridePerms: files.overridePerms,
    uid: files.uid,
    gid: files.gid,
    noModTime: files.noModTime,
    noChecksum: files.noChecksum,
  };
}

export async function openServeShare(
  source: ServeSource,
  vfsSettings: ServeVfsSettings | undefined,
  files: ServeFileRules,
  logger: Logger,
): Promise<ServeShare> {
  const settings = vfsSettings ?? defaultServeVfsSettings();
  switch (source.kind) {
    case 'path':
      return openPathShare(source.spec, serveVfsOptions(settings, files, cacheNameFor(source.spec)), logger);
    case 'auth-proxy':
      return openProxyShare(source.program, serveVfsOptions(settings, files, 'proxy'), logger);
    default:
      return assertNever(source, 'serve source');
  }
}

async function openPathShare(spec: BackendSpec, options: VfsOptions, logger: Logger): Promise<ServeShare> {
  if (spec.type === 'local') await checkFolder(spec.root);
  const description = describeSpec(spec);
  let backend: Backend;
  try {
    backend = await createBackendFromSpec(spec, { logger, connectNow: true });
  } catch (err) {
    // Unreachable, refused login, host key, missing folder: the remote's own words (no secrets).
    if (err instanceof SftpConnectError) throw new Error(`PATH ${description}: ${err.message}`);
    throw err;
  }
  const vfs = await createVfs(backend, options, logger);
  if (options.cacheMode !== 'off') logger.info(`vfs cache: mode ${options.cacheMode}, folder ${cacheFolderOf(options)}`);
  let stopped: Promise<void> | undefined;
  return {
    vfs,
    proxy: undefined,
    description,
    forget: () => vfs.forget(),
    shutdown: () => (stopped ??= vfs.shutdown()),
  };
}

async function openProxyShare(program: string, base: VfsOptions, logger: Logger): Promise<ServeShare> {
  await checkProgram(program);
  const proxy = createProxyAuthenticator({
    program,
    logger,
    vfsOptions: base,
    // Every distinct answer is its own source: its own cache folder, the same one after a restart.
    vfsOptionsFor: ({ spec, identity }) => ({ ...base, cacheName: proxyCacheName(spec.type, identity) }),
  });
  let stopped: Promise<void> | undefined;
  return {
    vfs: undefined,
    proxy,
    description: `what --auth-proxy answers for each login`,
    forget: () => proxy.forgetDirCaches(),
    shutdown: () => (stopped ??= proxy.close()),
  };
}

/** Vfs.create, with a locked or unusable cache folder said as a setting to fix. */
async function createVfs(backend: Backend, options: VfsOptions, logger: Logger): Promise<Vfs> {
  try {
    return await Vfs.create(backend, options, logger);
  } catch (err) {
    if (err instanceof CacheLockedError) throw new ServiceConfigError(`--cache-dir: ${err.message}`);
    const e = err as NodeJS.ErrnoException;
    if (typeof e.code === 'string' && typeof e.syscall === 'string') {
      throw new ServiceConfigError(`--cache-dir ${options.cacheDir} cannot be used: ${describeFsError(e)}`);
    }
    throw err;
  }
}

function cacheFolderOf(options: VfsOptions): string {
  return path.join(options.cacheDir, 'vfs', options.cacheName);
}

/** A program named by path must exist and be executable; a bare name is looked up in PATH when run. */
async function checkProgram(program: string): Promise<void> {
  if (program.trim() === '') throw new ServiceConfigError('--auth-proxy needs a program');
  if (!program.includes('/') && !program.includes('\\')) return;
  try {
    await access(program, constants.X_OK);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'EACCES' ? 'it is not executable' : describeFsError(e);
    throw new ServiceConfigError(`--auth-proxy: cannot run ${program}: ${why}`);
  }
}
