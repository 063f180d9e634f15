// The codec without a network: framing, the packet reader, reply encoding, attrs, longname, flags.
import { describe, expect, it } from 'vitest';
import { readAttrs, writeAttrs } from '../../../../src-main/servers/sftp/protocol/attrs.js';
import { decodeOpenFlags } from '../../../../src-main/servers/sftp/protocol/open-flags.js';
import { lsDate, longname, modeString } from '../../../../src-main/servers/sftp/protocol/longname.js';
import { PacketFramer } from '../../../../src-main/servers/sftp/protocol/packet-framer.js';
import { MalformedPacketError, PacketReader } from '../../../../src-main/servers/sftp/protocol/packet-reader.js';
import { dataReply, nameReply, statusReply, versionReply } from '../../../../src-main/servers/sftp/protocol/replies.js';
import { statusForVfsCode, toStatusReply } from '../../../../src-main/servers/sftp/protocol/status.js';
import { WireWriter } from '../../../../src-main/servers/sftp/protocol/wire-writer.js';
import { VFS_ERROR_CODES, VfsError } from '../../../../src-main/vfs/index.js';
import type { VfsEntry } from '../../../../src-main/vfs/index.js';
import { Cursor, packet, str, u32, u64 } from './raw-sftp-client.js';

function collect(maxLength = 1024): { framer: PacketFramer; packets: Buffer[] } {
  const packets: Buffer[] = [];
  // Copies, so a test also notices a framer that hands out a buffer and later overwrites it.
  const framer = new PacketFramer(maxLength, (p) => packets.push(Buffer.from(p)));
  return { framer, packets };
}

const ENTRY: VfsEntry = {
  name: 'notes.txt',
  type: 'file',
  size: 1234,
  mode: 0o644,
  uid: 1000,
  gid: 1000,
  atimeMs: 1_700_000_000_500,
  mtimeMs: 1_700_000_100_999,
  nlink: 1,
};

describe('PacketFramer', () => {
  const a = packet(17, u32(1), str('/a'));
  const b = packet(5, u32(2), str(Buffer.from([0, 0, 0, 1])), u64(0), u32(10));
  const c = packet(200, u32(3), str('limits@openssh.com'));

  it('delivers several packets that arrive in one chunk', () => {
    const { framer, packets } = collect();
    framer.push(Buffer.concat([a, b, c]));
    expect(packets).toEqual([a.subarray(4), b.subarray(4), c.subarray(4)]);
    expect(framer.pending).toBe(false);
  });

  it('reassembles packets split at every byte, including inside the length prefix', () => {
    const { framer, packets } = collect();
    const all = Buffer.concat([a, b, c]);
    for (let i = 0; i < all.length; i++) framer.push(all.subarray(i, i + 1));
    expect(packets).toEqual([a.subarray(4), b.subarray(4), c.subarray(4)]);
  });

  it('reassembles packets split at arbitrary points across chunks', () => {
    const all = Buffer.concat([a, b, c, a]);
    for (const cut of [1, 3, 4, 5, 9, a.length, a.length + 2, all.length - 1]) {
      const { framer, packets } = collect();
      framer.push(all.subarray(0, cut));
      framer.push(all.subarray(cut));
      expect(packets).toEqual([a.subarray(4), b.subarray(4), c.subarray(4), a.subarray(4)]);
    }
  });

  it('refuses a packet longer than the limit and an empty packet', () => {
    const { framer } = collect(64);
    expect(() => framer.push(Buffer.concat([u32(65), Buffer.alloc(65)]))).toThrow(MalformedPacketError);
    expect(() => collect().framer.push(u32(0))).toThrow(MalformedPacketError);
    // A length of exactly the limit is fine.
    const ok = collect(64);
    ok.framer.push(Buffer.concat([u32(64), Buffer.alloc(64, 7)]));
    expect(ok.packets).toHaveLength(1);
  });

  it('refuses an oversize length even when the prefix arrives in pieces', () => {
    const { framer } = collect(64);
    framer.push(u32(1 << 20).subarray(0, 2));
    expect(() => framer.push(u32(1 << 20).subarray(2))).toThrow(MalformedPacketError);
  });

  it('keeps a gathered packet intact after later chunks arrive', () => {
    const views: Buffer[] = [];
    const framer = new PacketFramer(1024, (p) => views.push(p));
    const big = packet(6, u32(9), str(Buffer.alloc(300, 0xab)));
    framer.push(big.subarray(0, 100));
    framer.push(big.subarray(100));
    framer.push(Buffer.concat([a, b]).subarray(0, 50));
    expect(views[0]).toEqual(big.subarray(4));
  });

  it('hands a large split packet on as a gathered head plus views of the chunks, not copies', () => {
    const data = Buffer.alloc(200 * 1024);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7) & 0xff;
    const big = packet(6, u32(9), str(Buffer.from([0, 0, 0, 1])), u64(4096), str(data));
    for (const first of [3, 4, 5, 17, 1000, 1028, 1029, 32 * 1024]) {
      const got: { head: Buffer; tail: readonly Buffer[] }[] = [];
      const framer = new PacketFramer(256 * 1024, (head, tail) => got.push({ head, tail }));
      const chunks = [big.subarray(0, first)];
      for (let p = first; p < big.length; p += 32 * 1024) chunks.push(Buffer.from(big.subarray(p, p + 32 * 1024)));
      for (const c of chunks) framer.push(c);
      expect(got).toHaveLength(1);
      const { head, tail } = got[0] as { head: Buffer; tail: readonly Buffer[] };
      expect(head.length).toBe(1024);
      expect(Buffer.concat([head, ...tail]).equals(big.subarray(4))).toBe(true);
      // Every tail piece shares memory with a chunk the framer was given.
      for (const t of tail) expect(chunks.some((c) => c.buffer === t.buffer)).toBe(true);
      expect(framer.pending).toBe(false);
    }
  });

  it('delivers the packet after a large split one without mixing their bytes', () => {
    const big = packet(6, u32(9), str(Buffer.from([1])), u64(0), str(Buffer.alloc(70 * 1024, 0x5a)));
    const got: Buffer[] = [];
    const framer = new PacketFramer(256 * 1024, (head, tail) => got.push(Buffer.concat([head, ...tail])));
    const all = Buffer.concat([big, a, big]);
    for (let p = 0; p < all.length; p += 10_000) framer.push(all.subarray(p, p + 10_000));
    expect(got).toEqual([big.subarray(4), a.subarray(4), big.subarray(4)]);
  });
});

