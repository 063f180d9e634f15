// The local-disk backend: a folder on this machine, every access confined to it (local-confine.ts).
// Each verb resolves its share path once, then acts on the resolved local path; node:fs failures
// leave through `guard` as client-safe VfsErrors.
import { constants } from 'node:fs';
import { access, copyFile, lstat, mkdir, opendir, rmdir, stat, statfs, unlink } from 'node:fs/promises';
import { notRegularFile, VfsError } from '../errors.js';
import { baseName } from '../share-path.js';
import type { HashType, OpenFlags, SetAttrs, StatFs, VfsEntry } from '../types.js';
import type { Backend, BackendFeatures, BackendFile } from './backend.js';
import { applyAttrs, inlinePathTarget, pathTarget } from './local-attrs.js';
import { LocalConfinement } from './local-confine.js';
import { LocalFile } from './local-file.js';
import { InlineIo } from './local-inline-io.js';
import { errnoOf, guard, guarded, inline } from './local-guard.js';
import { hashOpenFile } from './local-hash.js';
import { hardlinkConfined, readlinkConfined, symlinkConfined } from './local-links.js';
import { existingInline, openConfined } from './local-open.js';
import { renameConfined } from './local-rename.js';
import { lstatConfined, statBatch, statConfined } from './local-stat.js';

/** Entries per listing batch (OpenSSH sends 100 names per READDIR reply). */
export const LIST_BATCH_SIZE = 100;

/** Longest file name most local file systems accept; node's statfs does not report it. */
const MAX_NAME_LENGTH = 255;

const READ_ONLY: OpenFlags = {
  read: true,
  write: false,
  append: false,
  create: false,
  truncate: false,
  exclusive: false,
};

const LOCAL_FEATURES: BackendFeatures = {
  randomAccess: true,
  canSetModTime: true,
  permissions: true,
  symlinks: true,
  hardlinks: true,
  serverSideCopy: true,
  hashes: ['md5', 'sha1', 'sha256'],
};

export class LocalBackend implements Backend {
  readonly kind = 'local';
  readonly features = LOCAL_FEATURES;
  private readonly openFiles = new Set<LocalFile>();
  /** Inline I/O while this share's disk answers fast (local-inline-io.ts). */
  private readonly io = new InlineIo();

  constructor(private readonly confine: LocalConfinement) {}

  /** The realpath of the shared folder (for logs and the operator; never sent to clients). */
  get root(): string {
    return this.confine.root;
  }

  lstat(sharePath: string): Promise<VfsEntry> {
    return lstatConfined(this.confine, this.io, sharePath);
  }

  stat(sharePath: string): Promise<VfsEntry> {
    return statConfined(this.confine, this.io, sharePath);
  }

  async *list(sharePath: string): AsyncIterable<readonly VfsEntry[]> {
    const local = await this.confine.existing(sharePath);
    const dir = await guarded(opendir(local, { bufferSize: LIST_BATCH_SIZE }));
    try {
      for (;;) {
        const names: string[] = [];
        while (names.length < LIST_BATCH_SIZE) {
          // Inline while the disk is fast, like the lstats: then a listing never waits behind
          // other work on the thread pool (other sessions' I/O, a watcher reading a folder).
          const dirent = this.io.allowed() ? inline(() => this.io.run(() => dir.readSync())) : await guarded(dir.read());
          if (dirent === null) break;
          names.push(dirent.name);
        }
        if (names.length > 0) yield await statBatch(this.io, local, names);
        if (names.length < LIST_BATCH_SIZE) return;
      }
    } finally {
      // At the end, on a throw, and when the consumer stops early.
      await dir.close().catch(() => undefined);
    }
  }

  async open(sharePath: string, flags: OpenFlags, mode: number): Promise<BackendFile> {
    const { fh, stats } = await openConfined(this.confine, sharePath, flags, mode, this.io);
    const readOnly = !flags.write && !flags.truncate;
    const file = new LocalFile(fh, baseName(sharePath), { onClose: (f) => this.openFiles.delete(f), openStats: stats, readOnly, io: this.io });
    this.openFiles.add(file);
    return file;
  }

