// Wharf's FileSystem for ftp-srv: every FTP file operation, over the Vfs and never over node:fs.
// It fixes what ftp-srv's own FileSystem got wrong: paths go through the one shared resolver and
// the backend's confinement (no symlink escapes), a resumed upload keeps the bytes before the
// offset, a failed upload never deletes anything, listings stream in batches, and errors carry
// client-safe text only. The session hands an instance to ftp-srv at login (`connection.fs`).
import { assertNever } from '../../../src-shared/assert-never.js';
import { baseName, parentPath } from '../../vfs/index.js';
import type { OpenFlags, VfsEntry, VfsHandle } from '../../vfs/index.js';
import { notRegularFile, VfsError } from '../../vfs/index.js';
import { checkWritable, toClientPath, toSharePath } from '../session.js';
import type { SessionContext } from '../session.js';

/** How an upload opens its target. */
export type WriteMode = 'truncate' | 'resume' | 'append' | 'exclusive';

export interface ListedEntry {
  /** The entry with links followed, so a link to a folder lists as a folder. */
  readonly entry: VfsEntry;
  readonly name: string;
}

const READ: OpenFlags = { read: true, write: false, append: false, create: false, truncate: false, exclusive: false };

function writeFlags(mode: WriteMode): OpenFlags {
  const base = { read: false, write: true, create: true };
  switch (mode) {
    case 'truncate':
      return { ...base, append: false, truncate: true, exclusive: false };
    case 'resume':
      return { ...base, append: false, truncate: false, exclusive: false };
    case 'append':
      return { ...base, append: true, truncate: false, exclusive: false };
    case 'exclusive':
      return { ...base, append: false, truncate: false, exclusive: true };
    default:
      return assertNever(mode, 'write mode');
  }
}

export class VfsFileSystem {
  private cwd = '/';

  constructor(readonly session: SessionContext) {}

  get writable(): boolean {
    return !this.session.readOnly && !this.session.vfs.readOnly;
  }

  /** Refuses early (before a data connection is opened) when this session may not write. */
  assertWritable(): void {
    checkWritable(this.session);
  }

  /** Cuts a resumed upload's old tail so the file ends where the client's data ended. */
  async truncateTail(handle: VfsHandle, end: number): Promise<void> {
    const { size } = await handle.stat();
    if (size > end) await this.session.vfs.setHandleAttrs(handle, { size: end });
  }

  currentDirectory(): string {
    return this.cwd;
  }

  /** Client path (relative to the working directory; empty means it) to a share path. */
  resolve(clientPath: string): string {
    return toSharePath(this.session, clientPath === '' ? '.' : clientPath, this.cwd);
  }

  /** Share path back to what the client sees. */
  clientPath(sharePath: string): string {
    return toClientPath(this.session, sharePath);
  }

  async chdir(clientPath: string): Promise<string> {
    const target = this.resolve(clientPath);
    const entry = await this.session.vfs.stat(target);
    if (entry.type !== 'dir') throw new VfsError('ENOTDIR');
    this.cwd = this.clientPath(target);
    return this.cwd;
  }

  /** Attributes with links followed; a link leading out of the share is refused by the backend. */
  stat(clientPath: string): Promise<VfsEntry> {
    return this.session.vfs.stat(this.resolve(clientPath));
  }

  /** Attributes of the entry itself (rename and delete act on links, not their targets). */
  lstat(clientPath: string): Promise<VfsEntry> {
    return this.session.vfs.lstat(this.resolve(clientPath));
  }

  /**
   * Streams a directory batch by batch, never whole. Links are followed so clients see what they
   * can open; a dangling link or one pointing out of the share is left out.
   */
  async *list(sharePath: string): AsyncIterable<readonly ListedEntry[]> {
    const vfs = this.session.vfs;
    for await (const batch of vfs.readDir(sharePath)) {
      const out: ListedEntry[] = [];
      for (const entry of batch) {
        if (entry.type !== 'symlink') {
          out.push({ entry, name: entry.name });
          continue;
        }
        const child = sharePath === '/' ? `/${entry.name}` : `${sharePath}/${entry.name}`;
        const target = await vfs.stat(child).catch(() => undefined);
        if (target) out.push({ entry: target, name: entry.name });
      }
      if (out.length > 0) yield out;
    }
  }

  /** Opens a file for download; directories are refused before anything is opened. */
  async openRead(sharePath: string): Promise<{ readonly handle: VfsHandle; readonly entry: VfsEntry }> {
    const entry = await this.session.vfs.stat(sharePath);
    if (entry.type === 'dir') throw new VfsError('EISDIR');
    if (entry.type !== 'file') throw notRegularFile();
    return { handle: await this.session.vfs.openFile(sharePath, READ), entry };
  }

  /** Opens a file for upload. Only `truncate` drops existing bytes; nothing here ever deletes a file. */
  openWrite(sharePath: string, mode: WriteMode): Promise<VfsHandle> {
    checkWritable(this.session);
    return this.session.vfs.openFile(sharePath, writeFlags(mode));
  }

  async remove(clientPath: string): Promise<void> {
    checkWritable(this.session);
    const target = this.resolve(clientPath);
    const entry = await this.session.vfs.lstat(target);
    if (entry.type === 'dir') throw new VfsError('EISDIR');
    await this.session.vfs.remove(target);
  }

  async mkdir(clientPath: string): Promise<string> {
    checkWritable(this.session);
    const target = this.resolve(clientPath);
    await this.session.vfs.mkdir(target);
    return this.clientPath(target);
  }

  async rmdir(clientPath: string): Promise<void> {
    checkWritable(this.session);
    const target = this.resolve(clientPath);
    if (target === this.session.root) throw new VfsError('EPERM', 'Cannot remove your home folder');
    await this.session.vfs.rmdir(target);
  }

  /** RNFR: checks the source exists and may be renamed; returns its share path for RNTO. */
  async renameSource(clientPath: string): Promise<string> {
    checkWritable(this.session);
    const source = this.resolve(clientPath);
    if (source === this.session.root) throw new VfsError('EPERM', 'Cannot rename your home folder');
    await this.session.vfs.lstat(source);
    return source;
  }

  /** RNTO: replaces an existing file, as rename(2) and every common FTP server do. */
  async rename(fromSharePath: string, toClientPath: string): Promise<void> {
    checkWritable(this.session);
    const target = this.resolve(toClientPath);
    if (target === this.session.root) throw new VfsError('EPERM', 'Cannot replace your home folder');
    await this.session.vfs.rename(fromSharePath, target, true);
  }

  async setModTime(clientPath: string, mtimeMs: number): Promise<void> {
    checkWritable(this.session);
    const vfs = this.session.vfs;
    if (vfs.options.noModTime || !vfs.backend.features.canSetModTime) {
      throw new VfsError('ENOSYS', 'Modification times cannot be set on this share');
    }
    // mtime alone: the backend keeps the access time as it is.
    await vfs.setAttrs(this.resolve(clientPath), { mtimeMs });
  }

  /** A name in `dirSharePath` for STOU: `base`, then `base.1`, `base.2`... (exclusive create decides). */
  static uniqueCandidate(dirSharePath: string, base: string, attempt: number): string {
    const name = attempt === 0 ? base : `${base}.${attempt}`;
    return dirSharePath === '/' ? `/${name}` : `${dirSharePath}/${name}`;
  }

  static splitPath(sharePath: string): { readonly dir: string; readonly name: string } {
    return { dir: parentPath(sharePath), name: baseName(sharePath) };
  }
}
