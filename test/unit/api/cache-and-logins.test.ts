// Two contract channels through the real router and core: `cache:clear` drops a share's clean,
// closed cached files but never one waiting to upload; users carry `lastLogin`, set by a real login,
// saved in the settings file (it survives a restart of the core) and dropped with the user; and
// `dialog:pick-folder` is refused clearly when there is no desktop to show a picker.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CacheInfo, Share, User } from '../../../src-shared/contract/index.js';
import { silentLogger } from '../../../src-shared/logger.js';
import { createApiHandlers, createRouter } from '../../../src-main/api/index.js';
import type { ApiRouter } from '../../../src-main/api/index.js';
import { withSsh2Sftp } from '../../helpers/ssh2-sftp-client.js';
import { openTestCore, removeTempDirs, tempDir } from '../core/core-test-kit.js';
import type { TestCore } from '../core/core-test-kit.js';

const opened: TestCore[] = [];
afterAll(async () => {
  for (const t of opened) await t.core.close();
  await removeTempDirs();
});

async function open(configDir?: string): Promise<{ t: TestCore; call: (channel: string, payload?: unknown) => Promise<unknown> }> {
  const t = await openTestCore(configDir);
  opened.push(t);
  const router: ApiRouter = createRouter(createApiHandlers(t.core, { mode: 'headless', version: 'test' }), silentLogger);
  const call = async (channel: string, payload: unknown = {}) => {
    const answer = await router.invoke(channel, payload);
    if (!answer.ok) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
    return answer.value;
  };
  return { t, call };
}

async function sftpShare(call: (c: string, p?: unknown) => Promise<unknown>, folder: string, vfs: object): Promise<{ id: string; port: number }> {
  const share = (await call('shares:create', {
    name: `Share ${path.basename(folder)}`,
    source: { kind: 'local', path: folder },
    sftp: { enabled: true, port: 0, bind: 'localhost' },
    ftp: { enabled: false, port: 0, bind: 'localhost' },
    readOnly: false,
    vfs,
    authProxy: null,
  })) as Share;
  await call('users:add', { shareId: share.id, name: 'ida', password: 'ida-password-1' });
  const status = (await call('shares:start', { id: share.id, protocol: 'sftp' })) as { state: string; port?: number };
  if (status.state !== 'running' || status.port === undefined) throw new Error(JSON.stringify(status));
  return { id: share.id, port: status.port };
}

const sftp = <T>(port: number, fn: Parameters<typeof withSsh2Sftp<T>>[1]) => withSsh2Sftp({ port, user: 'ida', password: 'ida-password-1' }, fn);

