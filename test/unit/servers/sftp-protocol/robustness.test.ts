// Bad input ends only its own session; read-only sessions refuse every change; a session's end
// closes (and flushes) its handles; unexpected errors are answered without leaking details.
import { readFile, readdir, readlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRawSftp, connectSftp, startSftpHarness } from '../../../helpers/sftp-harness.js';
import type { SftpHarness } from '../../../helpers/sftp-harness.js';
import type { Logger } from '../../../../src-shared/logger.js';
import { MemoryBackend } from '../../../../src-main/vfs/index.js';
import type { StatFs } from '../../../../src-main/vfs/index.js';
import { call, failure, OPEN_MODE, STATUS_CODE } from './call.js';
import { packet, RawSftpClient, str, T, u32 } from './raw-sftp-client.js';

async function rawSession(port: number) {
  const raw = await connectRawSftp(port);
  const client = new RawSftpClient(raw.channel);
  return { raw, client };
}

describe('malformed input', () => {
  let h: SftpHarness;
  const warnings: string[] = [];
  const logger: Logger = { error() {}, warn: (m) => warnings.push(m), info() {}, debug() {} };

  beforeAll(async () => {
    h = await startSftpHarness({ logger });
  });
  afterAll(async () => h?.close());

  async function expectHealthy(client: RawSftpClient) {
    expect(await client.name(T.REALPATH, str('a/..'))).toBe('/');
  }

  it('garbage ends only that session while another keeps working', async () => {
    const good = await rawSession(h.port);
    await good.client.init();
    const bad = await rawSession(h.port);
    await bad.client.init();
    bad.client.writeRaw(Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4, 5]));
    await bad.client.closed;
    await expectHealthy(good.client);
    expect(warnings.some((w) => w.includes('exceeds the limit'))).toBe(true);
    good.raw.close();
    bad.raw.close();
  });

  it('a packet one byte over 256 KiB ends the session', async () => {
    const bad = await rawSession(h.port);
    await bad.client.init();
    bad.client.writeRaw(Buffer.concat([u32(262_145), Buffer.alloc(70_000, 9)]));
    await bad.client.closed;
    bad.raw.close();
  });

  it('a truncated request is answered BAD_MESSAGE, then the session ends', async () => {
    const bad = await rawSession(h.port);
    await bad.client.init();
    // OPEN whose path string claims 1000 bytes but carries 3.
    const reply = bad.client.request(T.OPEN, u32(1000), Buffer.from('abc'));
    // Sent right behind it: never processed, since the session stops at the bad packet.
    const after = bad.client.request(T.REALPATH, str('.'));
    const r = await reply;
    expect(r.type).toBe(T.STATUS);
    expect(r.body.readUInt32BE(0)).toBe(STATUS_CODE.BAD_MESSAGE);
    await bad.client.closed;
    expect(await Promise.race([after.then(() => 'answered'), Promise.resolve('unanswered')])).toBe('unanswered');
    bad.raw.close();
  });

  it('requests before INIT, a second INIT and an empty packet end the session', async () => {
    for (const bytes of [
      packet(T.STAT, u32(1), str('/')),
      Buffer.concat([packet(T.INIT, u32(3)), packet(T.INIT, u32(3))]),
      Buffer.concat([packet(T.INIT, u32(3)), u32(0)]),
      Buffer.concat([packet(T.INIT, u32(3)), packet(T.STAT, Buffer.from([0, 1]))]),
    ]) {
      const bad = await rawSession(h.port);
      bad.client.writeRaw(bytes);
      await bad.client.closed;
      bad.raw.close();
    }
  });

  it('an unknown request type is OP_UNSUPPORTED and the session goes on', async () => {
    const s = await rawSession(h.port);
    await s.client.init();
    expect((await s.client.status(99, str('whatever'))).code).toBe(STATUS_CODE.OP_UNSUPPORTED);
    await expectHealthy(s.client);
    s.raw.close();
  });
});

