// What the app shows about a share's file cache and open files (Vfs.getCacheStats).
import type { CacheMode } from '../../../src-shared/cache-mode.js';
import type { UploadStat } from './writeback.js';

export type { UploadStat } from './writeback.js';

export interface CacheStats {
  /** The cache folder of this share. */
  readonly dir: string;
  /** Bytes of file data held (sparse files count only what is present). */
  readonly bytesUsed: number;
  readonly files: number;
  /** Files with changes not uploaded yet. */
  readonly dirtyFiles: number;
  readonly uploadsQueued: number;
  readonly uploadsInProgress: number;
  readonly uploads: readonly UploadStat[];
}

/** The kind of handle an open got: see open-handle.ts. */
export type HandleKind = 'direct' | 'read' | 'write' | 'rw';

export interface OpenFileStat {
  readonly id: number;
  readonly path: string;
  readonly kind: HandleKind;
  readonly read: boolean;
  readonly write: boolean;
  /** Size of the file as this handle sees it, when known. */
  readonly size: number | undefined;
  readonly bytesRead: number;
  readonly bytesWritten: number;
  readonly openedAtMs: number;
}

export interface VfsCacheStats {
  readonly mode: CacheMode;
  /** Undefined when this share uses no disk cache (mode off, or minimal over a local disk). */
  readonly cache: CacheStats | undefined;
  readonly openFiles: readonly OpenFileStat[];
}
