// Shares through the real core with real servers and clients: the states a server goes through
// (error until someone can log in, running on its port, "port N is in use", stopped), restarts on
// change, read-only taking effect, FTP alongside SFTP, and removal closing everything.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerStatus } from '../../../src-shared/contract/index.js';
import { withSsh2Sftp } from '../../helpers/ssh2-sftp-client.js';
import { openTestCore, removeTempDirs, tempDir } from './core-test-kit.js';
import type { TestCore } from './core-test-kit.js';

let t: TestCore;
let folder: string;
const blockers: net.Server[] = [];

beforeAll(async () => {
  t = await openTestCore();
  folder = await tempDir('lifecycle');
  await writeFile(path.join(folder, 'a.txt'), 'alpha\n');
});

afterAll(async () => {
  await t.core.close();
  await Promise.all(blockers.map((b) => new Promise((r) => b.close(r))));
  await removeTempDirs();
});

function running(status: ServerStatus): number {
  if (status.state !== 'running') throw new Error(`not running: ${JSON.stringify(status)}`);
  return status.port;
}

function portClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

function list(port: number, password: string, user = 'ann'): Promise<string[]> {
  return withSsh2Sftp({ port, user, password }, (sftp) =>
    new Promise((resolve, reject) => sftp.readdir('/', (err, entries) => (err ? reject(err) : resolve(entries.map((e) => e.filename).sort())))),
  );
}

function upload(port: number, password: string, name: string): Promise<void> {
  return withSsh2Sftp({ port, user: 'ann', password }, (sftp) =>
    new Promise((resolve, reject) => sftp.writeFile(`/${name}`, 'new data', (err) => (err ? reject(err) : resolve()))),
  );
}

async function busyPort(): Promise<number> {
  const blocker = net.createServer();
  blockers.push(blocker);
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
  return (blocker.address() as net.AddressInfo).port;
}

