// Copy inside the remote: `copy-data` (OpenSSH 9+) copies on the server; otherwise the bytes pass
// through Wharf in server-sized chunks. The target is created with the source's permissions,
// truncated when overwriting, and must be new otherwise.
import type { Stats } from 'ssh2';
import { VfsError } from '../../errors.js';
import { explain } from './sftp-diagnose.js';
import { toVfsErrorFromSftp } from './sftp-errors.js';
import type { SftpSession } from './sftp-session.js';

const OPEN = { READ: 0x01, WRITE: 0x02, CREAT: 0x08, TRUNC: 0x10, EXCL: 0x20 } as const;

async function closeQuietly(session: SftpSession, handle: Buffer): Promise<void> {
  if (!session.isAlive) return;
  await session.request<undefined>((sftp, cb) => sftp.close(handle, (err) => cb(err, undefined))).catch(() => undefined);
}

async function streamCopy(session: SftpSession, from: Buffer, to: Buffer): Promise<void> {
  const buffer = Buffer.allocUnsafe(session.maxRead);
  for (let at = 0; ; ) {
    const n = await session.request<number>((sftp, cb) => sftp.read(from, buffer, 0, buffer.length, at, (err, bytes) => cb(err, bytes)));
    if (n === 0) return;
    await session.request<undefined>((sftp, cb) => sftp.write(to, buffer, 0, n, at, (err) => cb(err, undefined)));
    at += n;
  }
}

export async function copyRemote(session: SftpSession, src: string, dst: string, overwrite: boolean): Promise<void> {
  let srcAttrs: Stats;
  try {
    srcAttrs = await session.request<Stats>((sftp, cb) => sftp.stat(src, cb));
  } catch (err) {
    throw await explain(session, err, src);
  }
  if (srcAttrs.isDirectory()) throw new VfsError('EISDIR');
  if (src === dst) {
    if (overwrite) return;
    throw new VfsError('EEXIST');
  }
  let from: Buffer;
  try {
    from = await session.request<Buffer>((sftp, cb) => sftp.open(src, OPEN.READ, cb));
  } catch (err) {
    throw await explain(session, err, src);
  }
  try {
    const flags = OPEN.WRITE | OPEN.CREAT | (overwrite ? OPEN.TRUNC : OPEN.EXCL);
    let to: Buffer;
    try {
      to = await session.request<Buffer>((sftp, cb) => sftp.open(dst, flags, { mode: srcAttrs.mode & 0o7777 }, cb));
    } catch (err) {
      throw await explain(session, err, dst, {
        follow: true,
        failure: (at) => {
          if (at === 'dir') return new VfsError('EISDIR');
          return !overwrite && at !== 'missing' && at !== 'unknown' ? new VfsError('EEXIST') : undefined;
        },
      });
    }
    try {
      if (session.supports('copy-data')) {
        // Length 0 copies to the end of the source.
        await session.request<undefined>((sftp, cb) => sftp.ext_copy_data(from, 0, 0, to, 0, (err) => cb(err, undefined)));
      } else {
        await streamCopy(session, from, to);
      }
    } catch (err) {
      throw toVfsErrorFromSftp(err);
    } finally {
      await closeQuietly(session, to);
    }
  } finally {
    await closeQuietly(session, from);
  }
}
