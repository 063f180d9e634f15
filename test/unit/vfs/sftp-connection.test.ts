// The SFTP backend's connection against a real sshd that is stopped and started again: requests
// while it is down fail as "unreachable" (never as not-found), the next request after it is back
// reconnects, read handles reopen transparently, and the host key is checked (known_hosts, pinning).
// Login failures are reported to the operator with the reason.
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createBackendFromSpec,
  createSftpBackend,
  DEFAULT_VFS_OPTIONS,
  isUnreachable,
  obscure,
  resolveRemoteSpec,
  SftpConnectError,
  Vfs,
} from '../../../src-main/vfs/index.js';
import type { SftpBackend, SftpBackendOptions } from '../../../src-main/vfs/index.js';
import { startSshd } from '../../helpers/sshd.js';
import type { Sshd } from '../../helpers/sshd.js';
import { READ } from '../../vfs-suite/fixtures.js';

let sshd: Sshd;
let root: string;
const backends: SftpBackend[] = [];

beforeAll(async () => {
  sshd = await startSshd();
  root = await mkdtemp(path.join(sshd.dataDir, 'root-'));
  await writeFile(path.join(root, 'file'), 'hello remote');
});
afterAll(async () => {
  await sshd.dispose();
});
afterEach(async () => {
  await Promise.all(backends.splice(0).map((b) => b.close()));
  if (sshd.pid === undefined) await sshd.start();
});

function target(extra: Partial<SftpBackendOptions> = {}): SftpBackendOptions {
  return {
    host: sshd.host,
    port: sshd.port,
    user: sshd.user,
    keyFile: sshd.keyFile,
    root,
    minRetryDelayMs: 20,
    maxRetryDelayMs: 50,
    connectTimeoutMs: 5000,
    ...extra,
  };
}

async function make(extra: Partial<SftpBackendOptions> = {}, connectNow = true): Promise<SftpBackend> {
  const b = await createSftpBackend(target(extra), connectNow);
  backends.push(b);
  return b;
}