describe('share lifecycle', () => {
  let id = '';
  const password = 'ann-password-123';

  it('waits for a user before its server can run, then starts by itself', async () => {
    const share = await t.core.shares.create({
      name: 'Team',
      source: { kind: 'local', path: folder },
      sftp: { enabled: true, port: 0, bind: 'localhost' },
      ftp: { enabled: false, port: 0, bind: 'localhost' },
      readOnly: false,
      vfs: {},
      authProxy: null,
    });
    id = share.id;
    expect(share.status.sftp).toEqual({ state: 'error', reason: expect.stringMatching(/add a user/) });
    const { user, password: shown } = await t.core.users.add(id, { name: 'ann', password, generatePassword: false, root: '/', readOnly: false });
    expect(user).toMatchObject({ name: 'ann', hasPassword: true, enabled: true });
    expect(shown).toBeNull();
    const port = running(t.core.shares.get(id).status.sftp);
    expect(await list(port, password)).toEqual(['a.txt']);
    await expect(list(port, 'wrong-password')).rejects.toThrow();
  });

  it('says which port is in use, and recovers when the port changes', async () => {
    const before = running(t.core.shares.get(id).status.sftp);
    const taken = await busyPort();
    const share = await t.core.shares.update(id, { sftp: { port: taken } });
    expect(share.status.sftp).toEqual({ state: 'error', reason: expect.stringMatching(new RegExp(`^port ${taken} is in use`)) });
    expect(await portClosed(before)).toBe(true);
    const fixed = await t.core.shares.update(id, { sftp: { port: 0 } });
    expect(await list(running(fixed.status.sftp), password)).toEqual(['a.txt']);
  });

  it('restarts with a read-only VFS when made read-only', async () => {
    let port = running(t.core.shares.get(id).status.sftp);
    await upload(port, password, 'b.txt');
    expect(await readFile(path.join(folder, 'b.txt'), 'utf8')).toBe('new data');
    const share = await t.core.shares.update(id, { readOnly: true });
    port = running(share.status.sftp);
    await expect(upload(port, password, 'c.txt')).rejects.toThrow();
    expect(await list(port, password)).toEqual(['a.txt', 'b.txt']);
    await t.core.shares.update(id, { readOnly: false });
  });

  it('stops (closing the port), remembers it, and starts again', async () => {
    const port = running(t.core.shares.get(id).status.sftp);
    expect(await t.core.shares.stop(id, 'sftp')).toEqual({ state: 'stopped' });
    expect(await portClosed(port)).toBe(true);
    expect(t.core.shares.get(id).sftp.enabled).toBe(false);
    const saved = JSON.parse(await readFile(t.settingsFile, 'utf8')) as { shares: { id: string; sftp: { enabled: boolean } }[] };
    expect(saved.shares.find((s) => s.id === id)?.sftp.enabled).toBe(false);
    const again = await t.core.shares.start(id, 'sftp');
    expect(await list(running(again), password)).toEqual(['a.txt', 'b.txt']);
  });

  it('serves the same folder and users over FTP', async () => {
    const status = await t.core.shares.start(id, 'ftp');
    const port = running(status);
    const { stdout } = await promisify(execFile)('curl', ['-s', '--max-time', '10', `ftp://ann:${password}@127.0.0.1:${port}/`]);
    expect(stdout).toMatch(/a\.txt/);
    expect(t.core.shares.get(id).status.sftp.state).toBe('running');
    await t.core.shares.stop(id, 'ftp');
    expect(await portClosed(port)).toBe(true);
    // SFTP is unaffected by FTP stopping (the shared VFS stays up while one server runs).
    expect(await list(running(t.core.shares.get(id).status.sftp), password)).toEqual(['a.txt', 'b.txt']);
  });

  it('refuses a second share with the same name and unknown ids', async () => {
    await expect(
      t.core.shares.create({
        name: 'team',
        source: { kind: 'local', path: folder },
        sftp: { enabled: false, port: 0, bind: 'localhost' },
        ftp: { enabled: false, port: 0, bind: 'localhost' },
        readOnly: false,
        vfs: {},
        authProxy: null,
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(() => t.core.shares.get('nope')).toThrow(/no such share/);
    await expect(t.core.shares.update(id, { vfs: { transfers: 0 } })).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/--transfers must be at least 1/),
    });
  });

  it('ends access when a user is disabled', async () => {
    const port = running(t.core.shares.get(id).status.sftp);
    await t.core.users.update(id, 'ann', { enabled: false });
    await expect(list(port, password)).rejects.toThrow();
    await t.core.users.update(id, 'ann', { enabled: true });
    expect(await list(port, password)).toEqual(['a.txt', 'b.txt']);
  });

  it('closes its servers and forgets it when removed', async () => {
    const port = running(t.core.shares.get(id).status.sftp);
    await t.core.shares.remove(id);
    expect(await portClosed(port)).toBe(true);
    expect(t.core.shares.list()).toEqual([]);
    const saved = JSON.parse(await readFile(t.settingsFile, 'utf8')) as { shares: unknown[] };
    expect(saved.shares).toEqual([]);
  });
});

describe('a share with an auth proxy', () => {
  it('starts without users and lets the proxy program decide each login', async () => {
    const served = await tempDir('proxy-served');
    await writeFile(path.join(served, 'from-proxy.txt'), 'p');
    const bin = await tempDir('proxy-bin');
    const program = path.join(bin, 'proxy.sh');
    // Accepts only the password "open-sesame-1", serving `served` for anyone who has it.
    await writeFile(
      program,
      `#!/bin/sh\nif grep -q '"pass": *"open-sesame-1"'; then echo '{"type":"local","_root":"${served}"}'; else exit 1; fi\n`,
      { mode: 0o755 },
    );
    const share = await t.core.shares.create({
      name: 'Proxied',
      source: { kind: 'local', path: folder },
      sftp: { enabled: true, port: 0, bind: 'localhost' },
      ftp: { enabled: false, port: 0, bind: 'localhost' },
      readOnly: false,
      vfs: {},
      authProxy: program,
    });
    const port = running(share.status.sftp);
    expect(await list(port, 'open-sesame-1', 'anyone')).toEqual(['from-proxy.txt']);
    await expect(list(port, 'wrong-one-22', 'anyone')).rejects.toThrow();
    expect(t.core.card(share.id, 'sftp')).toMatchObject({ user: null, password: null });
    await t.core.shares.remove(share.id);
  });
});