describe('PacketReader', () => {
  it('reads fields and flags a truncated packet', () => {
    const payload = Buffer.concat([Buffer.from([3]), u32(7), str('/x'), u64(2 ** 40 + 5)]);
    const r = new PacketReader(payload);
    expect(r.uint32()).toBe(7);
    expect(r.string()).toBe('/x');
    expect(r.uint64()).toBe(2 ** 40 + 5);
    expect(r.failed).toBe(false);
    expect(() => r.uint32()).toThrow(MalformedPacketError);
    expect(r.failed).toBe(true);
  });

  it('refuses a string whose length runs past the packet', () => {
    const r = new PacketReader(Buffer.concat([Buffer.from([17]), u32(1000), Buffer.from('abc')]));
    expect(() => r.string()).toThrow(MalformedPacketError);
  });

  it('returns a string spread over head and tail as views, and joins only for other reads', () => {
    const data = Buffer.from('0123456789abcdefghij');
    const whole = Buffer.concat([Buffer.from([6]), u32(1), str('h'), str(data), u32(77)]);
    for (const cut of [3, 9, 12, 14, 20, 30]) {
      const pieces = [whole.subarray(cut, cut + 7), whole.subarray(cut + 7)];
      const r = new PacketReader(whole.subarray(0, cut), 1, pieces);
      expect(r.remaining).toBe(whole.length - 1);
      expect(r.uint32()).toBe(1);
      expect(r.string()).toBe('h');
      const got = r.chunks();
      expect(Buffer.concat([...got]).equals(data)).toBe(true);
      // Once the header fields sit in the head (they end at byte 14), no piece is a copy.
      if (cut >= 14) for (const g of got) expect(g.buffer === whole.buffer).toBe(true);
      expect(r.uint32()).toBe(77);
      expect(r.remaining).toBe(0);
    }
  });

  it('refuses a split string whose length runs past the packet', () => {
    const whole = Buffer.concat([Buffer.from([6]), u32(1000), Buffer.alloc(20)]);
    const r = new PacketReader(whole.subarray(0, 8), 1, [whole.subarray(8)]);
    expect(() => r.chunks()).toThrow(MalformedPacketError);
    expect(r.failed).toBe(true);
  });

  it('refuses uint64 values a JS number cannot hold exactly', () => {
    const r = new PacketReader(Buffer.concat([Buffer.from([5]), Buffer.from('ffffffffffffffff', 'hex')]));
    expect(() => r.uint64()).toThrow(MalformedPacketError);
  });
});

describe('replies', () => {
  it('encodes STATUS with message and empty language tag', () => {
    const buf = statusReply(42, 4, 'Fähler');
    expect(buf.readUInt32BE(0)).toBe(buf.length - 4);
    expect(buf[4]).toBe(101);
    const c = new Cursor(buf.subarray(5));
    expect([c.u32(), c.u32(), c.string(), c.string(), c.remaining]).toEqual([42, 4, 'Fähler', '', 0]);
  });

  it('builds DATA header and payload in one buffer', () => {
    const payload = Buffer.from('hello');
    const buf = dataReply(9, payload);
    expect(buf.length).toBe(4 + 1 + 4 + 4 + 5);
    expect(buf.subarray(13).toString()).toBe('hello');
  });

  it('encodes NAME entries with full attrs and path answers with empty attrs', () => {
    const buf = nameReply(1, [{ filename: 'ü', longname: 'long ü', entry: ENTRY }, { filename: '/p', longname: '/p' }]);
    const c = new Cursor(buf.subarray(5));
    expect(c.u32()).toBe(1);
    expect(c.u32()).toBe(2);
    expect([c.string(), c.string()]).toEqual(['ü', 'long ü']);
    expect(c.u32()).toBe(0x0f);
    expect(c.u64()).toBe(1234);
    expect([c.u32(), c.u32(), c.u32(), c.u32(), c.u32()]).toEqual([1000, 1000, 0o100644, 1_700_000_000, 1_700_000_100]);
    expect([c.string(), c.string(), c.u32(), c.remaining]).toEqual(['/p', '/p', 0, 0]);
  });

  it('lists extensions in VERSION', () => {
    const c = new Cursor(versionReply(3, [['a@x', '1'], ['b', '2']]).subarray(5));
    expect([c.u32(), c.string(), c.string(), c.string(), c.string(), c.remaining]).toEqual([3, 'a@x', '1', 'b', '2', 0]);
  });

  it('WireWriter notices a size mistake', () => {
    expect(() => new WireWriter(101, 8).u32(1).finish()).toThrow(/size mismatch/);
  });
});