/** Retries `op` until it succeeds (the backend's retry delay is short in these tests). */
async function eventually<T>(op: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await op();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

describe('reconnect', () => {
  it('is unreachable (not ENOENT) while the server is down, and works again once it is back', async () => {
    const backend = await make();
    await expect(backend.stat('/missing')).rejects.toMatchObject({ code: 'ENOENT', unreachable: false });
    await sshd.stop();
    const down = await backend.stat('/file').catch((err: unknown) => err);
    expect(isUnreachable(down)).toBe(true);
    expect(down).toMatchObject({ code: 'ECLOSED' });
    // Not-found questions cannot be answered either: still unreachable, never ENOENT.
    const missing = await backend.stat('/missing').catch((err: unknown) => err);
    expect(isUnreachable(missing)).toBe(true);
    expect((down as Error).message).not.toContain(sshd.host);
    await sshd.start();
    expect(await eventually(() => backend.stat('/file'))).toMatchObject({ name: 'file', size: 12 });
  });

  it('a read handle survives the restart (reopened); a write handle reports unreachable', async () => {
    const backend = await make();
    const reader = await backend.open('/file', READ, 0);
    expect((await reader.read(0, 5)).toString()).toBe('hello');
    const writer = await backend.open('/w', { read: false, write: true, create: true, truncate: true, append: false, exclusive: false }, 0o644);
    await writer.write(0, Buffer.from('before'));
    await sshd.stop();
    await sshd.start();
    expect((await eventually(() => reader.read(6, 100))).toString()).toBe('remote');
    const err = await writer.write(6, Buffer.from('after')).catch((e: unknown) => e);
    expect(isUnreachable(err)).toBe(true);
    await writer.close();
    await reader.close();
    // The acknowledged write is on the server.
    expect((await eventually(() => backend.stat('/w'))).size).toBe(6);
  });

  it('through a Vfs: a listing while down is unreachable, and the share works after', async () => {
    const backend = await make({}, false);
    const vfs = new Vfs(backend, { ...DEFAULT_VFS_OPTIONS, dirCacheTimeMs: 0 });
    await sshd.stop();
    const err = await (async () => {
      for await (const _ of vfs.readDir('/')) return undefined;
    })().catch((e: unknown) => e);
    expect(isUnreachable(err)).toBe(true);
    await sshd.start();
    const names = await eventually(async () => {
      const out: string[] = [];
      for await (const batch of vfs.readDir('/')) out.push(...batch.map((e) => e.name));
      return out;
    });
    expect(names).toContain('file');
    await vfs.shutdown();
  });

  it('fails fast while the server stays down, then connects again', async () => {
    const backend = await make({ minRetryDelayMs: 400, maxRetryDelayMs: 400 });
    await sshd.stop();
    await expect(backend.stat('/file')).rejects.toMatchObject({ unreachable: true });
    const started = Date.now();
    await expect(backend.stat('/file')).rejects.toMatchObject({ unreachable: true });
    expect(Date.now() - started).toBeLessThan(200);
    await sshd.start();
    await new Promise((r) => setTimeout(r, 450));
    expect(await backend.stat('/file')).toMatchObject({ type: 'file' });
  });
});

describe('login and host keys', () => {
  it('reports refused connections, bad credentials and a missing root to the operator', async () => {
    await expect(make({ port: 1 })).rejects.toThrow(/connection refused/);
    await expect(make({ keyFile: undefined, password: 'wrong' })).rejects.toThrow(/authentication failed/);
    await expect(make({ root: path.join(root, 'nope') })).rejects.toThrow(/does not exist/);
    await expect(make({ keyFile: path.join(root, 'no-key') })).rejects.toThrow(SftpConnectError);
  });

  it('accepts a host key listed in known_hosts (plain or hashed), refuses others and revoked ones', async () => {
    const [type, blob] = (await sshd.hostPublicKey()).trim().split(/\s+/) as [string, string];
    const name = `[${sshd.host}]:${sshd.port}`;
    const dir = await mkdtemp(path.join(sshd.dataDir, 'kh-'));
    const write = async (file: string, text: string) => {
      await writeFile(path.join(dir, file), text);
      return path.join(dir, file);
    };
    const plain = await write('plain', `# comment\n${name},other.example ${type} ${blob}\n`);
    expect(await (await make({ knownHostsFile: plain })).stat('/')).toMatchObject({ type: 'dir' });

    const salt = randomBytes(20);
    const hash = createHmac('sha1', salt).update(name).digest('base64');
    const hashed = await write('hashed', `|1|${salt.toString('base64')}|${hash} ${type} ${blob}\n`);
    expect(await (await make({ knownHostsFile: hashed })).stat('/')).toMatchObject({ type: 'dir' });

    const otherKey = randomBytes(51).toString('base64');
    const wrong = await write('wrong', `${name} ${type} ${otherKey}\n`);
    await expect(make({ knownHostsFile: wrong })).rejects.toThrow(/does not match known_hosts_file/);
    const unknown = await write('unknown', `other.example ${type} ${blob}\n`);
    await expect(make({ knownHostsFile: unknown })).rejects.toThrow(/not in known_hosts_file/);
    const revoked = await write('revoked', `${name} ${type} ${blob}\n@revoked * ${type} ${blob}\n`);
    await expect(make({ knownHostsFile: revoked })).rejects.toThrow(/revoked/);
  });

  it('without known_hosts, pins the first host key: a changed key after a restart is refused', async () => {
    const backend = await make();
    await sshd.stop();
    await sshd.rotateHostKey();
    await sshd.start();
    await new Promise((r) => setTimeout(r, 60));
    const err = await backend.stat('/file').catch((e: unknown) => e);
    expect(isUnreachable(err)).toBe(true);
    // A new backend (a new decision by the operator) accepts the new key.
    expect(await (await make()).stat('/file')).toMatchObject({ type: 'file' });
  });
});

describe('from a connection string', () => {
  it('serves the remote folder named by :sftp,host=...,key_file=...:path', async () => {
    const text = `:sftp,host=${sshd.host},port=${sshd.port},user=${sshd.user},key_file="${sshd.keyFile}":${root}`;
    const backend = await createBackendFromSpec(resolveRemoteSpec(text));
    const vfs = new Vfs(backend, DEFAULT_VFS_OPTIONS);
    const names: string[] = [];
    for await (const batch of vfs.readDir('/')) names.push(...batch.map((e) => e.name));
    expect(names).toContain('file');
    await vfs.shutdown();
  });

  it('uses the revealed pass= (a wrong one is refused by the server)', async () => {
    const text = `:sftp,host=${sshd.host},port=${sshd.port},user=${sshd.user},pass=${obscure('not-the-password')}:${root}`;
    await expect(createBackendFromSpec(resolveRemoteSpec(text))).rejects.toThrow(/authentication failed/);
    // Without connecting first, the share starts and requests report the remote as unreachable.
    const lazy = await createBackendFromSpec(resolveRemoteSpec(text), { connectNow: false });
    expect(isUnreachable(await lazy.stat('/').catch((e: unknown) => e))).toBe(true);
    await lazy.close();
  });
});
