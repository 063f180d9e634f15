// Uploads one cache item: missing ranges are fetched first, the data is written to a hidden temp
// file beside the target, which then replaces the target in one rename (as rclone's partial
// uploads do), so the remote never shows a half-uploaded file. Mode and modification time follow.
import type { Backend } from '../backend/backend.js';
import { isVfsError, VfsError } from '../errors.js';
import { baseName, parentPath } from '../share-path.js';
import type { OpenFlags } from '../types.js';
import type { CacheItem } from './cache-item.js';
import type { Fingerprint } from './item-meta.js';

const BLOCK = 1024 * 1024;
const DEFAULT_MODE = 0o644;
const WRITE_NEW: OpenFlags = { read: false, write: true, append: false, create: true, truncate: true, exclusive: false };

/** The share path of the temp file an upload of `path` writes before renaming it into place. */
export function uploadTempPath(path: string, itemId: string): string {
  const dir = parentPath(path);
  const name = `.${baseName(path).slice(0, 200)}.${itemId.slice(0, 8)}.partial`;
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** Tracks the temp files uploads write, so listings can hide them. */
export interface UploadTemps {
  begin(path: string): void;
  end(path: string): void;
}

/**
 * Names of upload temp files: hidden while the upload runs and for a while after, since a listing
 * read from the remote during the upload may be patched only after the temp file is gone.
 */
export class UploadTempNames implements UploadTemps {
  private readonly names = new Map<string, number>();

  begin(path: string): void {
    this.names.set(path, Infinity);
  }

  end(path: string): void {
    const now = Date.now();
    this.names.set(path, now + TEMP_NAME_GRACE_MS);
    if (this.names.size > 1000) {
      for (const [name, until] of this.names) if (until <= now) this.names.delete(name);
    }
  }

  hides(path: string): boolean {
    const until = this.names.get(path);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.names.delete(path);
    return false;
  }
}

const TEMP_NAME_GRACE_MS = 30_000;

export interface UploadProgress {
  /** Called with the bytes sent so far. */
  (bytesDone: number): void;
}

/**
 * Uploads what the item holds now. Returns the generation it uploaded and the remote fingerprint
 * afterwards, for `markUploaded`. The caller holds no reference; this acquires its own.
 */
export async function uploadItem(
  backend: Backend,
  item: CacheItem,
  signal: AbortSignal,
  progress: UploadProgress,
  temps: UploadTemps,
): Promise<{ generation: number; fingerprint: Fingerprint | null }> {
  await item.acquire();
  try {
    await item.ensure(0, item.size);
    checkAborted(signal);
    const generation = item.generation;
    const size = item.size;
    const path = item.path;
    const existing = await backend.stat(path).catch((err: unknown) => {
      if (isVfsError(err) && err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (existing && existing.type === 'dir') throw new VfsError('EISDIR', 'A folder now has the name of this file');
    const mode = existing?.mode ?? item.mode ?? DEFAULT_MODE;
    const temp = uploadTempPath(path, item.id);
    temps.begin(temp);
    try {
      const file = await backend.open(temp, WRITE_NEW, mode);
      try {
        // One buffer for the whole upload (a write leaves it free once settled): a fresh 1 MiB
        // block per read had the collector run every few MiB.
        const buffer = Buffer.allocUnsafe(Math.min(BLOCK, size));
        for (let at = 0; at < size; ) {
          checkAborted(signal);
          const block = await item.readInto(at, buffer.subarray(0, Math.min(BLOCK, size - at)));
          if (block.length === 0) throw new VfsError('EPERM', 'Cache file is shorter than recorded');
          await file.write(at, block);
          at += block.length;
          progress(at);
        }
      } finally {
        await file.close();
      }
      checkAborted(signal);
      if (backend.features.permissions) await backend.setAttrs(temp, { mode }, true);
      await backend.rename(temp, path, true);
    } catch (err) {
      await backend.remove(temp).catch(() => undefined);
      throw err;
    } finally {
      temps.end(temp);
    }
    if (backend.features.canSetModTime) {
      await backend.setAttrs(path, { mtimeMs: item.mtimeMs, atimeMs: Date.now() }, true);
    }
    const after = await backend.stat(path);
    return { generation, fingerprint: { size: after.size, mtimeMs: after.mtimeMs } };
  } finally {
    await item.release();
  }
}

function checkAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new UploadCancelled();
}

export class UploadCancelled extends Error {
  constructor() {
    super('upload cancelled');
    this.name = 'UploadCancelled';
  }
}
