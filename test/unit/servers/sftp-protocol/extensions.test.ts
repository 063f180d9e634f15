// The advertised extensions, each proven to work (ssh2's client where it implements them correctly,
// hand-written packets otherwise), plus refusal of unknown extended requests.
import { lstat as fsLstat, readFile, stat as fsStat, symlink as fsSymlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRawSftp, connectSftp, startSftpHarness } from '../../../helpers/sftp-harness.js';
import type { SftpHarness, SftpTestClient } from '../../../helpers/sftp-harness.js';
import { call, failure, OPEN_MODE, STATUS_CODE } from './call.js';
import type { Ssh2Extras } from './call.js';
import { Cursor, RawSftpClient, str, T, u32 } from './raw-sftp-client.js';

let h: SftpHarness;
let c: SftpTestClient;
let sftp: SFTPWrapper;
let raw: Awaited<ReturnType<typeof connectRawSftp>>;
let rc: RawSftpClient;
let advertised: Map<string, string>;

beforeAll(async () => {
  h = await startSftpHarness();
  c = await connectSftp(h.port);
  sftp = c.sftp;
  raw = await connectRawSftp(h.port);
  rc = new RawSftpClient(raw.channel);
  advertised = await rc.init();
});

afterAll(async () => {
  c?.close();
  raw?.close();
  await h?.close();
});

const local = (p: string) => path.join(h.root, p);
const open = (p: string, flags: number) => call<Buffer>((cb) => sftp.open(p, flags, cb));
const close = (handle: Buffer) => call((cb) => sftp.close(handle, cb));

interface StatVfs {
  f_bsize: number;
  f_blocks: number;
  f_bavail: number;
  f_flag: number;
  f_namemax: number;
}

it('VERSION advertises v3 and the same extensions, with the same versions, as OpenSSH', () => {
  expect([...advertised]).toEqual([
    ['posix-rename@openssh.com', '1'],
    ['statvfs@openssh.com', '2'],
    ['fstatvfs@openssh.com', '2'],
    ['hardlink@openssh.com', '1'],
    ['fsync@openssh.com', '1'],
    ['lsetstat@openssh.com', '1'],
    ['limits@openssh.com', '1'],
    ['expand-path@openssh.com', '1'],
    ['copy-data', '1'],
    ['home-directory', '1'],
    ['users-groups-by-id@openssh.com', '1'],
  ]);
});

it('unknown extended requests are OP_UNSUPPORTED and the session goes on', async () => {
  const st = await rc.status(T.EXTENDED, str('nonsense@example.com'), str('payload'));
  expect(st.code).toBe(8);
  expect(await rc.name(T.REALPATH, str('.'))).toBe('/');
  // Names that exist on a plain JS object must not dispatch anywhere either.
  expect((await rc.status(T.EXTENDED, str('__proto__'))).code).toBe(8);
  expect((await rc.status(T.EXTENDED, str('constructor'))).code).toBe(8);
});

describe('path extensions', () => {
  it('posix-rename@openssh.com replaces an existing target', async () => {
    await writeFile(local('pr-src.txt'), 'new');
    await writeFile(local('pr-dst.txt'), 'old');
    await call((cb) => sftp.ext_openssh_rename('/pr-src.txt', '/pr-dst.txt', cb));
    expect(await readFile(local('pr-dst.txt'), 'utf8')).toBe('new');
    await expect(fsStat(local('pr-src.txt'))).rejects.toThrow();
  });

  it('hardlink@openssh.com links the same inode', async () => {
    await writeFile(local('hl-src.txt'), 'data');
    await call((cb) => sftp.ext_openssh_hardlink('/hl-src.txt', '/hl-link.txt', cb));
    const [a, b] = await Promise.all([fsStat(local('hl-src.txt')), fsStat(local('hl-link.txt'))]);
    expect(b.ino).toBe(a.ino);
    expect(a.nlink).toBe(2);
  });

  it('statvfs@openssh.com reports the file system, not read-only', async () => {
    const info = await call<StatVfs>((cb) => sftp.ext_openssh_statvfs('/', cb));
    expect(info.f_bsize).toBeGreaterThan(0);
    expect(info.f_blocks).toBeGreaterThan(0);
    expect(info.f_namemax).toBe(255);
    expect(info.f_flag & 1).toBe(0);
    expect((await failure((cb) => sftp.ext_openssh_statvfs('/missing', cb))).code).toBe(STATUS_CODE.NO_SUCH_FILE);
  });

  it('lsetstat@openssh.com changes the link itself and refuses a size', async () => {
    await writeFile(local('ls-target.txt'), 'x');
    await fsSymlink('ls-target.txt', local('ls-link'));
    const before = await fsStat(local('ls-target.txt'));
    await call((cb) => sftp.ext_openssh_lsetstat('/ls-link', { atime: 1_200_000_000, mtime: 1_200_000_000 }, cb));
    expect(Math.floor((await fsLstat(local('ls-link'))).mtimeMs / 1000)).toBe(1_200_000_000);
    expect((await fsStat(local('ls-target.txt'))).mtimeMs).toBe(before.mtimeMs);
    const err = await failure((cb) => sftp.ext_openssh_lsetstat('/ls-link', { size: 0 }, cb));
    expect(err.code).toBe(STATUS_CODE.BAD_MESSAGE);
  });

  it('expand-path@openssh.com expands ~ to the home "/" and canonicalises', async () => {
    // ssh2 1.17's ext_openssh_expandPath writes the path at the wrong offset, so packets are built by hand.
    const expand = (p: string) => rc.name(T.EXTENDED, str('expand-path@openssh.com'), str(p));
    expect(await expand('~')).toBe('/');
    expect(await expand('~/')).toBe('/');
    expect(await expand('~/docs/../x')).toBe('/x');
    expect(await expand('~tester/y')).toBe('/y');
    expect(await expand('')).toBe('/');
    expect(await expand('rel/a')).toBe('/rel/a');
    const other = await rc.status(T.EXTENDED, str('expand-path@openssh.com'), str('~root/x'));
    expect(other.code).toBe(STATUS_CODE.NO_SUCH_FILE);
  });

  it('home-directory answers "/" for the logged-in user only', async () => {
    const ext = sftp as unknown as Ssh2Extras;
    expect(await call<string>((cb) => ext.ext_home_dir('tester', cb))).toBe('/');
    expect((await failure((cb) => ext.ext_home_dir('root', cb))).code).toBe(STATUS_CODE.FAILURE);
  });
});

