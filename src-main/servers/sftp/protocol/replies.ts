// Reply packets, each built in one exactly-sized Buffer.
import type { VfsEntry } from '../../../vfs/index.js';
import { FULL_ATTRS_SIZE, writeAttrs } from './attrs.js';
import { PacketType, Status } from './constants.js';
import type { StatusCode } from './constants.js';
import { stringSize, WireWriter } from './wire-writer.js';

export function statusReply(id: number, code: StatusCode, message: string): Buffer {
  const msgLen = Buffer.byteLength(message);
  return new WireWriter(PacketType.STATUS, 4 + 4 + stringSize(msgLen) + stringSize(0))
    .u32(id)
    .u32(code)
    .string(message, msgLen)
    .string('', 0)
    .finish();
}

export function okReply(id: number): Buffer {
  return statusReply(id, Status.OK, 'Success');
}

export function eofReply(id: number): Buffer {
  return statusReply(id, Status.EOF, 'End of file');
}

export function handleReply(id: number, handle: Buffer): Buffer {
  return new WireWriter(PacketType.HANDLE, 4 + stringSize(handle.length)).u32(id).bytes(handle).finish();
}

/** DATA header and payload in one buffer: one copy of the payload, one channel write. */
export function dataReply(id: number, data: Buffer): Buffer {
  return new WireWriter(PacketType.DATA, 4 + stringSize(data.length)).u32(id).bytes(data).finish();
}

export function attrsReply(id: number, entry: VfsEntry): Buffer {
  const w = new WireWriter(PacketType.ATTRS, 4 + FULL_ATTRS_SIZE).u32(id);
  writeAttrs(w, entry);
  return w.finish();
}

export interface NameEntry {
  readonly filename: string;
  readonly longname: string;
  /** Absent for REALPATH/READLINK-style replies, which carry empty attributes (as OpenSSH). */
  readonly entry?: VfsEntry;
}

export function nameReply(id: number, names: readonly NameEntry[]): Buffer {
  const lengths = new Array<number>(names.length * 2);
  let size = 4 + 4;
  for (let i = 0; i < names.length; i++) {
    const n = names[i] as NameEntry;
    const f = Buffer.byteLength(n.filename);
    const l = Buffer.byteLength(n.longname);
    lengths[2 * i] = f;
    lengths[2 * i + 1] = l;
    size += stringSize(f) + stringSize(l) + (n.entry ? FULL_ATTRS_SIZE : 4);
  }
  const w = new WireWriter(PacketType.NAME, size).u32(id).u32(names.length);
  for (let i = 0; i < names.length; i++) {
    const n = names[i] as NameEntry;
    w.string(n.filename, lengths[2 * i] as number).string(n.longname, lengths[2 * i + 1] as number);
    if (n.entry) writeAttrs(w, n.entry);
    else w.u32(0);
  }
  return w.finish();
}

/** A single path answer (REALPATH, READLINK, expand-path, home-directory). */
export function pathReply(id: number, path: string): Buffer {
  return nameReply(id, [{ filename: path, longname: path }]);
}

/** EXTENDED_REPLY made only of uint64 fields (statvfs, limits). */
export function uint64sReply(id: number, values: readonly number[]): Buffer {
  const w = new WireWriter(PacketType.EXTENDED_REPLY, 4 + 8 * values.length).u32(id);
  for (const v of values) w.u64(v);
  return w.finish();
}

/** EXTENDED_REPLY made of strings, each a list of strings (users-groups-by-id). */
export function stringListsReply(id: number, lists: readonly (readonly string[])[]): Buffer {
  let size = 4;
  const lens = lists.map((list) => list.map((s) => Buffer.byteLength(s)));
  for (const l of lens) size += 4 + l.reduce((sum, n) => sum + stringSize(n), 0);
  const w = new WireWriter(PacketType.EXTENDED_REPLY, size).u32(id);
  lists.forEach((list, i) => {
    const l = lens[i] as number[];
    w.u32(l.reduce((sum, n) => sum + stringSize(n), 0));
    list.forEach((s, j) => w.string(s, l[j] as number));
  });
  return w.finish();
}

export function versionReply(version: number, extensions: readonly (readonly [string, string])[]): Buffer {
  let size = 4;
  for (const [name, data] of extensions) size += stringSize(Buffer.byteLength(name)) + stringSize(Buffer.byteLength(data));
  const w = new WireWriter(PacketType.VERSION, size);
  // VERSION carries no request id: the version takes its place.
  w.u32(version);
  for (const [name, data] of extensions) w.string(name, Buffer.byteLength(name)).string(data, Buffer.byteLength(data));
  return w.finish();
}
