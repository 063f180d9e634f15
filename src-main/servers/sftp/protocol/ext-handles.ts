// Handle extensions (OpenSSH PROTOCOL §4): fstatvfs, fsync, copy-data.
import { Status } from './constants.js';
import type { RequestHandler } from './context.js';
import { statvfsReply } from './ext-paths.js';
import { okReply } from './replies.js';
import { SftpStatusError } from './status.js';

export const fstatvfs: RequestHandler = async (ctx, id, r) => {
  const entry = ctx.handles.get(r.bytes());
  entry.begin();
  try {
    return statvfsReply(ctx, id, await ctx.vfs.statfs(entry.path));
  } finally {
    entry.end();
  }
};

export const fsync: RequestHandler = async (ctx, id, r) => {
  const entry = ctx.handles.file(r.bytes());
  ctx.checkWritable();
  entry.begin();
  try {
    await entry.handle.sync();
    return okReply(id);
  } finally {
    entry.end();
  }
};

/**
 * Server-side copy between two open handles, in chunks of the READ limit. A length of 0 copies to
 * end of file; a fixed length that runs into end of file answers EOF (the part before it is copied).
 */
export const copyData: RequestHandler = async (ctx, id, r) => {
  const readHandle = r.bytes();
  let readOffset = r.uint64();
  const length = r.uint64();
  const writeHandle = r.bytes();
  let writeOffset = r.uint64();
  const src = ctx.handles.file(readHandle);
  const dst = ctx.handles.file(writeHandle);
  ctx.checkWritable();
  if (src === dst || src.path === dst.path) {
    throw new SftpStatusError(Status.FAILURE, 'Source and destination must be different files');
  }
  ctx.access('copy-data', src.path, `to ${JSON.stringify(dst.path)} length ${length}`);
  const chunk = ctx.limits.maxReadLength;
  let remaining = length === 0 ? Number.POSITIVE_INFINITY : length;
  src.begin();
  dst.begin();
  try {
    while (remaining > 0) {
      const data = await src.handle.read(readOffset, remaining < chunk ? remaining : chunk);
      if (data.length === 0) {
        if (length === 0) break;
        throw new SftpStatusError(Status.EOF, 'End of file');
      }
      await dst.handle.write(writeOffset, data);
      src.bytesRead += data.length;
      dst.bytesWritten += data.length;
      readOffset += data.length;
      writeOffset += data.length;
      remaining -= data.length;
    }
    return okReply(id);
  } finally {
    src.end();
    dst.end();
  }
};
