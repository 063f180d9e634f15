// Live statistics through the real core and real clients: transfers (direction, bytes, size, state,
// speed) fed by the SFTP protocol layer's observer, throughput per second, sessions with disconnect,
// banned addresses with unban, and the feed's rate limit.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ssh2 from 'ssh2';
import type { SFTPWrapper } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stats, Transfer } from '../../../src-shared/contract/index.js';
import { runSftp } from '../../helpers/openssh-client.js';
import { openTestCore, removeTempDirs, tempDir } from './core-test-kit.js';
import type { TestCore } from './core-test-kit.js';

let t: TestCore;
let folder: string;
let shareId = '';
let port = 0;
let password = '';
const clients: ssh2.Client[] = [];

beforeAll(async () => {
  t = await openTestCore();
  folder = await tempDir('live');
  const card = await t.core.quickShareSftp(folder);
  shareId = card.shareId;
  password = card.password ?? '';
  port = card.port;
});

afterAll(async () => {
  for (const c of clients) c.end();
  await t.core.close();
  await removeTempDirs();
});

async function connect(pass = password): Promise<{ client: ssh2.Client; sftp: SFTPWrapper; closed: Promise<void> }> {
  const client = new ssh2.Client();
  clients.push(client);
  const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve());
    client.once('error', reject);
    client.connect({ host: '127.0.0.1', port, username: 'wharf', password: pass, readyTimeout: 10_000 });
  });
  const sftp = await new Promise<SFTPWrapper>((resolve, reject) => client.sftp((err, s) => (err ? reject(err) : resolve(s))));
  return { client, sftp, closed };
}

