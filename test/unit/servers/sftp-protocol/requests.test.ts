// Every SFTP v3 request through ssh2's real client against the real server and a temp folder.
import { lstat as fsLstat, mkdir as fsMkdir, readFile, readlink as fsReadlink, stat as fsStat, symlink as fsSymlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileEntryWithStats, SFTPWrapper, Stats } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRawSftp, connectSftp, startSftpHarness } from '../../../helpers/sftp-harness.js';
import type { SftpHarness, SftpTestClient } from '../../../helpers/sftp-harness.js';
import { call, failure, OPEN_MODE, STATUS_CODE } from './call.js';
import { RawSftpClient, str, T } from './raw-sftp-client.js';

let h: SftpHarness;
let c: SftpTestClient;
let sftp: SFTPWrapper;

beforeAll(async () => {
  h = await startSftpHarness();
  c = await connectSftp(h.port);
  sftp = c.sftp;
});

afterAll(async () => {
  c?.close();
  await h?.close();
});

const local = (p: string) => path.join(h.root, p);
const open = (p: string, flags: number, mode?: number) =>
  call<Buffer>((cb) => (mode === undefined ? sftp.open(p, flags, cb) : sftp.open(p, flags, { mode }, cb)));
const close = (handle: Buffer) => call((cb) => sftp.close(handle, cb));
const write = (handle: Buffer, data: string | Buffer, position: number) => {
  const buf = Buffer.from(data);
  return call((cb) => sftp.write(handle, buf, 0, buf.length, position, cb));
};

describe('OPEN flags', () => {
  it('CREAT|EXCL fails on an existing file and creates a new one', async () => {
    await writeFile(local('excl.txt'), 'old');
    const err = await failure((cb) => sftp.open('/excl.txt', OPEN_MODE.WRITE | OPEN_MODE.CREAT | OPEN_MODE.EXCL, cb));
    expect(err.code).toBe(STATUS_CODE.FAILURE);
    expect(err.message).toBe('File exists');
    expect(await readFile(local('excl.txt'), 'utf8')).toBe('old');
    await close(await open('/excl-new.txt', OPEN_MODE.WRITE | OPEN_MODE.CREAT | OPEN_MODE.EXCL));
    expect((await fsStat(local('excl-new.txt'))).size).toBe(0);
  });

  it('a write open without TRUNC keeps existing data (resume)', async () => {
    await writeFile(local('keep.txt'), '0123456789');
    const handle = await open('/keep.txt', OPEN_MODE.WRITE);
    await write(handle, 'AB', 2);
    await close(handle);
    expect(await readFile(local('keep.txt'), 'utf8')).toBe('01AB456789');
  });

  it('TRUNC empties the file; a zero-length overwrite truncates', async () => {
    await writeFile(local('trunc.txt'), '0123456789');
    await close(await open('/trunc.txt', OPEN_MODE.WRITE | OPEN_MODE.CREAT | OPEN_MODE.TRUNC));
    expect(await readFile(local('trunc.txt'), 'utf8')).toBe('');
  });

  it('APPEND writes at the end whatever offset the client names', async () => {
    await writeFile(local('append.txt'), 'start-');
    const handle = await open('/append.txt', OPEN_MODE.WRITE | OPEN_MODE.APPEND);
    await write(handle, 'one-', 0);
    await write(handle, 'two', 0);
    await close(handle);
    expect(await readFile(local('append.txt'), 'utf8')).toBe('start-one-two');
  });

  it("uses the attrs' permissions as the create mode", async () => {
    await close(await open('/private.txt', OPEN_MODE.WRITE | OPEN_MODE.CREAT, 0o600));
    expect((await fsStat(local('private.txt'))).mode & 0o777).toBe(0o600);
  });

  it('reading a missing file is NO_SUCH_FILE without a local path in the message', async () => {
    const err = await failure((cb) => sftp.open('/missing/nope.txt', 'r', cb));
    expect(err.code).toBe(STATUS_CODE.NO_SUCH_FILE);
    expect(err.message).not.toContain(h.root);
  });

  it('a path with a NUL is refused with a clear message', async () => {
    const err = await failure((cb) => sftp.open('/a\0b', 'r', cb));
    expect(err.code).toBe(STATUS_CODE.FAILURE);
    expect(err.message).toBe('Path contains a NUL character');
  });
});

