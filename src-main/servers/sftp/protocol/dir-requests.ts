// OPENDIR and READDIR: listings stream from vfs.readDir in batches of at most `readdirBatch` names.
import type { RequestHandler } from './context.js';
import { DirReader } from './dir-reader.js';
import { DirEntry } from './handle-table.js';
import { longname } from './longname.js';
import { eofReply, handleReply, nameReply } from './replies.js';

export const opendir: RequestHandler = async (ctx, id, r) => {
  const sharePath = ctx.sharePath(r.string());
  ctx.access('opendir', sharePath);
  const handle = await ctx.adopt(
    async () => new DirEntry(sharePath, await DirReader.open(ctx.vfs.readDir(sharePath))),
    (entry) => entry.reader.close(),
  );
  return handleReply(id, handle);
};

export const readdir: RequestHandler = async (ctx, id, r) => {
  const entry = ctx.handles.dir(r.bytes());
  entry.begin();
  try {
    const batch = await entry.reader.read(ctx.limits.readdirBatch);
    if (batch.length === 0) return eofReply(id);
    const names = await ctx.idNames;
    const now = Date.now();
    return nameReply(
      id,
      batch.map((e) => ({ filename: e.name, longname: longname(e, names, now), entry: e })),
    );
  } finally {
    entry.end();
  }
};