describe('read-only sessions', () => {
  let user: SftpHarness;
  let share: SftpHarness;

  beforeAll(async () => {
    [user, share] = await Promise.all([
      startSftpHarness({ readOnly: true }),
      startSftpHarness({ vfsOptions: { readOnly: true } }),
    ]);
    for (const h of [user, share]) {
      await writeFile(path.join(h.root, 'file.txt'), 'original');
      await writeFile(path.join(h.root, 'other.txt'), 'other');
    }
  });
  afterAll(async () => Promise.all([user?.close(), share?.close()]));

  async function expectRefusals(h: SftpHarness) {
    const client = await connectSftp(h.port);
    const s: SFTPWrapper = client.sftp;
    try {
      const denied = async (fn: Parameters<typeof failure>[0]) => {
        const err = await failure(fn);
        expect(err.code).toBe(STATUS_CODE.PERMISSION_DENIED);
      };
      await denied((cb) => s.open('/file.txt', OPEN_MODE.WRITE, cb));
      await denied((cb) => s.open('/new.txt', OPEN_MODE.WRITE | OPEN_MODE.CREAT, cb));
      await denied((cb) => s.open('/file.txt', OPEN_MODE.READ | OPEN_MODE.TRUNC, cb));
      await denied((cb) => s.mkdir('/d', cb));
      await denied((cb) => s.rmdir('/d', cb));
      await denied((cb) => s.unlink('/file.txt', cb));
      await denied((cb) => s.rename('/file.txt', '/moved.txt', cb));
      await denied((cb) => s.setstat('/file.txt', { mode: 0o600 }, cb));
      await denied((cb) => s.ext_openssh_rename('/file.txt', '/other.txt', cb));
      await denied((cb) => s.ext_openssh_hardlink('/file.txt', '/hard.txt', cb));
      await denied((cb) => s.ext_openssh_lsetstat('/file.txt', { mode: 0o600 }, cb));
      // Reading still works, and statvfs says read-only.
      expect((await call<Buffer>((cb) => s.readFile('/file.txt', cb))).toString()).toBe('original');
      const fsInfo = await call<{ f_flag: number }>((cb) => s.ext_openssh_statvfs('/', cb));
      expect(fsInfo.f_flag & 1).toBe(1);
      const handle = await call<Buffer>((cb) => s.open('/file.txt', OPEN_MODE.READ, cb));
      await denied((cb) => s.fsetstat(handle, { mode: 0o600 }, cb));
      await denied((cb) => s.ext_openssh_fsync(handle, cb));
      await call((cb) => s.close(handle, cb));
      const rs = await rawSession(h.port);
      await rs.client.init();
      expect((await rs.client.status(T.SYMLINK, str('file.txt'), str('/link'))).code).toBe(STATUS_CODE.PERMISSION_DENIED);
      rs.raw.close();
      expect((await readdir(h.root)).sort()).toEqual(['file.txt', 'other.txt']);
      expect(await readFile(path.join(h.root, 'file.txt'), 'utf8')).toBe('original');
    } finally {
      client.close();
    }
  }

  it('a read-only user is refused every change', async () => expectRefusals(user));
  it('a read-only share is refused every change', async () => expectRefusals(share));
});

describe('session end and unexpected errors', () => {
  class BrokenStatfs extends MemoryBackend {
    override async statfs(): Promise<StatFs> {
      throw new TypeError("cannot read '/srv/very/secret/local/path'");
    }
  }
  let h: SftpHarness;
  const debug: string[] = [];

  beforeAll(async () => {
    h = await startSftpHarness({ logger: { error() {}, warn() {}, info() {}, debug: (m) => debug.push(m) } });
  });
  afterAll(async () => h?.close());

  it('closes and flushes open handles when the client goes away without CLOSE', async () => {
    const client = await connectSftp(h.port);
    const sessionIndex = h.sessions.length - 1;
    const s = client.sftp;
    const handle = await call<Buffer>((cb) => s.open('/unclosed.bin', OPEN_MODE.WRITE | OPEN_MODE.CREAT, cb));
    const data = Buffer.alloc(100_000, 0x5a);
    await call((cb) => s.write(handle, data, 0, data.length, 0, cb));
    const dirHandle = await call<Buffer>((cb) => s.opendir('/', cb));
    expect(dirHandle.length).toBe(4);
    client.close();
    await h.sessions[sessionIndex]?.done;
    expect((await readFile(path.join(h.root, 'unclosed.bin'))).equals(data)).toBe(true);
    // No descriptor of this process still points at the file.
    const fds = await readdir('/proc/self/fd');
    const targets = await Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
    expect(targets.filter((t) => t.endsWith('unclosed.bin'))).toEqual([]);
  });

  it('close() ends the session and its channel', async () => {
    const s = await rawSession(h.port);
    await s.client.init();
    const session = h.sessions[h.sessions.length - 1];
    await session?.close();
    await session?.done;
    await s.client.closed;
    s.raw.close();
  });

  it('an unexpected error is answered FAILURE "Operation failed" with no detail', async () => {
    const broken = await startSftpHarness({
      backend: new BrokenStatfs(),
      logger: { error() {}, warn() {}, info() {}, debug: (m) => debug.push(m) },
    });
    try {
      const client = await connectSftp(broken.port);
      const err = await failure((cb) => client.sftp.ext_openssh_statvfs('/', cb));
      expect(err.code).toBe(STATUS_CODE.FAILURE);
      expect(err.message).toBe('Operation failed');
      // The real error is kept for the operator at debug level.
      expect(debug.some((m) => m.includes('very/secret'))).toBe(true);
      // The session is still usable.
      expect(await call<string>((cb) => client.sftp.realpath('.', cb))).toBe('/');
      client.close();
    } finally {
      await broken.close();
    }
  });
});
