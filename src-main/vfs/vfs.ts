// The engine's front door: path-based entry points that both protocol adapters use, and nothing
// else. It applies the share-wide rules (read-only, displayed permissions and owners, no-modtime)
// and picks the handle kind for an open in one switch by cache mode.
import type { Logger } from '../../src-shared/logger.js';
import { silentLogger } from '../../src-shared/logger.js';
import type { Backend } from './backend/backend.js';
import { VfsError } from './errors.js';
import type { VfsHandle } from './handle.js';
import { openHandle } from './open-handle.js';
import type { HashType, OpenFlags, SetAttrs, StatFs, VfsEntry } from './types.js';
import type { VfsOptions } from './vfs-options.js';

export class Vfs {
  private shutDown = false;

  constructor(
    readonly backend: Backend,
    readonly options: VfsOptions,
    private readonly logger: Logger = silentLogger,
  ) {}

  get readOnly(): boolean {
    return this.options.readOnly;
  }

  async stat(path: string): Promise<VfsEntry> {
    this.checkRunning();
    return this.decorate(await this.backend.stat(path));
  }

  async lstat(path: string): Promise<VfsEntry> {
    this.checkRunning();
    return this.decorate(await this.backend.lstat(path));
  }

  async openFile(path: string, flags: OpenFlags, mode?: number): Promise<VfsHandle> {
    this.checkRunning();
    if (flags.write || flags.create || flags.truncate || flags.append) this.checkWritable();
    const createMode = (mode ?? this.options.filePerms) & ~this.options.umask & 0o7777;
    return openHandle(this.backend, this.options.cacheMode, path, flags, createMode, (e) => this.decorate(e));
  }

  /** Streams the entries of a directory (links reported as links) in batches. */
  async *readDir(path: string): AsyncIterable<readonly VfsEntry[]> {
    this.checkRunning();
    for await (const batch of this.backend.list(path)) {
      yield batch.map((entry) => this.decorate(entry));
    }
  }

  async mkdir(path: string, mode?: number): Promise<void> {
    this.checkWritable();
    await this.backend.mkdir(path, (mode ?? this.options.dirPerms) & ~this.options.umask & 0o7777);
  }

  async rmdir(path: string): Promise<void> {
    this.checkWritable();
    if (path === '/') throw new VfsError('EPERM', 'Cannot remove the root of the share');
    await this.backend.rmdir(path);
  }

  async remove(path: string): Promise<void> {
    this.checkWritable();
    await this.backend.remove(path);
  }

  async rename(from: string, to: string, overwrite: boolean): Promise<void> {
    this.checkWritable();
    if (from === '/' || to === '/') throw new VfsError('EPERM', 'Cannot rename the root of the share');
    await this.backend.rename(from, to, overwrite);
  }

  async setAttrs(path: string, attrs: SetAttrs, followLinks = true): Promise<void> {
    this.checkWritable();
    await this.backend.setAttrs(path, this.filterAttrs(attrs), followLinks);
  }

  /** Attribute changes for an open handle, with the same share-wide filtering as setAttrs. */
  async setHandleAttrs(handle: VfsHandle, attrs: SetAttrs): Promise<void> {
    this.checkWritable();
    await handle.setAttrs(this.filterAttrs(attrs));
  }

  async readlink(path: string): Promise<string> {
    this.checkRunning();
    return this.backend.readlink(path);
  }

  async symlink(target: string, linkPath: string): Promise<void> {
    this.checkWritable();
    if (!this.backend.features.symlinks) throw new VfsError('ENOSYS', 'Symbolic links are not supported here');
    await this.backend.symlink(target, linkPath);
  }

  async link(existingPath: string, newPath: string): Promise<void> {
    this.checkWritable();
    if (!this.backend.features.hardlinks) throw new VfsError('ENOSYS', 'Hard links are not supported here');
    await this.backend.link(existingPath, newPath);
  }

  async copy(from: string, to: string, overwrite: boolean): Promise<void> {
    this.checkWritable();
    await this.backend.copy(from, to, overwrite);
  }

  async statfs(path: string): Promise<StatFs> {
    this.checkRunning();
    const fs = await this.backend.statfs(path);
    return this.options.readOnly ? { ...fs, readOnly: true } : fs;
  }

  async hash(path: string, type: HashType): Promise<string> {
    this.checkRunning();
    if (this.options.noChecksum) throw new VfsError('ENOSYS', 'Checksums are disabled on this share');
    if (!this.backend.features.hashes.includes(type)) throw new VfsError('ENOSYS', `No ${type} checksums here`);
    return this.backend.hash(path, type);
  }

  /** Drops cached knowledge of a path (or everything); the local backend keeps no cache yet. */
  forget(path?: string): void {
    this.logger.debug(`vfs: forget ${path ?? 'all'}`);
  }

  async shutdown(): Promise<void> {
    if (this.shutDown) return;
    this.shutDown = true;
    await this.backend.close();
  }

  private decorate(entry: VfsEntry): VfsEntry {
    const o = this.options;
    let mode = entry.mode;
    if (o.overridePerms) {
      if (entry.type === 'dir') mode = o.dirPerms & ~o.umask;
      else if (entry.type === 'file') mode = o.filePerms & ~o.umask;
    }
    if (o.readOnly) mode &= ~0o222;
    return {
      ...entry,
      mode,
      uid: o.uid ?? entry.uid,
      gid: o.gid ?? entry.gid,
    };
  }

  private filterAttrs(attrs: SetAttrs): SetAttrs {
    checkSetAttrs(attrs);
    if (!this.options.noModTime) return attrs;
    const { atimeMs: _a, mtimeMs: _m, ...rest } = attrs;
    return rest;
  }

  private checkRunning(): void {
    if (this.shutDown) throw new VfsError('ECLOSED', 'The share has been stopped');
  }

  private checkWritable(): void {
    this.checkRunning();
    if (this.options.readOnly) throw new VfsError('EROFS');
  }
}

/** Client-supplied attributes are checked once here, so no backend sees nonsense. */
function checkSetAttrs(attrs: SetAttrs): void {
  const { size, mode, uid, gid, atimeMs, mtimeMs } = attrs;
  if (size !== undefined && (!Number.isSafeInteger(size) || size < 0)) throw new VfsError('EINVAL', 'Invalid size');
  if (mode !== undefined && (!Number.isInteger(mode) || mode < 0)) throw new VfsError('EINVAL', 'Invalid mode');
  for (const id of [uid, gid]) {
    if (id !== undefined && (!Number.isInteger(id) || id < 0 || id > 0xfffffffe)) {
      throw new VfsError('EINVAL', 'Invalid owner');
    }
  }
  for (const t of [atimeMs, mtimeMs]) {
    if (t !== undefined && !Number.isFinite(t)) throw new VfsError('EINVAL', 'Invalid time');
  }
}
