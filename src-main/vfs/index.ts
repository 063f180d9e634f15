// src-main/vfs: the engine (Vfs, handles, backends, path resolution, errors, directory cache,
// file cache (cache/), case-insensitive lookup, remote connection strings).
// May import: src-shared, node builtins, chokidar; ssh2's client only in backend/sftp.
// Servers and core import the engine only through this file.
export { Vfs } from './vfs.js';
export type { VfsDeps } from './vfs.js';
export type { VfsOptions } from './vfs-options.js';
export { DEFAULT_VFS_OPTIONS } from './vfs-options.js';
export type { VfsHandle } from './handle.js';
export { totalBytes, writeBuffers } from './handle.js';
export { VfsError, isVfsError, toVfsError, VFS_ERROR_CODES, isUnreachable, notRegularFile, unreachableError } from './errors.js';
export type { VfsErrorCode, VfsErrorOptions } from './errors.js';
export type { EntryType, HashType, OpenFlags, SetAttrs, StatFs, VfsEntry } from './types.js';
export type { Backend, BackendFeatures, BackendFile } from './backend/backend.js';
export { resolveSharePath, joinSharePath, relativeToRoot, baseName, parentPath } from './share-path.js';
export { assertSharePath } from './share-path.js';
export { createLocalBackend, LocalBackend } from './backend/local-backend.js';
export { MemoryBackend } from './backend/memory-backend.js';
export type { MemoryBackendOptions } from './backend/memory-backend.js';
export { createSftpBackend, SftpBackend, SftpConnectError, fingerprintOf } from './backend/sftp/index.js';
export type { SftpBackendOptions, SftpTarget } from './backend/sftp/index.js';
export { DEFAULT_DIR_CACHE_OPTIONS } from './dir-cache-options.js';
export type { VfsDirCacheOptions } from './dir-cache-options.js';
export { parseRemotePath, RemoteSpecError } from './remote-spec.js';
export type { ParsedPath } from './remote-spec.js';
export { createBackendFromSpec, resolveRemoteSpec } from './remote-spec-resolve.js';
export type { BackendSpec, CreateBackendOptions, RemoteLookup } from './remote-spec-resolve.js';
export { obscure, reveal, ObscureError } from './remote-spec-obscure.js';
export { DEFAULT_CACHE_OPTIONS, CacheLockedError } from './cache/index.js';
export type { VfsCacheOptions, CacheStats, HandleKind, OpenFileStat, UploadStat, VfsCacheStats } from './cache/index.js';
