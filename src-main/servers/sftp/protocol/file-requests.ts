// Requests on open files: OPEN, CLOSE, READ, WRITE, FSTAT, FSETSTAT. READ and WRITE are the hot
// path: no per-request logging, one reply buffer each, handles looked up by a 4-byte id.
import { readAttrs } from './attrs.js';
import { totalBytes, writeBuffers } from '../../../vfs/index.js';
import type { OpenFlags } from '../../../vfs/index.js';
import type { TransferProbe } from '../../transfer-observer.js';
import type { RequestHandler, SftpContext } from './context.js';
import { FileEntry } from './handle-table.js';
import type { HandleEntry } from './handle-table.js';
import { decodeOpenFlags, describeOpenFlags, opensForChange } from './open-flags.js';
import { DATA_HEADER_SIZE, finishDataReply } from './reply-pool.js';
import { attrsReply, dataReply, eofReply, handleReply, okReply } from './replies.js';

export const open: RequestHandler = async (ctx, id, r) => {
  const path = r.string();
  const pflags = r.uint32();
  const { permissions } = readAttrs(r);
  const flags = decodeOpenFlags(pflags);
  const sharePath = ctx.sharePath(path);
  ctx.access('open', sharePath, `flags ${describeOpenFlags(pflags)}`);
  if (opensForChange(flags)) ctx.checkWritable();
  const handle = await ctx.adopt(
    async () => {
      const entry = new FileEntry(sharePath, await ctx.vfs.openFile(sharePath, flags, permissions));
      if (ctx.session.transfers) entry.probe = await observeTransfer(ctx, entry, flags);
      return entry;
    },
    (entry) => closeEntry(entry, false),
  );
  return handleReply(id, handle);
};

/** Reports the open to the session's transfer observer; a failing observer never fails the OPEN. */
async function observeTransfer(ctx: SftpContext, entry: FileEntry, flags: OpenFlags): Promise<TransferProbe | undefined> {
  const { session } = ctx;
  const reading = flags.read || !flags.write;
  // Only reads need the size up front (a percentage); an upload's final size is what it writes.
  const size = reading && !flags.truncate ? await entry.handle.stat().then((s) => s.size, () => undefined) : undefined;
  try {
    return session.transfers?.opened({
      sessionId: session.id,
      protocol: session.protocol,
      user: session.user,
      clientIp: session.clientIp,
      path: entry.path,
      reading,
      writing: flags.write,
      size,
    });
  } catch (err) {
    ctx.logger.debug(`sftp: transfer observer failed: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

/** `completed`: closed by the client's CLOSE (false when the session ended under it). */
export async function closeEntry(entry: HandleEntry, completed = true): Promise<void> {
  await entry.whenIdle();
  if (entry.kind === 'dir') {
    await entry.reader.close();
    return;
  }
  try {
    await entry.handle.close();
  } catch (err) {
    entry.probe?.closed(false);
    throw err;
  }
  entry.probe?.closed(completed);
}

export const close: RequestHandler = async (ctx, id, r) => {
  const entry = ctx.handles.remove(r.bytes());
  if (entry.kind === 'file') {
    ctx.access('close', entry.path, `bytes read ${entry.bytesRead} written ${entry.bytesWritten}`);
  } else {
    ctx.access('closedir', entry.path);
  }
  await closeEntry(entry);
  return okReply(id);
};

export const read: RequestHandler = async (ctx, id, r) => {
  const h = r.bytes();
  const offset = r.uint64();
  const requested = r.uint32();
  const entry = ctx.handles.file(h);
  const length = requested > ctx.limits.maxReadLength ? ctx.limits.maxReadLength : requested;
  // A zero-length READ answers EOF, as OpenSSH's sftp-server does.
  if (length === 0) return eofReply(id);
  entry.begin();
  // Released by the session once the reply is sent (or the request failed).
  ctx.reserveRead(id, length);
  try {
    const handle = entry.handle;
    let n: number;
    let reply: Buffer;
    if (handle.readInto) {
      // Straight into a pooled reply buffer: no allocation, no copy.
      const buf = ctx.replies.take(length);
      try {
        n = await handle.readInto(offset, buf, DATA_HEADER_SIZE, length);
      } catch (err) {
        ctx.replies.release(buf);
        throw err;
      }
      if (n <= 0) {
        ctx.replies.release(buf);
        return eofReply(id);
      }
      reply = finishDataReply(buf, id, n > length ? length : n);
      if (n > length) n = length;
    } else {
      let data = await handle.read(offset, length);
      if (data.length === 0) return eofReply(id);
      if (data.length > length) data = data.subarray(0, length);
      n = data.length;
      reply = dataReply(id, data);
    }
    entry.bytesRead += n;
    entry.probe?.read(n);
    return reply;
  } finally {
    entry.end();
  }
};

export const write: RequestHandler = async (ctx, id, r) => {
  const h = r.bytes();
  const offset = r.uint64();
  // Views of the packet, in pieces when the framer left it split (one vectored write).
  const data = r.chunks();
  const length = totalBytes(data);
  const entry = ctx.handles.file(h);
  entry.begin();
  try {
    await writeBuffers(entry.handle, offset, data);
    entry.bytesWritten += length;
    entry.probe?.written(length);
    return okReply(id);
  } finally {
    entry.end();
  }
};

export const fstat: RequestHandler = async (ctx, id, r) => {
  const entry = ctx.handles.get(r.bytes());
  entry.begin();
  try {
    const stat = entry.kind === 'file' ? await entry.handle.stat() : await ctx.vfs.stat(entry.path);
    return attrsReply(id, stat);
  } finally {
    entry.end();
  }
};

export const fsetstat: RequestHandler = async (ctx, id, r) => {
  const h = r.bytes();
  const { attrs } = readAttrs(r);
  const entry = ctx.handles.get(h);
  ctx.access('fsetstat', entry.path, JSON.stringify(attrs));
  ctx.checkWritable();
  entry.begin();
  try {
    if (entry.kind === 'file') await ctx.vfs.setHandleAttrs(entry.handle, attrs);
    else await ctx.vfs.setAttrs(entry.path, attrs);
    return okReply(id);
  } finally {
    entry.end();
  }
};
