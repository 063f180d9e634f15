// Requests on open files: OPEN, CLOSE, READ, WRITE, FSTAT, FSETSTAT. READ and WRITE are the hot
// path: no per-request logging, one reply buffer each, handles looked up by a 4-byte id.
import { readAttrs } from './attrs.js';
import type { RequestHandler } from './context.js';
import { FileEntry } from './handle-table.js';
import type { HandleEntry } from './handle-table.js';
import { decodeOpenFlags, describeOpenFlags, opensForChange } from './open-flags.js';
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
    async () => new FileEntry(sharePath, await ctx.vfs.openFile(sharePath, flags, permissions)),
    (entry) => entry.handle.close(),
  );
  return handleReply(id, handle);
};

export async function closeEntry(entry: HandleEntry): Promise<void> {
  await entry.whenIdle();
  if (entry.kind === 'file') await entry.handle.close();
  else await entry.reader.close();
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
  try {
    let data = await entry.handle.read(offset, length);
    if (data.length === 0) return eofReply(id);
    if (data.length > length) data = data.subarray(0, length);
    entry.bytesRead += data.length;
    return dataReply(id, data);
  } finally {
    entry.end();
  }
};

export const write: RequestHandler = async (ctx, id, r) => {
  const h = r.bytes();
  const offset = r.uint64();
  const data = r.bytes();
  const entry = ctx.handles.file(h);
  entry.begin();
  try {
    await entry.handle.write(offset, data);
    entry.bytesWritten += data.length;
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
