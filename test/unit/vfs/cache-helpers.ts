// Shared fixtures for the VFS cache tests: a real MemoryBackend behind a thin switchboard that can
// take the remote offline, fail uploads, slow writes down and record what was asked of it; a Vfs
// over it in a chosen cache mode with its own temp cache folder; helpers to look at the remote
// directly (not through the Vfs) and to wait for a condition.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CacheMode } from '../../../src-shared/cache-mode.js';
import { DEFAULT_VFS_OPTIONS, MemoryBackend, unreachableError, Vfs, VfsError } from '../../../src-main/vfs/index.js';
import type {
  Backend,
  BackendFile,
  HashType,
  MemoryBackendOptions,
  OpenFlags,
  SetAttrs,
  StatFs,
  VfsEntry,
  VfsOptions,
} from '../../../src-main/vfs/index.js';

export interface ReadRecord {
  readonly path: string;
  readonly position: number;
  readonly length: number;
}

export class SwitchBackend implements Backend {
  readonly kind = 'memory';
  readonly features: Backend['features'];
  /** Every call fails as if the network were down. */
  offline = false;
  /** The next this-many uploads fail (an upload is an open of a `.partial` temp file for writing). */
  failUploads = 0;
  /** Start times of upload attempts. */
  readonly uploadStarts: number[] = [];
  /** Uploads running right now, and the most ever at once. */
  uploadsRunning = 0;
  maxUploadsRunning = 0;
  /** Delay added to every write into an upload temp file. */
  uploadWriteDelayMs = 0;
  readonly reads: ReadRecord[] = [];
  /** The next this-many reads from open files fail (a dropped connection, say). */
  failReads = 0;

  constructor(readonly inner: MemoryBackend) {
    this.features = inner.features;
  }

  private gate(): void {
    if (this.offline) throw unreachableError();
  }

  async lstat(p: string): Promise<VfsEntry> {
    this.gate();
    return this.inner.lstat(p);
  }
  async stat(p: string): Promise<VfsEntry> {
    this.gate();
    return this.inner.stat(p);
  }
  async *list(p: string): AsyncIterable<readonly VfsEntry[]> {
    this.gate();
    yield* this.inner.list(p);
  }
  async open(p: string, flags: OpenFlags, mode: number): Promise<BackendFile> {
    this.gate();
    const upload = flags.write && p.endsWith('.partial');
    if (upload) {
      this.uploadStarts.push(Date.now());
      if (this.failUploads > 0) {
        this.failUploads -= 1;
        throw new VfsError('ENOSPC', 'injected upload failure');
      }
    }
    const file = await this.inner.open(p, flags, mode);
    if (upload) {
      this.uploadsRunning += 1;
      this.maxUploadsRunning = Math.max(this.maxUploadsRunning, this.uploadsRunning);
    }
    return new SwitchFile(this, file, p, upload);
  }
  async mkdir(p: string, mode: number): Promise<void> {
    this.gate();
    return this.inner.mkdir(p, mode);
  }
  async rmdir(p: string): Promise<void> {
    this.gate();
    return this.inner.rmdir(p);
  }
  async remove(p: string): Promise<void> {
    this.gate();
    return this.inner.remove(p);
  }
  async rename(from: string, to: string, overwrite: boolean): Promise<void> {
    this.gate();
    return this.inner.rename(from, to, overwrite);
  }
  async setAttrs(p: string, attrs: SetAttrs, followLinks: boolean): Promise<void> {
    this.gate();
    return this.inner.setAttrs(p, attrs, followLinks);
  }
  async readlink(p: string): Promise<string> {
    this.gate();
    return this.inner.readlink(p);
  }
  async symlink(target: string, linkPath: string): Promise<void> {
    this.gate();
    return this.inner.symlink(target, linkPath);
  }
  async link(a: string, b: string): Promise<void> {
    this.gate();
    return this.inner.link(a, b);
  }
  async copy(from: string, to: string, overwrite: boolean): Promise<void> {
    this.gate();
    return this.inner.copy(from, to, overwrite);
  }
  async statfs(p: string): Promise<StatFs> {
    this.gate();
    return this.inner.statfs(p);
  }
  async hash(p: string, type: HashType): Promise<string> {
    this.gate();
    return this.inner.hash(p, type);
  }
  async close(): Promise<void> {
    return this.inner.close();
  }
}

class SwitchFile implements BackendFile {
  private closed = false;

  constructor(
    private readonly owner: SwitchBackend,
    private readonly inner: BackendFile,
    private readonly path: string,
    private readonly upload: boolean,
  ) {}

