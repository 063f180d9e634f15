// The SFTP remote backend: a folder on another server, reached with ssh2's client. Every share path
// is joined under the remote root (paths arrive normalised, so `..` cannot climb out); links the
// share's clients create may not point out of it either (sftp-links.ts). Links that already exist
// on the remote are followed by the remote server, within what the remote account may read, as
// rclone does.
import type { FileEntry, SFTPWrapper, Stats } from 'ssh2';
import { VfsError } from '../../errors.js';
import { assertSharePath, baseName, joinSharePath } from '../../share-path.js';
import type { HashType, OpenFlags, SetAttrs, StatFs, VfsEntry } from '../../types.js';
import type { Backend, BackendFeatures, BackendFile } from '../backend.js';
import { needsCurrentAttrs, SFTP_MODTIME_PRECISION_MS, toEntry, toSftpAttrs } from './sftp-attrs.js';
import { SftpConnectError, SftpConnector } from './sftp-connection.js';
import { explain, probe } from './sftp-diagnose.js';
import type { Explainers } from './sftp-diagnose.js';
import { isConnectionFailure, SftpStatus, statusOf } from './sftp-errors.js';
import { copyRemote } from './sftp-copy.js';
import { SftpFile } from './sftp-file.js';
import { hardlinkRemote, readlinkRemote, symlinkRemote } from './sftp-links.js';
import type { SftpBackendOptions } from './sftp-options.js';
import { renameRemote } from './sftp-rename.js';
import type { SftpSession } from './sftp-session.js';

const OPEN = { READ: 0x01, WRITE: 0x02, CREAT: 0x08, TRUNC: 0x10, EXCL: 0x20 } as const;
const ST_RDONLY = 0x1;

const SFTP_FEATURES: BackendFeatures = {
  // SFTP could write at offsets, but a remote follows rclone's cache-mode rules (issue 3): off
  // refuses read+write opens and minimal caches them. Only a local disk gets the direct handle.
  randomAccess: false,
  canSetModTime: true,
  permissions: true,
  symlinks: true,
  // hardlink@openssh.com: requests fail with ENOSYS on servers without it.
  hardlinks: true,
  // copy works (copy-data on the server when offered, else streamed through Wharf).
  serverSideCopy: false,
  hashes: [],
  modTimePrecisionMs: SFTP_MODTIME_PRECISION_MS,
};

/** OpenFlags to SFTP pflags. Never APPEND: DirectHandle positions appends itself. */
function toPflags(flags: OpenFlags): number {
  let p = 0;
  if (flags.read || !flags.write) p |= OPEN.READ;
  if (flags.write) p |= OPEN.WRITE;
  if (flags.create) {
    p |= OPEN.CREAT;
    if (flags.exclusive) p |= OPEN.EXCL;
  }
  if (flags.truncate && flags.write) p |= OPEN.TRUNC;
  return p;
}

export class SftpBackend implements Backend {
  readonly kind = 'sftp';
  readonly features = SFTP_FEATURES;
  private readonly openFiles = new Set<SftpFile>();

  constructor(readonly connector: SftpConnector) {}

  async lstat(sharePath: string): Promise<VfsEntry> {
    return this.statWith(sharePath, false);
  }

  async stat(sharePath: string): Promise<VfsEntry> {
    return this.statWith(sharePath, true);
  }

  async *list(sharePath: string): AsyncIterable<readonly VfsEntry[]> {
    const session = await this.connector.session();
    const remote = this.remote(session, sharePath);
    let handle: Buffer;
    try {
      handle = await session.request<Buffer>((sftp, cb) => sftp.opendir(remote, cb));
    } catch (err) {
      throw await explain(session, err, remote, {
        follow: true,
        noSuchFile: (at) => (at !== 'missing' && at !== 'dir' && at !== 'unknown' ? new VfsError('ENOTDIR') : undefined),
      });
    }
    try {
      for (;;) {
        let names: FileEntry[];
        try {
          names = await session.request<FileEntry[]>((sftp, cb) => sftp.readdir(handle, cb));
        } catch (err) {
          if (statusOf(err) === SftpStatus.EOF) return;
          throw await explain(session, err, remote);
        }
        const batch = names
          .filter((n) => n.filename !== '.' && n.filename !== '..' && !n.filename.includes('/'))
          .map((n) => toEntry(n.filename, n.attrs));
        if (batch.length > 0) yield batch;
      }
    } finally {
      // Also when the consumer stops early; a lost session closed the handle already.
      if (session.isAlive) {
        await session.request<unknown>((sftp, cb) => sftp.close(handle, (err) => cb(err, undefined))).catch(() => undefined);
      }
    }
  }

