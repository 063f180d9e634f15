// src-main/vfs: the engine (Vfs, handles, backends, path resolution, errors).
// May import: src-shared, node builtins, chokidar; ssh2's client only in backend/sftp.
// Servers and core import the engine only through this file.
export { Vfs } from './vfs.js';
export type { VfsOptions } from './vfs-options.js';
export { DEFAULT_VFS_OPTIONS } from './vfs-options.js';
export type { VfsHandle } from './handle.js';
export { VfsError, isVfsError, toVfsError, VFS_ERROR_CODES } from './errors.js';
export type { VfsErrorCode } from './errors.js';
export type { EntryType, HashType, OpenFlags, SetAttrs, StatFs, VfsEntry } from './types.js';
export type { Backend, BackendFeatures, BackendFile } from './backend/backend.js';
export { resolveSharePath, joinSharePath, relativeToRoot, baseName, parentPath } from './share-path.js';
export { assertSharePath } from './share-path.js';
export { createLocalBackend, LocalBackend } from './backend/local-backend.js';
export { MemoryBackend } from './backend/memory-backend.js';
export type { MemoryBackendOptions } from './backend/memory-backend.js';