describe('attrs', () => {
  it('round-trips what clients send', () => {
    const w = new WireWriter(9, 4 + 8 + 8 + 4 + 8);
    w.u32(0x0f).u64(99).u32(5).u32(6).u32(0o100755).u32(100).u32(200);
    const r = new PacketReader(w.finish(), 5);
    const got = readAttrs(r);
    expect(got.attrs).toEqual({ size: 99, uid: 5, gid: 6, mode: 0o755, atimeMs: 100_000, mtimeMs: 200_000 });
    expect(got.permissions).toBe(0o755);
    expect(got.isEmpty).toBe(false);
  });

  it('skips vendor extended attributes and reports empty attrs', () => {
    const payload = Buffer.concat([Buffer.from([9]), u32(0x80000000), u32(1), str('k'), str('v'), u32(77)]);
    const r = new PacketReader(payload);
    const got = readAttrs(r);
    expect(got.isEmpty).toBe(true);
    expect(got.attrs).toEqual({});
    expect(r.uint32()).toBe(77);
  });

  it('writes type bits for every entry type', () => {
    for (const [type, bits] of [
      ['file', 0o100000],
      ['dir', 0o040000],
      ['symlink', 0o120000],
      ['other', 0],
    ] as const) {
      const w = new WireWriter(105, 32);
      writeAttrs(w, { ...ENTRY, type });
      expect(w.finish().readUInt32BE(5 + 4 + 8 + 8) & 0o170000).toBe(bits);
    }
  });
});

describe('longname', () => {
  it('formats like OpenSSH ls_file', () => {
    const names = { user: (id: number) => (id === 1000 ? 'alice' : undefined), group: () => undefined };
    const mtime = new Date(2024, 0, 5, 7, 3).getTime();
    const line = longname({ ...ENTRY, mtimeMs: mtime }, names, mtime + 1000);
    expect(line).toBe('-rw-r--r--    1 alice    1000         1234 Jan  5 07:03 notes.txt');
    expect(lsDate(mtime, mtime + 365 * 24 * 3600 * 1000)).toBe('Jan  5  2024');
  });

  it('renders special permission bits as ls does', () => {
    expect(modeString('dir', 0o1777)).toBe('drwxrwxrwt');
    expect(modeString('file', 0o4644)).toBe('-rwSr--r--');
    expect(modeString('file', 0o2755)).toBe('-rwxr-sr-x');
    expect(modeString('symlink', 0o777)).toBe('lrwxrwxrwx');
  });
});

describe('open flags and status mapping', () => {
  it('decodes pflags with open(2) meaning', () => {
    expect(decodeOpenFlags(0x01)).toEqual({ read: true, write: false, append: false, create: false, truncate: false, exclusive: false });
    expect(decodeOpenFlags(0x02 | 0x08 | 0x10)).toEqual({ read: false, write: true, append: false, create: true, truncate: true, exclusive: false });
    expect(decodeOpenFlags(0x02 | 0x08 | 0x20).exclusive).toBe(true);
    // EXCL without CREAT means nothing; no READ/WRITE at all is read-only.
    expect(decodeOpenFlags(0x02 | 0x20).exclusive).toBe(false);
    expect(decodeOpenFlags(0).read).toBe(true);
    expect(decodeOpenFlags(0x02 | 0x04).append).toBe(true);
  });

  it('maps every VfsError code and hides unknown errors', () => {
    expect(statusForVfsCode('ENOENT')).toBe(2);
    expect(statusForVfsCode('EPERM')).toBe(3);
    expect(statusForVfsCode('EROFS')).toBe(3);
    expect(statusForVfsCode('ENOSYS')).toBe(8);
    for (const code of VFS_ERROR_CODES) {
      if (!['ENOENT', 'EPERM', 'EROFS', 'ENOSYS'].includes(code)) expect(statusForVfsCode(code)).toBe(4);
    }
    expect(toStatusReply(new VfsError('EEXIST'))).toEqual({ code: 4, message: 'File exists', unexpected: false });
    const hidden = toStatusReply(new Error("ENOENT: no such file, open '/srv/secret/x'"));
    expect(hidden).toEqual({ code: 4, message: 'Operation failed', unexpected: true });
  });
});