  async open(sharePath: string, flags: OpenFlags, mode: number): Promise<BackendFile> {
    const session = await this.connector.session();
    const { handle } = await this.openOn(session, sharePath, flags, mode);
    // Only read-only files reopen after a lost connection: reopening never creates or truncates.
    const readOnly = !flags.write && !flags.create && !flags.truncate;
    const reopen = readOnly
      ? async () => {
          const fresh = await this.connector.session();
          return { session: fresh, handle: (await this.openOn(fresh, sharePath, flags, mode)).handle };
        }
      : undefined;
    const file = new SftpFile(session, handle, baseName(sharePath), reopen, (f) => this.openFiles.delete(f));
    this.openFiles.add(file);
    return file;
  }

  async mkdir(sharePath: string, mode: number): Promise<void> {
    const session = await this.connector.session();
    const remote = this.remote(session, sharePath);
    if (sharePath === '/') throw new VfsError('EEXIST');
    await this.simple(session, remote, (sftp, cb) => sftp.mkdir(remote, { mode: mode & 0o7777 }, cb), {
      failure: (at) => (at !== 'missing' && at !== 'unknown' ? new VfsError('EEXIST') : undefined),
    });
  }

  async rmdir(sharePath: string): Promise<void> {
    if (sharePath === '/') throw new VfsError('EPERM', 'Cannot remove the root of the share');
    const session = await this.connector.session();
    const remote = this.remote(session, sharePath);
    await this.simple(session, remote, (sftp, cb) => sftp.rmdir(remote, cb), {
      noSuchFile: (at) => (at !== 'missing' && at !== 'dir' && at !== 'unknown' ? new VfsError('ENOTDIR') : undefined),
      failure: (at) => {
        if (at === 'dir') return new VfsError('ENOTEMPTY');
        return at !== 'missing' && at !== 'unknown' ? new VfsError('ENOTDIR') : undefined;
      },
    });
  }

  async remove(sharePath: string): Promise<void> {
    if (sharePath === '/') throw new VfsError('EPERM', 'Cannot remove the root of the share');
    const session = await this.connector.session();
    const remote = this.remote(session, sharePath);
    const isDir = (at: string) => (at === 'dir' ? new VfsError('EISDIR') : undefined);
    await this.simple(session, remote, (sftp, cb) => sftp.unlink(remote, cb), { failure: isDir });
  }

  async rename(from: string, to: string, overwrite: boolean): Promise<void> {
    if (from === '/' || to === '/') throw new VfsError('EPERM', 'Cannot rename the root of the share');
    const session = await this.connector.session();
    await renameRemote(session, this.remote(session, from), this.remote(session, to), overwrite);
  }

  async setAttrs(sharePath: string, attrs: SetAttrs, followLinks: boolean): Promise<void> {
    const session = await this.connector.session();
    const remote = this.remote(session, sharePath);
    const current = needsCurrentAttrs(attrs) ? await this.statWith(sharePath, followLinks) : undefined;
    const sftpAttrs = toSftpAttrs(attrs, current);
    const isDir = (at: string) => (at === 'dir' && attrs.size !== undefined ? new VfsError('EISDIR') : undefined);
    if (followLinks) {
      await this.simple(session, remote, (sftp, cb) => sftp.setstat(remote, sftpAttrs, cb), { failure: isDir, follow: true });
      return;
    }
    if (session.supports('lsetstat@openssh.com')) {
      await this.simple(session, remote, (sftp, cb) => sftp.ext_openssh_lsetstat(remote, sftpAttrs, cb), { failure: isDir });
      return;
    }
    if ((await probe(session, remote, false)) === 'symlink') {
      throw new VfsError('ENOSYS', 'The remote server cannot change the attributes of a link');
    }
    await this.simple(session, remote, (sftp, cb) => sftp.setstat(remote, sftpAttrs, cb), { failure: isDir });
  }

  async readlink(sharePath: string): Promise<string> {
    const session = await this.connector.session();
    return readlinkRemote(session, this.remote(session, sharePath), sharePath);
  }

  async symlink(target: string, linkPath: string): Promise<void> {
    assertSharePath(linkPath);
    await symlinkRemote(await this.connector.session(), target, linkPath);
  }

  async link(existingPath: string, newPath: string): Promise<void> {
    const session = await this.connector.session();
    await hardlinkRemote(session, this.remote(session, existingPath), this.remote(session, newPath));
  }

  async copy(from: string, to: string, overwrite: boolean): Promise<void> {
    const session = await this.connector.session();
    await copyRemote(session, this.remote(session, from), this.remote(session, to), overwrite);
  }