const call = <T>(fn: (cb: (err: Error | null | undefined, value: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));

function transfers(): Transfer[] {
  return t.core.live.snapshot().transfers.filter((x) => x.shareId === shareId);
}

describe('live statistics', () => {
  it('records an upload and a download by OpenSSH with bytes, size and direction', async () => {
    const local = await tempDir('live-local');
    const data = randomBytes(3 * 1024 * 1024);
    await writeFile(path.join(local, 'big.bin'), data);
    const before = Date.now();
    const run = await runSftp(port, { user: 'wharf', password }, ['put big.bin', 'get big.bin copy.bin'], { cwd: local });
    expect(run.code).toBe(0);
    // Buffer.equals: a deep toEqual over megabytes takes seconds.
    expect((await readFile(path.join(local, 'copy.bin'))).equals(data)).toBe(true);

    const done = transfers().filter((x) => x.file === '/big.bin');
    const up = done.find((x) => x.direction === 'upload');
    const down = done.find((x) => x.direction === 'download');
    expect(up).toMatchObject({ protocol: 'sftp', user: 'wharf', clientIp: '127.0.0.1', bytes: data.length, size: data.length, state: 'done', speed: 0 });
    expect(down).toMatchObject({ bytes: data.length, size: data.length, state: 'done' });
    expect(up?.startedAt).toBeGreaterThanOrEqual(before);
    // History lists the newest first.
    expect(done.indexOf(down as Transfer)).toBeLessThan(done.indexOf(up as Transfer));

    const samples = t.core.live.snapshot().throughput;
    expect(samples).toHaveLength(120);
    expect(samples.reduce((n, s) => n + s.up, 0)).toBeGreaterThanOrEqual(data.length);
    expect(samples.reduce((n, s) => n + s.down, 0)).toBeGreaterThanOrEqual(data.length);
  });

  it('shows a running transfer with its progress, and a dropped session as failed', async () => {
    await writeFile(path.join(folder, 'part.bin'), randomBytes(1024 * 1024));
    const { client, sftp, closed } = await connect();
    const handle = await call<Buffer>((cb) => sftp.open('/part.bin', 'r', cb));
    const buffer = Buffer.alloc(64 * 1024);
    await call<number>((cb) => sftp.read(handle, buffer, 0, buffer.length, 0, (err, n) => cb(err, n)));
    const active = transfers().find((x) => x.state === 'active' && x.file === '/part.bin');
    expect(active).toMatchObject({ direction: 'download', bytes: 64 * 1024, size: 1024 * 1024, endedAt: null });

    const upload = await call<Buffer>((cb) => sftp.open('/upload.bin', 'w', cb));
    await call<void>((cb) => sftp.write(upload, Buffer.alloc(1000, 1), 0, 1000, 0, (err) => cb(err, undefined)));
    expect(transfers().find((x) => x.state === 'active' && x.file === '/upload.bin')).toMatchObject({ direction: 'upload', bytes: 1000, size: null });

    // The client vanishes with both files open: the transfers end as failed, not done.
    client.end();
    await closed;
    await expect.poll(() => transfers().filter((x) => x.state === 'active').length).toBe(0);
    expect(transfers().find((x) => x.file === '/upload.bin')).toMatchObject({ state: 'failed', bytes: 1000, size: null });
    expect(transfers().find((x) => x.file === '/part.bin')).toMatchObject({ state: 'failed', bytes: 64 * 1024 });
  });

  it('pushes stats at most four times a second while data moves', async () => {
    const { sftp, client } = await connect();
    const received: Stats[] = [];
    const off = t.core.live.feed.subscribe((s) => received.push(s));
    const handle = await call<Buffer>((cb) => sftp.open('/stream.bin', 'w', cb));
    const started = Date.now();
    let offset = 0;
    while (Date.now() - started < 2000) {
      await call<void>((cb) => sftp.write(handle, Buffer.alloc(4096, 2), 0, 4096, offset, (err) => cb(err, undefined)));
      offset += 4096;
      await new Promise((r) => setTimeout(r, 10));
    }
    const elapsed = Date.now() - started;
    off();
    await call<void>((cb) => sftp.close(handle, (err) => cb(err, undefined)));
    client.end();
    expect(received.length).toBeGreaterThanOrEqual(4);
    expect(received.length).toBeLessThanOrEqual(Math.ceil((elapsed / 1000) * 4) + 1);
    for (let i = 1; i < received.length; i++) {
      expect((received[i]?.at ?? 0) - (received[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(200);
    }
    const live = received.at(-1)?.transfers.find((x) => x.file === '/stream.bin');
    expect(live?.state).toBe('active');
    expect(live?.speed).toBeGreaterThan(0);
  });

  it('lists sessions and disconnects one', async () => {
    const { closed } = await connect();
    const sessions = t.core.live.sessions().filter((s) => s.shareId === shareId);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ protocol: 'sftp', user: 'wharf', clientIp: '127.0.0.1' });
    expect(t.core.live.disconnect(shareId, sessions[0]?.id ?? '')).toBe(true);
    await closed;
    await expect.poll(() => t.core.live.sessions().length).toBe(0);
    expect(t.core.live.disconnect(shareId, 'gone')).toBe(false);
  });

  it('bans an address after repeated failed logins and lifts the ban on request', async () => {
    const attempts = Array.from({ length: 10 }, () => connect('wrong-password').then(() => 'in', () => 'refused'));
    expect(await Promise.all(attempts)).toEqual(Array(10).fill('refused'));
    const bans = t.core.live.bans();
    expect(bans).toEqual([{ shareId, ip: '127.0.0.1', since: expect.any(Number), until: expect.any(Number) }]);
    // Even the right password is refused while banned.
    await expect(connect()).rejects.toThrow();
    expect(t.core.live.lift(shareId, '127.0.0.1')).toBe(true);
    const { client } = await connect();
    client.end();
    expect(t.core.live.bans()).toEqual([]);
  });

  it('reports cache use per share', () => {
    expect(t.core.live.cache()).toEqual([{ shareId, mode: 'off', bytesUsed: null, limit: null, files: 0, uploadsPending: 0 }]);
  });
});
