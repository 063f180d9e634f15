// Informational extensions: limits@openssh.com and users-groups-by-id@openssh.com.
import type { RequestHandler } from './context.js';
import { MalformedPacketError } from './packet-reader.js';
import { stringListsReply, uint64sReply } from './replies.js';

/** max packet, max read, max write, max open handles (OpenSSH's order). */
export const limits: RequestHandler = async (ctx, id) => {
  const l = ctx.limits;
  return uint64sReply(id, [l.maxPacketLength, l.maxReadLength, l.maxReadLength, l.maxOpenHandles]);
};

function ids(packed: Buffer): number[] {
  if (packed.length % 4 !== 0) throw new MalformedPacketError('Id list length is not a multiple of 4');
  const out = new Array<number>(packed.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = packed.readUInt32BE(i * 4);
  return out;
}

/** Names only for ids we can name safely (the server's own user and group); others get "". */
export const usersGroupsById: RequestHandler = async (ctx, id, r) => {
  const uids = ids(r.bytes());
  const gids = ids(r.bytes());
  const names = await ctx.idNames;
  return stringListsReply(id, [uids.map((u) => names.user(u) ?? ''), gids.map((g) => names.group(g) ?? '')]);
};
