// An open remote file. Reads and writes name their offsets, so pipelined requests never share a
// cursor; big ones are split into server-sized chunks sent all at once (ssh2 alone would send them
// one after another). A read-only file whose connection was lost is reopened once, transparently;
// a file open for writing is not (its writes so far are on the server, but the caller must know).
import type { InputAttributes, SFTPWrapper, Stats } from 'ssh2';
import { VfsError } from '../../errors.js';
import type { SetAttrs, VfsEntry } from '../../types.js';
import type { BackendFile } from '../backend.js';
import { needsCurrentAttrs, toEntry, toSftpAttrs } from './sftp-attrs.js';
import { isConnectionFailure, toVfsErrorFromSftp } from './sftp-errors.js';
import type { SftpSession } from './sftp-session.js';

/** Largest read served at once (as the local backend); callers loop for more. */
const MAX_READ = 16 * 1024 * 1024;

function checkRange(position: number, length: number): void {
  if (!Number.isSafeInteger(position) || position < 0 || !Number.isSafeInteger(length) || length < 0) {
    throw new VfsError('EINVAL', 'Invalid offset or length');
  }
}

/** Opens the file again on a fresh session (read-only files only). */
export type Reopen = () => Promise<{ session: SftpSession; handle: Buffer }>;

export class SftpFile implements BackendFile {
  private closed = false;

  constructor(
    private session: SftpSession,
    private handle: Buffer,
    private readonly name: string,
    private readonly reopen: Reopen | undefined,
    private readonly onClose: (file: SftpFile) => void,
  ) {}

  async read(position: number, length: number): Promise<Buffer> {
    this.checkOpen();
    checkRange(position, length);
    const wanted = Math.min(length, MAX_READ);
    if (wanted === 0) return Buffer.alloc(0);
    return this.withReopen(() => this.readChunks(position, wanted));
  }

  async write(position: number, data: Buffer): Promise<void> {
    this.checkOpen();
    checkRange(position, data.length);
    if (data.length === 0) return;
    const { session, handle } = this;
    const chunk = session.maxWrite;
    const parts: Promise<unknown>[] = [];
    for (let at = 0; at < data.length; at += chunk) {
      const len = Math.min(chunk, data.length - at);
      parts.push(
        session.request<unknown>((sftp: SFTPWrapper, cb) => sftp.write(handle, data, at, len, position + at, (err) => cb(err, undefined))),
      );
    }
    await settleAll(parts);
  }

  async stat(): Promise<VfsEntry> {
    this.checkOpen();
    return this.withReopen(async () => {
      const { session, handle } = this;
      const attrs = await session.request<Stats>((sftp, cb) => sftp.fstat(handle, cb));
      return toEntry(this.name, attrs);
    });
  }

  async truncate(size: number): Promise<void> {
    this.checkOpen();
    checkRange(size, 0);
    await this.fsetstat(toSftpAttrs({ size }));
  }

  async setAttrs(attrs: SetAttrs): Promise<void> {
    this.checkOpen();
    const current = needsCurrentAttrs(attrs) ? await this.stat() : undefined;
    await this.fsetstat(toSftpAttrs(attrs, current));
  }

  async sync(): Promise<void> {
    this.checkOpen();
    const { session, handle } = this;
    // Without fsync@openssh.com the server flushes when it likes; nothing more can be asked.
    if (!session.supports('fsync@openssh.com')) return;
    await guard(session.request<unknown>((sftp, cb) => sftp.ext_openssh_fsync(handle, (err) => cb(err, undefined))));
  }

  async close(): Promise<void> {
    this.checkOpen();
    this.closed = true;
    this.onClose(this);
    const { session, handle } = this;
    // A lost session closed the remote handle with it.
    if (!session.isAlive) return;
    await guard(session.request<unknown>((sftp, cb) => sftp.close(handle, (err) => cb(err, undefined))));
  }

  /** Closes without reporting (backend shutdown). */
  async forceClose(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const { session, handle } = this;
    if (!session.isAlive) return;
    await session.request<unknown>((sftp, cb) => sftp.close(handle, (err) => cb(err, undefined))).catch(() => undefined);
  }

  private async readChunks(position: number, wanted: number): Promise<Buffer> {
    const { session, handle } = this;
    const chunk = session.maxRead;
    const buffer = Buffer.allocUnsafe(wanted);
    const reads: Promise<number>[] = [];
    for (let at = 0; at < wanted; at += chunk) {
      const len = Math.min(chunk, wanted - at);
      reads.push(
        session.request<number>((sftp, cb) => sftp.read(handle, buffer, at, len, position + at, (err, bytesRead) => cb(err, bytesRead))),
      );
    }
    const counts = await settleAll(reads);
    // Keep the contiguous prefix: a short chunk (end of file) ends the data.
    let filled = 0;
    for (let i = 0; i < counts.length; i++) {
      const n = counts[i] as number;
      filled += n;
      if (n < Math.min(chunk, wanted - i * chunk)) break;
    }
    return buffer.subarray(0, filled);
  }

  private async fsetstat(attrs: InputAttributes): Promise<void> {
    const { session, handle } = this;
    await guard(session.request<unknown>((sftp, cb) => sftp.fsetstat(handle, attrs, (err) => cb(err, undefined))));
  }

  /** Runs `op`; a read-only file whose session was lost is reopened and `op` tried once more. */
  private async withReopen<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (this.reopen === undefined || !isConnectionFailure(err) || this.closed) throw toVfsErrorFromSftp(err);
      const fresh = await this.reopen();
      this.session = fresh.session;
      this.handle = fresh.handle;
      return guard(op());
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new VfsError('ECLOSED');
  }
}

/** Waits for every request (so none is left running), then fails with the first error, mapped. */
async function settleAll<T>(requests: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(requests);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw toVfsErrorFromSftp(failed.reason);
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

async function guard<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (err) {
    throw toVfsErrorFromSftp(err);
  }
}