describe('READ and WRITE', () => {
  it('round-trips a 3 MiB file with pipelined requests (fastPut / fastGet)', async () => {
    const data = Buffer.alloc(3 * 1024 * 1024 + 12344);
    for (let i = 0; i < data.length; i += 4) data.writeUInt32LE(i, i);
    await writeFile(local('src.bin'), data);
    await call((cb) => sftp.fastPut(local('src.bin'), '/up.bin', { concurrency: 64 }, cb));
    expect((await readFile(local('up.bin'))).equals(data)).toBe(true);
    await call((cb) => sftp.fastGet('/up.bin', local('down.bin'), { concurrency: 64 }, cb));
    expect((await readFile(local('down.bin'))).equals(data)).toBe(true);
  });

  it('reads at an offset and stops at end of file', async () => {
    await writeFile(local('read.txt'), 'abcdefghij');
    const handle = await open('/read.txt', OPEN_MODE.READ);
    const buf = Buffer.alloc(100);
    const n = await new Promise<number>((resolve, reject) =>
      sftp.read(handle, buf, 0, 100, 3, (err, bytes) => (err ? reject(err) : resolve(bytes))),
    );
    expect(buf.subarray(0, n).toString()).toBe('defghij');
    await close(handle);
  });

  it('writing on a read handle fails and keeps the session alive', async () => {
    await writeFile(local('ro-handle.txt'), 'x');
    const handle = await open('/ro-handle.txt', OPEN_MODE.READ);
    const err = await failure((cb) => sftp.write(handle, Buffer.from('y'), 0, 1, 0, cb));
    expect(err.code).toBe(STATUS_CODE.FAILURE);
    await close(handle);
    expect(await readFile(local('ro-handle.txt'), 'utf8')).toBe('x');
  });

  it('a closed handle is refused', async () => {
    await writeFile(local('closed.txt'), 'x');
    const handle = await open('/closed.txt', OPEN_MODE.READ);
    await close(handle);
    const err = await failure((cb) => sftp.close(handle, cb));
    expect(err.code).toBe(STATUS_CODE.FAILURE);
    expect(err.message).toBe('Invalid handle');
  });
});

describe('STAT family and SETSTAT', () => {
  it('STAT follows links, LSTAT does not, FSTAT reads the open file', async () => {
    await writeFile(local('target.txt'), '12345');
    await fsSymlink('target.txt', local('link.txt'));
    const followed = await call<Stats>((cb) => sftp.stat('/link.txt', cb));
    const own = await call<Stats>((cb) => sftp.lstat('/link.txt', cb));
    expect(followed.isFile()).toBe(true);
    expect(followed.size).toBe(5);
    expect(own.isSymbolicLink()).toBe(true);
    const handle = await open('/target.txt', OPEN_MODE.READ);
    const fst = await call<Stats>((cb) => sftp.fstat(handle, cb));
    expect(fst.size).toBe(5);
    expect(fst.mtime).toBe(Math.floor((await fsStat(local('target.txt'))).mtimeMs / 1000));
    await close(handle);
  });

  it('SETSTAT truncates, sets times, permissions and owner', async () => {
    await writeFile(local('attrs.txt'), '0123456789');
    const me = await fsStat(local('attrs.txt'));
    await call((cb) => sftp.setstat('/attrs.txt', { size: 4, mode: 0o640, atime: 1_000_000, mtime: 1_500_000_000, uid: me.uid, gid: me.gid }, cb));
    const after = await fsStat(local('attrs.txt'));
    expect(after.size).toBe(4);
    expect(after.mode & 0o777).toBe(0o640);
    expect(Math.floor(after.mtimeMs / 1000)).toBe(1_500_000_000);
    expect(Math.floor(after.atimeMs / 1000)).toBe(1_000_000);
  });

  it('FSETSTAT acts on the open handle', async () => {
    await writeFile(local('fattrs.txt'), '0123456789');
    const handle = await open('/fattrs.txt', OPEN_MODE.WRITE);
    await call((cb) => sftp.fsetstat(handle, { size: 2, mtime: 1_400_000_000, atime: 1_400_000_000 }, cb));
    await close(handle);
    const after = await fsStat(local('fattrs.txt'));
    expect(after.size).toBe(2);
    expect(Math.floor(after.mtimeMs / 1000)).toBe(1_400_000_000);
  });

  it('STAT of a missing path is NO_SUCH_FILE', async () => {
    const err = await failure((cb) => sftp.stat('/nothing-here', cb));
    expect(err.code).toBe(STATUS_CODE.NO_SUCH_FILE);
  });
});

