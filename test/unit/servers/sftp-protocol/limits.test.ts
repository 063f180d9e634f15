// Per-session bounds: READ clamp, EOF answers, the open-handle limit, streamed READDIR batches.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRawSftp, connectSftp, startSftpHarness } from '../../../helpers/sftp-harness.js';
import type { SftpHarness } from '../../../helpers/sftp-harness.js';
import { call, failure, OPEN_MODE, STATUS_CODE } from './call.js';
import { Cursor, RawSftpClient, str, T, u32, u64 } from './raw-sftp-client.js';

let h: SftpHarness;
let raw: Awaited<ReturnType<typeof connectRawSftp>>;
let rc: RawSftpClient;

beforeAll(async () => {
  h = await startSftpHarness();
  raw = await connectRawSftp(h.port);
  rc = new RawSftpClient(raw.channel);
  await rc.init();
});

afterAll(async () => {
  raw?.close();
  await h?.close();
});

const local = (p: string) => path.join(h.root, p);

describe('READ', () => {
  it('clamps a READ to 261,120 bytes', async () => {
    await writeFile(local('big.bin'), Buffer.alloc(600_000, 1));
    const handle = await rc.handle(T.OPEN, str('/big.bin'), u32(OPEN_MODE.READ), u32(0));
    const r = await rc.request(T.READ, str(handle), u64(0), u32(1_000_000));
    expect(r.type).toBe(T.DATA);
    expect(new Cursor(r.body).bytes().length).toBe(261_120);
    // The tail: a short read, then EOF at and after the end, and for a zero-length READ.
    const tail = await rc.request(T.READ, str(handle), u64(599_990), u32(100));
    expect(new Cursor(tail.body).bytes().length).toBe(10);
    expect((await rc.status(T.READ, str(handle), u64(600_000), u32(10))).code).toBe(STATUS_CODE.EOF);
    expect((await rc.status(T.READ, str(handle), u64(10_000_000), u32(10))).code).toBe(STATUS_CODE.EOF);
    expect((await rc.status(T.READ, str(handle), u64(0), u32(0))).code).toBe(STATUS_CODE.EOF);
    expect((await rc.status(T.CLOSE, str(handle))).code).toBe(0);
  });

  it('answers pipelined READs, each with its own id, in any order', async () => {
    const data = Buffer.alloc(64 * 4096);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7) % 256;
    await writeFile(local('pipe.bin'), data);
    const handle = await rc.handle(T.OPEN, str('/pipe.bin'), u32(OPEN_MODE.READ), u32(0));
    const replies = await Promise.all(
      Array.from({ length: 64 }, (_, i) => rc.request(T.READ, str(handle), u64(i * 4096), u32(4096))),
    );
    const joined = Buffer.concat(replies.map((r) => new Cursor(r.body).bytes()));
    expect(joined.equals(data)).toBe(true);
    await rc.status(T.CLOSE, str(handle));
  });
});

describe('open handles', () => {
  it('refuses the 257th open handle, counts directories too, and frees slots on CLOSE', async () => {
    const client = await connectSftp(h.port);
    const s = client.sftp;
    try {
      await writeFile(local('h.txt'), 'x');
      const handles: Buffer[] = [];
      for (let i = 0; i < 255; i++) handles.push(await call<Buffer>((cb) => s.open('/h.txt', OPEN_MODE.READ, cb)));
      handles.push(await call<Buffer>((cb) => s.opendir('/', cb)));
      expect(new Set(handles.map((b) => b.toString('hex'))).size).toBe(256);
      const refused = await failure((cb) => s.open('/h.txt', OPEN_MODE.READ, cb));
      expect(refused.code).toBe(STATUS_CODE.FAILURE);
      expect(refused.message).toBe('Too many open handles');
      expect((await failure((cb) => s.opendir('/', cb))).message).toBe('Too many open handles');
      await call((cb) => s.close(handles[0] as Buffer, cb));
      const again = await call<Buffer>((cb) => s.open('/h.txt', OPEN_MODE.READ, cb));
      // Handle strings are never reused while open, and a fresh one differs from the closed one.
      expect(handles.some((b) => b.equals(again))).toBe(false);
      await Promise.all([again, ...handles.slice(1)].map((hd) => call((cb) => s.close(hd, cb))));
    } finally {
      client.close();
    }
  });

  it('the limit is per session: another session still opens files', async () => {
    const a = await rc.handle(T.OPEN, str('/h.txt'), u32(OPEN_MODE.READ), u32(0));
    expect(a.length).toBe(4);
    await rc.status(T.CLOSE, str(a));
  });
});