  async statfs(sharePath: string): Promise<StatFs> {
    const session = await this.connector.session();
    const remote = this.remote(session, sharePath);
    if (!session.supports('statvfs@openssh.com')) {
      throw new VfsError('ENOSYS', 'The remote server does not report free space');
    }
    let info: Record<string, unknown>;
    try {
      info = await session.request<Record<string, unknown>>((sftp, cb) => sftp.ext_openssh_statvfs(remote, cb));
    } catch (err) {
      throw await explain(session, err, remote);
    }
    const n = (key: string) => Number(info[key] ?? 0);
    return {
      blockSize: n('f_bsize'),
      fragmentSize: n('f_frsize'),
      blocks: n('f_blocks'),
      blocksFree: n('f_bfree'),
      blocksAvail: n('f_bavail'),
      files: n('f_files'),
      filesFree: n('f_ffree'),
      filesAvail: n('f_favail'),
      maxNameLength: n('f_namemax'),
      readOnly: (n('f_flag') & ST_RDONLY) !== 0,
    };
  }

  async hash(_sharePath: string, type: HashType): Promise<string> {
    throw new VfsError('ENOSYS', `No ${type} checksums on this remote`);
  }

  async close(): Promise<void> {
    const files = [...this.openFiles];
    this.openFiles.clear();
    await Promise.all(files.map((f) => f.forceClose()));
    await this.connector.close();
  }

  /** The remote path for a share path: under the root, whatever the path says. */
  private remote(session: SftpSession, sharePath: string): string {
    assertSharePath(sharePath);
    return joinSharePath(session.root, sharePath);
  }

  private async statWith(sharePath: string, follow: boolean): Promise<VfsEntry> {
    // A stat is safe to repeat: one retry on a fresh connection rides over a dropped one.
    for (let attempt = 0; ; attempt++) {
      const session = await this.connector.session();
      const remote = this.remote(session, sharePath);
      try {
        const attrs = await session.request<Stats>((sftp, cb) => (follow ? sftp.stat(remote, cb) : sftp.lstat(remote, cb)));
        return toEntry(baseName(sharePath), attrs);
      } catch (err) {
        if (attempt === 0 && isConnectionFailure(err) && !session.isAlive) continue;
        throw await explain(session, err, remote);
      }
    }
  }

  private async openOn(
    session: SftpSession,
    sharePath: string,
    flags: OpenFlags,
    mode: number,
  ): Promise<{ handle: Buffer }> {
    const remote = this.remote(session, sharePath);
    const pflags = toPflags(flags);
    const opening = session.request<Buffer>((sftp, cb) => sftp.open(remote, pflags, { mode: mode & 0o7777 }, cb));
    // OpenSSH opens directories for reading: ask what the path is in the same round trip.
    const writing = (pflags & OPEN.WRITE) !== 0;
    const checking = writing ? undefined : session.request<Stats>((sftp, cb) => sftp.stat(remote, cb));
    let handle: Buffer;
    try {
      handle = await opening;
    } catch (err) {
      checking?.catch(() => undefined);
      throw await explain(session, err, remote, {
        follow: true,
        failure: (at) => {
          if (at === 'dir') return new VfsError('EISDIR');
          if (flags.create && flags.exclusive && at !== 'missing' && at !== 'unknown') return new VfsError('EEXIST');
          return undefined;
        },
      });
    }
    if (checking) {
      const isDir = await checking.then(
        (attrs) => toEntry('', attrs).type === 'dir',
        () => false,
      );
      if (isDir) {
        await session.request<unknown>((sftp, cb) => sftp.close(handle, (err) => cb(err, undefined))).catch(() => undefined);
        throw new VfsError('EISDIR');
      }
    }
    return { handle };
  }

  /** One request that answers only OK or an error, explained with `how`. */
  private async simple(
    session: SftpSession,
    remote: string,
    issue: (sftp: SFTPWrapper, cb: (err: Error | null | undefined) => void) => void,
    how: Explainers,
  ): Promise<void> {
    try {
      await session.request<unknown>((sftp, cb) => issue(sftp, (err) => cb(err, undefined)));
    } catch (err) {
      throw await explain(session, err, remote, how);
    }
  }
}

/** Creates the backend; with `connectNow` (default) connects first, so a bad target fails here. */
export async function createSftpBackend(options: SftpBackendOptions, connectNow = true): Promise<SftpBackend> {
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
    throw new VfsError('EINVAL', 'Invalid port for the SFTP remote');
  }
  const connector = new SftpConnector(options);
  if (connectNow) {
    const session = await connector.connect();
    if ((await probe(session, session.root, true)) !== 'dir') {
      await connector.close();
      throw new SftpConnectError(`the remote folder ${JSON.stringify(session.root)} does not exist or is not a folder`);
    }
  }
  return new SftpBackend(connector);
}