describe('directories', () => {
  it('MKDIR with a mode, READDIR with ls -l longnames, RMDIR', async () => {
    await call((cb) => sftp.mkdir('/dir', { mode: 0o750 }, cb));
    expect((await fsStat(local('dir'))).mode & 0o777).toBe(0o750);
    await writeFile(local('dir/one.txt'), 'abc');
    await fsMkdir(local('dir/sub'));
    const list = await call<FileEntryWithStats[]>((cb) => sftp.readdir('/dir', cb));
    const byName = new Map(list.map((e) => [e.filename, e]));
    expect([...byName.keys()].sort()).toEqual(['one.txt', 'sub']);
    expect(byName.get('one.txt')?.longname).toMatch(/^-rw.r..r.. +1 \S+ +\S+ +3 \w{3} [ \d]\d [ \d]\d:\d\d one\.txt$/);
    expect(byName.get('sub')?.longname).toMatch(/^d/);
    expect(byName.get('sub')?.attrs.isDirectory()).toBe(true);
    const notEmpty = await failure((cb) => sftp.rmdir('/dir', cb));
    expect(notEmpty.code).toBe(STATUS_CODE.FAILURE);
    expect(notEmpty.message).toBe('Directory not empty');
    await call((cb) => sftp.rmdir('/dir/sub', cb));
    await expect(fsStat(local('dir/sub'))).rejects.toThrow();
  });

  it('OPENDIR of a missing folder or a file fails at open', async () => {
    expect((await failure((cb) => sftp.opendir('/no-such-dir', cb))).code).toBe(STATUS_CODE.NO_SUCH_FILE);
    await writeFile(local('plain.txt'), '');
    expect((await failure((cb) => sftp.opendir('/plain.txt', cb))).code).toBe(STATUS_CODE.FAILURE);
  });

  it('REMOVE deletes files and refuses folders', async () => {
    await writeFile(local('gone.txt'), 'x');
    await call((cb) => sftp.unlink('/gone.txt', cb));
    await expect(fsStat(local('gone.txt'))).rejects.toThrow();
    await fsMkdir(local('keepdir'));
    expect((await failure((cb) => sftp.unlink('/keepdir', cb))).code).toBe(STATUS_CODE.FAILURE);
  });
});