describe('cache:clear', () => {
  it('drops clean closed files and keeps the ones waiting to upload (writes mode)', async () => {
    const { call } = await open();
    const folder = await tempDir('clear-writes');
    // Uploads wait an hour, so a written file stays dirty in the cache for the whole test.
    const { id, port } = await sftpShare(call, folder, { 'vfs-cache-mode': 'writes', 'vfs-write-back': 3_600_000 });
    await sftp(port, (s) => new Promise<void>((resolve, reject) => s.writeFile('/pending.txt', 'not uploaded yet', (err) => (err ? reject(err) : resolve()))));
    const cacheOf = async () => ((await call('stats:get')) as { cache: CacheInfo[] }).cache.find((c) => c.shareId === id)!;
    await expect.poll(async () => (await cacheOf()).files).toBe(1);
    expect(await call('cache:clear', { shareId: id })).toBeNull();
    expect(await cacheOf()).toMatchObject({ files: 1, uploadsPending: 1 });
    // Not uploaded yet (the folder has at most an empty placeholder), yet the client still reads its data.
    expect((await readFile(path.join(folder, 'pending.txt')).catch(() => Buffer.alloc(0))).length).toBe(0);
    const back = await sftp(port, (s) => new Promise<string>((resolve, reject) => s.readFile('/pending.txt', (err, data) => (err ? reject(err) : resolve(data.toString())))));
    expect(back).toBe('not uploaded yet');
    await expect(call('cache:clear', { shareId: '7e1c1b9e-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(call('cache:clear', { shareId: '../x' })).rejects.toMatchObject({ code: 'invalid-payload' });
  });

  it('drops every clean, closed cached file (full mode), and the share still serves them', async () => {
    const { call } = await open();
    const folder = await tempDir('clear-full');
    await writeFile(path.join(folder, 'a.bin'), Buffer.alloc(64 * 1024, 1));
    await writeFile(path.join(folder, 'b.bin'), Buffer.alloc(32 * 1024, 2));
    const { id, port } = await sftpShare(call, folder, { 'vfs-cache-mode': 'full' });
    const readBoth = () =>
      sftp(port, async (s) => {
        const one = (name: string) => new Promise<number>((resolve, reject) => s.readFile(name, (err, data) => (err ? reject(err) : resolve(data.length))));
        return [await one('/a.bin'), await one('/b.bin')];
      });
    expect(await readBoth()).toEqual([64 * 1024, 32 * 1024]);
    const cacheOf = async () => ((await call('stats:get')) as { cache: CacheInfo[] }).cache.find((c) => c.shareId === id)!;
    await expect.poll(async () => (await cacheOf()).files).toBe(2);
    expect((await cacheOf()).bytesUsed).toBeGreaterThan(0);
    expect(await call('cache:clear', { shareId: id })).toBeNull();
    expect(await cacheOf()).toMatchObject({ files: 0, bytesUsed: 0, uploadsPending: 0 });
    expect(await readBoth()).toEqual([64 * 1024, 32 * 1024]);
  });
});

describe('lastLogin', () => {
  it('is null until the user logs in, then the login time, saved across a restart, and gone with the user', async () => {
    const configDir = await tempDir('last-login');
    const first = await open(configDir);
    const folder = await tempDir('last-login-share');
    const { id, port } = await sftpShare(first.call, folder, {});
    await first.call('users:add', { shareId: id, name: 'joe', password: 'joe-password-1' });
    const users = async (call = first.call) => (await call('users:list', { shareId: id })) as User[];
    expect((await users()).map((u) => u.lastLogin)).toEqual([null, null]);

    const before = Date.now();
    await sftp(port, (s) => new Promise<void>((resolve, reject) => s.readdir('/', (err) => (err ? reject(err) : resolve()))));
    const after = Date.now();
    const ida = (await users()).find((u) => u.name === 'ida')!;
    expect(ida.lastLogin).toBeGreaterThanOrEqual(before);
    expect(ida.lastLogin).toBeLessThanOrEqual(after);
    expect((await users()).find((u) => u.name === 'joe')!.lastLogin).toBeNull();

    // A wrong password is not a login.
    await expect(withSsh2Sftp({ port, user: 'joe', password: 'wrong-password' }, async () => undefined)).rejects.toThrow();
    expect((await users()).find((u) => u.name === 'joe')!.lastLogin).toBeNull();

    // Changing the share's settings (a restart) keeps it.
    await first.call('shares:update', { id, patch: { name: 'Renamed share' } });
    expect((await users()).find((u) => u.name === 'ida')!.lastLogin).toBe(ida.lastLogin);

    await first.t.core.close();
    opened.splice(opened.indexOf(first.t), 1);
    const second = await open(configDir);
    expect((await users(second.call)).find((u) => u.name === 'ida')!.lastLogin).toBe(ida.lastLogin);

    await second.call('users:remove', { shareId: id, name: 'ida' });
    await second.call('users:add', { shareId: id, name: 'ida', password: 'ida-password-2' });
    expect((await users(second.call)).find((u) => u.name === 'ida')!.lastLogin).toBeNull();
  });
});

describe('dialog:pick-folder', () => {
  it('answers unavailable without a desktop', async () => {
    const { call } = await open();
    await expect(call('dialog:pick-folder')).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/folder/) });
  });
});