describe('handle extensions', () => {
  it('fstatvfs@openssh.com and fsync@openssh.com work on an open file', async () => {
    const handle = await open('/fs.txt', OPEN_MODE.WRITE | OPEN_MODE.CREAT);
    const info = await call<StatVfs>((cb) => sftp.ext_openssh_fstatvfs(handle, cb));
    expect(info.f_namemax).toBe(255);
    await call((cb) => sftp.write(handle, Buffer.from('synced'), 0, 6, 0, cb));
    await call((cb) => sftp.ext_openssh_fsync(handle, cb));
    expect(await readFile(local('fs.txt'), 'utf8')).toBe('synced');
    await close(handle);
    expect((await failure((cb) => sftp.ext_openssh_fsync(handle, cb))).code).toBe(STATUS_CODE.FAILURE);
  });

  it('copy-data copies to end of file (length 0) and a given range', async () => {
    const data = Buffer.alloc(700_000);
    for (let i = 0; i < data.length; i++) data[i] = i % 251;
    await writeFile(local('cd-src.bin'), data);
    const src = await open('/cd-src.bin', OPEN_MODE.READ);
    const dst = await open('/cd-dst.bin', OPEN_MODE.WRITE | OPEN_MODE.CREAT | OPEN_MODE.TRUNC);
    await call((cb) => sftp.ext_copy_data(src, 0, 0, dst, 0, cb));
    expect((await readFile(local('cd-dst.bin'))).equals(data)).toBe(true);
    const part = await open('/cd-part.bin', OPEN_MODE.WRITE | OPEN_MODE.CREAT);
    await call((cb) => sftp.ext_copy_data(src, 1000, 5000, part, 10, cb));
    const got = await readFile(local('cd-part.bin'));
    expect(got.length).toBe(5010);
    expect(got.subarray(10).equals(data.subarray(1000, 6000))).toBe(true);
    // A fixed length past the end copies what exists, then answers EOF.
    const eof = await failure((cb) => sftp.ext_copy_data(src, data.length - 10, 100, part, 0, cb));
    expect(eof.code).toBe(STATUS_CODE.EOF);
    // Copying a file onto itself is refused.
    const same = await failure((cb) => sftp.ext_copy_data(src, 0, 0, src, 0, cb));
    expect(same.code).toBe(STATUS_CODE.FAILURE);
    await Promise.all([close(src), close(dst), close(part)]);
  });
});

describe('information extensions', () => {
  it('limits@openssh.com matches OpenSSH and ssh2 adopts it', async () => {
    const r = await rc.request(T.EXTENDED, str('limits@openssh.com'));
    expect(r.type).toBe(T.EXTENDED_REPLY);
    const cur = new Cursor(r.body);
    expect([cur.u64(), cur.u64(), cur.u64(), cur.u64()]).toEqual([262_144, 261_120, 261_120, 256]);
    expect((sftp as unknown as { maxOpenHandles: number }).maxOpenHandles).toBe(256);
  });

  it('users-groups-by-id@openssh.com names only our own user and group', async () => {
    // Wire format as OpenSSH's sftp-server and client use it: each list is one string holding
    // strings. ssh2 1.17's client reads the first word as a count instead, so it is checked by hand.
    const me = os.userInfo();
    const ids = (...n: number[]) => str(Buffer.concat(n.map((x) => u32(x))));
    const r = await rc.request(T.EXTENDED, str('users-groups-by-id@openssh.com'), ids(me.uid, 424_242), ids(me.gid, 424_242));
    expect(r.type).toBe(T.EXTENDED_REPLY);
    const outer = new Cursor(r.body);
    const list = (blob: Buffer) => {
      const cur = new Cursor(blob);
      const out: string[] = [];
      while (cur.remaining > 0) out.push(cur.string());
      return out;
    };
    const users = list(outer.bytes());
    const groups = list(outer.bytes());
    expect(outer.remaining).toBe(0);
    expect(users).toEqual([me.username, '']);
    expect(groups).toHaveLength(2);
    expect(groups[1]).toBe('');
    const groupFile = await readFile('/etc/group', 'utf8').catch(() => '');
    const ownGroup = groupFile.split('\n').find((l) => l.split(':')[2] === String(me.gid))?.split(':')[0];
    if (ownGroup) expect(groups[0]).toBe(ownGroup);
  });

  it('a users-groups-by-id list that is not whole uint32s ends the session', async () => {
    const bad = await connectRawSftp(h.port);
    const client = new RawSftpClient(bad.channel);
    await client.init();
    const st = await client.status(T.EXTENDED, str('users-groups-by-id@openssh.com'), str(Buffer.from([1, 2, 3])), u32(0));
    expect(st.code).toBe(STATUS_CODE.BAD_MESSAGE);
    await client.closed;
    bad.close();
  });
});