describe('REALPATH, RENAME, READLINK, SYMLINK', () => {
  it('REALPATH canonicalises lexically against the root and does not need the path to exist', async () => {
    const real = (p: string) => call<string>((cb) => sftp.realpath(p, cb));
    expect(await real('.')).toBe('/');
    expect(await real('')).toBe('/');
    expect(await real('a/b/../c')).toBe('/a/c');
    expect(await real('/../../x/./y/')).toBe('/x/y');
    expect(await real('\\win\\path')).toBe('/win/path');
  });

  it('plain RENAME fails when the target exists and renames otherwise', async () => {
    await writeFile(local('r-src.txt'), 'src');
    await writeFile(local('r-dst.txt'), 'dst');
    const err = await failure((cb) => sftp.rename('/r-src.txt', '/r-dst.txt', cb));
    expect(err.code).toBe(STATUS_CODE.FAILURE);
    expect(await readFile(local('r-dst.txt'), 'utf8')).toBe('dst');
    await call((cb) => sftp.rename('/r-src.txt', '/r-new.txt', cb));
    expect(await readFile(local('r-new.txt'), 'utf8')).toBe('src');
  });

  it('SYMLINK takes target then link path (OpenSSH order); READLINK answers in client paths', async () => {
    const raw = await connectRawSftp(h.port);
    try {
      const client = new RawSftpClient(raw.channel);
      await client.init();
      await writeFile(local('real.txt'), 'r');
      await fsMkdir(local('links'));
      expect((await client.status(T.SYMLINK, str('../real.txt'), str('/links/rel'))).code).toBe(0);
      expect((await client.status(T.SYMLINK, str('/real.txt'), str('/links/abs'))).code).toBe(0);
      expect((await fsLstat(local('links/rel'))).isSymbolicLink()).toBe(true);
      expect(await readFile(local('links/abs'), 'utf8')).toBe('r');
      // Stored relative on disk: no local path is ever written into the share.
      expect(path.isAbsolute(await fsReadlink(local('links/abs')))).toBe(false);
      expect(await client.name(T.READLINK, str('/links/rel'))).toBe('../real.txt');
      // The backend stores every link relative, so an absolute target reads back relative.
      expect(await client.name(T.READLINK, str('/links/abs'))).toBe('../real.txt');
      // A link made on disk with an absolute local target reads back as a share path.
      await fsSymlink(local('real.txt'), local('links/local-abs'));
      expect(await client.name(T.READLINK, str('/links/local-abs'))).toBe('/real.txt');
      const escape = await client.status(T.SYMLINK, str('../../etc/passwd'), str('/links/bad'));
      expect(escape.code).toBe(3);
      expect(escape.message).not.toContain(h.root);
      const err = await client.status(T.READLINK, str('/real.txt'));
      expect(err.code).toBe(4);
    } finally {
      raw.close();
    }
  });
});

describe('a user rooted in a sub-folder of the share', () => {
  let sub: SftpHarness;
  beforeAll(async () => {
    sub = await startSftpHarness({ userRoot: '/home/tester' });
    await fsMkdir(path.join(sub.root, 'home/tester'), { recursive: true });
    await writeFile(path.join(sub.root, 'secret.txt'), 'not yours');
  });
  afterAll(async () => sub?.close());

  it('sees its folder as "/" and cannot climb out of it', async () => {
    const client = await connectSftp(sub.port);
    try {
      const s = client.sftp;
      expect(await call<string>((cb) => s.realpath('..', cb))).toBe('/');
      await call((cb) => s.writeFile('/mine.txt', 'mine', cb));
      expect(await readFile(path.join(sub.root, 'home/tester/mine.txt'), 'utf8')).toBe('mine');
      expect((await failure((cb) => s.stat('/../secret.txt', cb))).code).toBe(STATUS_CODE.NO_SUCH_FILE);
      const raw = await connectRawSftp(sub.port);
      const rc = new RawSftpClient(raw.channel);
      await rc.init();
      // A relative link may not climb above the user's root even while it stays inside the share.
      expect((await rc.status(T.SYMLINK, str('../secret.txt'), str('/up'))).code).toBe(3);
      expect((await rc.status(T.SYMLINK, str('mine.txt'), str('/ok'))).code).toBe(0);
      expect(await rc.name(T.READLINK, str('/ok'))).toBe('mine.txt');
      // A link (made on disk) to elsewhere in the share is not shown to this user.
      await fsSymlink(path.join(sub.root, 'secret.txt'), path.join(sub.root, 'home/tester/peek'));
      const peek = await rc.status(T.READLINK, str('/peek'));
      expect(peek.code).toBe(3);
      expect(peek.message).not.toContain(sub.root);
      raw.close();
    } finally {
      client.close();
    }
  });
});
