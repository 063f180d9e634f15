// Request type to handler, as a dense array indexed by the packet type byte.
import { PacketType } from './constants.js';
import type { RequestHandler } from './context.js';
import { opendir, readdir } from './dir-requests.js';
import { extended } from './extensions.js';
import { close, fsetstat, fstat, open, read, write } from './file-requests.js';
import { lstat, mkdir, readlink, realpath, remove, rename, rmdir, setstat, stat, symlink } from './path-requests.js';

const TABLE: readonly (readonly [number, RequestHandler])[] = [
  [PacketType.OPEN, open],
  [PacketType.CLOSE, close],
  [PacketType.READ, read],
  [PacketType.WRITE, write],
  [PacketType.LSTAT, lstat],
  [PacketType.FSTAT, fstat],
  [PacketType.SETSTAT, setstat],
  [PacketType.FSETSTAT, fsetstat],
  [PacketType.OPENDIR, opendir],
  [PacketType.READDIR, readdir],
  [PacketType.REMOVE, remove],
  [PacketType.MKDIR, mkdir],
  [PacketType.RMDIR, rmdir],
  [PacketType.REALPATH, realpath],
  [PacketType.STAT, stat],
  [PacketType.RENAME, rename],
  [PacketType.READLINK, readlink],
  [PacketType.SYMLINK, symlink],
  [PacketType.EXTENDED, extended],
];

const HANDLERS: (RequestHandler | undefined)[] = new Array(256).fill(undefined);
for (const [type, handler] of TABLE) HANDLERS[type] = handler;

export function handlerFor(type: number): RequestHandler | undefined {
  return HANDLERS[type];
}

const NAMES = new Map<number, string>(Object.entries(PacketType).map(([name, type]) => [type, name]));

export function packetTypeName(type: number): string {
  return NAMES.get(type) ?? `type ${type}`;
}