  async mkdir(sharePath: string, mode: number): Promise<void> {
    const local = await this.confine.entry(sharePath);
    await guarded(mkdir(local, { mode: mode & 0o7777 }));
  }

  async rmdir(sharePath: string): Promise<void> {
    if (sharePath === '/') throw new VfsError('EPERM', 'Cannot remove the root of the share');
    const local = await this.confine.entry(sharePath);
    await guarded(rmdir(local));
  }

  async remove(sharePath: string): Promise<void> {
    if (sharePath === '/') throw new VfsError('EPERM', 'Cannot remove the root of the share');
    const local = await this.confine.entry(sharePath);
    await guard(async () => {
      // unlink(2) on a directory is EISDIR on Linux but EPERM elsewhere: answer the same everywhere.
      if ((await lstat(local)).isDirectory()) throw new VfsError('EISDIR');
      await unlink(local);
    });
  }

  rename(from: string, to: string, overwrite: boolean): Promise<void> {
    return renameConfined(this.confine, from, to, overwrite);
  }

  async setAttrs(sharePath: string, attrs: SetAttrs, followLinks: boolean): Promise<void> {
    if (followLinks && this.io.allowed()) {
      // The usual case (MFMT, SETSTAT after an upload) without a thread-pool trip per step.
      const local = existingInline(this.confine, this.io, sharePath);
      return applyAttrs(inlinePathTarget(local, this.io), attrs);
    }
    const local = followLinks ? await this.confine.existing(sharePath) : await this.confine.entry(sharePath);
    const isLink = !followLinks && (await guarded(lstat(local))).isSymbolicLink();
    await applyAttrs(pathTarget(local, followLinks, isLink), attrs);
  }

  readlink(sharePath: string): Promise<string> {
    return readlinkConfined(this.confine, sharePath);
  }

  symlink(target: string, linkPath: string): Promise<void> {
    return symlinkConfined(this.confine, target, linkPath);
  }

  link(existingPath: string, newPath: string): Promise<void> {
    return hardlinkConfined(this.confine, existingPath, newPath);
  }

  async copy(from: string, to: string, overwrite: boolean): Promise<void> {
    const src = await this.confine.existing(from);
    // copyFile follows a link at the target: without overwrite the name itself must be free.
    const dst = overwrite ? await this.confine.target(to) : await this.confine.entry(to);
    await guard(async () => {
      const source = await stat(src);
      if (source.isDirectory()) throw new VfsError('EISDIR');
      // copyFile opens its source blocking: a FIFO would hold a thread-pool thread for good.
      if (!source.isFile()) throw notRegularFile();
      await copyFile(src, dst, overwrite ? 0 : constants.COPYFILE_EXCL);
    });
  }

  async statfs(sharePath: string): Promise<StatFs> {
    const local = await this.confine.existing(sharePath);
    const s = await guarded(statfs(local));
    // node's statfs has no mount flags: a write-access probe tells a read-only mount apart.
    const readOnly = await access(local, constants.W_OK).then(
      () => false,
      (err: unknown) => errnoOf(err) === 'EROFS',
    );
    return {
      blockSize: s.bsize,
      fragmentSize: s.bsize,
      blocks: s.blocks,
      blocksFree: s.bfree,
      blocksAvail: s.bavail,
      files: s.files,
      filesFree: s.ffree,
      filesAvail: s.ffree,
      maxNameLength: MAX_NAME_LENGTH,
      readOnly,
    };
  }

  async hash(sharePath: string, type: HashType): Promise<string> {
    const { fh } = await openConfined(this.confine, sharePath, READ_ONLY, 0, this.io);
    return hashOpenFile(fh, type);
  }

  async close(): Promise<void> {
    const files = [...this.openFiles];
    this.openFiles.clear();
    await Promise.all(files.map((f) => f.forceClose()));
  }
}

/** Creates a local backend over `rootDir`, which must exist and be a directory. */
export async function createLocalBackend(rootDir: string): Promise<Backend> {
  return new LocalBackend(await LocalConfinement.create(rootDir));
}