  async read(position: number, length: number): Promise<Buffer> {
    if (this.owner.offline) throw unreachableError();
    if (this.owner.failReads > 0) {
      this.owner.failReads -= 1;
      throw new VfsError('EPERM', 'injected read failure');
    }
    this.owner.reads.push({ path: this.path, position, length });
    return this.inner.read(position, length);
  }
  async write(position: number, data: Buffer): Promise<void> {
    if (this.owner.offline) throw unreachableError();
    if (this.upload && this.owner.uploadWriteDelayMs > 0) await sleep(this.owner.uploadWriteDelayMs);
    return this.inner.write(position, data);
  }
  stat(): Promise<VfsEntry> {
    return this.inner.stat();
  }
  truncate(size: number): Promise<void> {
    return this.inner.truncate(size);
  }
  setAttrs(attrs: SetAttrs): Promise<void> {
    return this.inner.setAttrs(attrs);
  }
  sync(): Promise<void> {
    return this.inner.sync();
  }
  async close(): Promise<void> {
    if (this.upload && !this.closed) this.owner.uploadsRunning -= 1;
    this.closed = true;
    return this.inner.close();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns true, failing after `timeoutMs`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

export function pattern(length: number, seed = 1): Buffer {
  const buf = Buffer.alloc(length);
  for (let i = 0; i < length; i++) buf[i] = (i * 31 + seed * 7 + (i >> 8)) & 0xff;
  return buf;
}

export const READ: OpenFlags = { read: true, write: false, append: false, create: false, truncate: false, exclusive: false };
export const WRITE: OpenFlags = { read: false, write: true, append: false, create: false, truncate: false, exclusive: false };
export const RDWR: OpenFlags = { read: true, write: true, append: false, create: false, truncate: false, exclusive: false };
export const CREATE: OpenFlags = { read: false, write: true, append: false, create: true, truncate: true, exclusive: false };

/** Reads a file straight from the memory backend, bypassing the Vfs and its cache. */
export async function remoteContent(backend: MemoryBackend, p: string): Promise<Buffer | undefined> {
  let file: BackendFile;
  try {
    file = await backend.open(p, READ, 0);
  } catch {
    return undefined;
  }
  try {
    const size = (await file.stat()).size;
    return await file.read(0, size);
  } finally {
    await file.close();
  }
}

/** Puts a file straight onto the memory backend. */
export async function putRemote(backend: MemoryBackend, p: string, data: Buffer | string): Promise<void> {
  const file = await backend.open(p, CREATE, 0o644);
  try {
    await file.write(0, Buffer.from(data));
  } finally {
    await file.close();
  }
}

export async function makeCacheDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'wharf-cache-test-'));
}

export interface CachedVfs {
  readonly vfs: Vfs;
  readonly backend: SwitchBackend;
  readonly memory: MemoryBackend;
  readonly cacheDir: string;
  cleanup(): Promise<void>;
}

/**
 * A Vfs in `cacheMode` over a memory backend without random access (unless told otherwise), with
 * its own cache folder. `cacheDir` reuses a folder (a restart).
 */
export async function makeCachedVfs(
  cacheMode: CacheMode,
  options: Partial<VfsOptions> = {},
  backendOptions: MemoryBackendOptions = { randomAccess: false },
  reuse?: { memory?: MemoryBackend; cacheDir?: string },
): Promise<CachedVfs> {
  const memory = reuse?.memory ?? new MemoryBackend(backendOptions);
  const backend = new SwitchBackend(memory);
  const cacheDir = reuse?.cacheDir ?? (await makeCacheDir());
  const vfs = await Vfs.create(backend, {
    ...DEFAULT_VFS_OPTIONS,
    umask: 0o022,
    dirCacheTimeMs: 0,
    writeBackMs: 100,
    cacheDir,
    ...options,
    cacheMode,
  });
  return {
    vfs,
    backend,
    memory,
    cacheDir,
    async cleanup() {
      await vfs.shutdown().catch(() => undefined);
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
}

/** Writes a whole file through the Vfs (create, truncate) and closes it. */
export async function writeThrough(vfs: Vfs, p: string, data: Buffer | string): Promise<void> {
  const h = await vfs.openFile(p, CREATE);
  try {
    await h.write(0, Buffer.from(data));
  } finally {
    await h.close();
  }
}

/** Reads a whole file through the Vfs. */
export async function readThrough(vfs: Vfs, p: string, chunk = 65536): Promise<Buffer> {
  const h = await vfs.openFile(p, READ);
  try {
    const parts: Buffer[] = [];
    for (let at = 0; ; ) {
      const part = await h.read(at, chunk);
      if (part.length === 0) break;
      parts.push(part);
      at += part.length;
    }
    return Buffer.concat(parts);
  } finally {
    await h.close();
  }
}