describe('READDIR', () => {
  it('streams a 1,500-entry folder in batches of at most 100 names, all of them', async () => {
    await mkdir(local('many'));
    const expected = new Set<string>();
    for (let i = 0; i < 1500; i++) expected.add(`file-${String(i).padStart(4, '0')}.txt`);
    await Promise.all([...expected].map((n) => writeFile(local(`many/${n}`), '')));
    const handle = await rc.handle(T.OPENDIR, str('/many'));
    const seen: string[] = [];
    let batches = 0;
    for (;;) {
      const r = await rc.request(T.READDIR, str(handle));
      if (r.type === T.STATUS) {
        expect(new Cursor(r.body).u32()).toBe(STATUS_CODE.EOF);
        break;
      }
      expect(r.type).toBe(T.NAME);
      const cur = new Cursor(r.body);
      const count = cur.u32();
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThanOrEqual(100);
      for (let i = 0; i < count; i++) {
        seen.push(cur.string());
        cur.string();
        expect(cur.u32()).toBe(0x0f);
        cur.u64();
        cur.u32();
        cur.u32();
        cur.u32();
        cur.u32();
        cur.u32();
      }
      batches++;
    }
    expect(batches).toBeGreaterThanOrEqual(15);
    expect(seen).toHaveLength(1500);
    expect(new Set(seen)).toEqual(expected);
    // Reading past the end keeps answering EOF.
    expect((await rc.status(T.READDIR, str(handle))).code).toBe(STATUS_CODE.EOF);
    expect((await rc.status(T.CLOSE, str(handle))).code).toBe(0);
  });

  it('READDIR on a file handle and READ on a directory handle fail cleanly', async () => {
    const dir = await rc.handle(T.OPENDIR, str('/'));
    const file = await rc.handle(T.OPEN, str('/h.txt'), u32(OPEN_MODE.READ), u32(0));
    expect(await rc.status(T.READDIR, str(file))).toEqual({ code: STATUS_CODE.FAILURE, message: 'Not a directory handle' });
    expect(await rc.status(T.READ, str(dir), u64(0), u32(10))).toEqual({ code: STATUS_CODE.FAILURE, message: 'Not a file handle' });
    await rc.status(T.CLOSE, str(dir));
    await rc.status(T.CLOSE, str(file));
  });
});

describe('custom limits', () => {
  let small: SftpHarness;
  let s: Awaited<ReturnType<typeof connectRawSftp>>;
  let client: RawSftpClient;

  beforeAll(async () => {
    small = await startSftpHarness({ limits: { maxOpenHandles: 2, maxReadLength: 1000, maxPacketLength: 4096, readdirBatch: 7 } });
    for (let i = 0; i < 20; i++) await writeFile(path.join(small.root, `f${i}`), Buffer.alloc(5000, 1));
    s = await connectRawSftp(small.port);
    client = new RawSftpClient(s.channel);
    await client.init();
  });
  afterAll(async () => {
    s?.close();
    await small?.close();
  });

  it('are what the session enforces and advertises', async () => {
    const limitsReply = await client.request(T.EXTENDED, str('limits@openssh.com'));
    const cur = new Cursor(limitsReply.body);
    expect([cur.u64(), cur.u64(), cur.u64(), cur.u64()]).toEqual([4096, 1000, 1000, 2]);
    const dir = await client.handle(T.OPENDIR, str('/'));
    const file = await client.handle(T.OPEN, str('/f0'), u32(OPEN_MODE.READ), u32(0));
    expect((await client.status(T.OPEN, str('/f1'), u32(OPEN_MODE.READ), u32(0))).message).toBe('Too many open handles');
    const data = await client.request(T.READ, str(file), u64(0), u32(5000));
    expect(new Cursor(data.body).bytes().length).toBe(1000);
    let total = 0;
    for (;;) {
      const r = await client.request(T.READDIR, str(dir));
      if (r.type === T.STATUS) break;
      const count = new Cursor(r.body).u32();
      expect(count).toBeLessThanOrEqual(7);
      total += count;
    }
    expect(total).toBe(20);
  });
});
