// Session channels of a logged-in client: SFTP is served by Wharf's codec with the session's
// rights, and everything that would reach beyond files (shells, ptys, other subsystems, port
// forwarding) is refused.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { ClientChannel, SFTPWrapper } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticAuthenticator } from '../../../../src-main/servers/auth/index.js';
import type { Authenticator } from '../../../../src-main/servers/auth/index.js';
import { connect, exec, startTestServer } from './ssh-test-kit.js';
import type { SshClient, TestServer } from './ssh-test-kit.js';

function openSftp(client: SshClient): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => client.sftp((err, sftp) => (err ? reject(err) : resolve(sftp))));
}

function expectRefused(start: (cb: (err: Error | undefined, ch?: ClientChannel) => void) => void): Promise<Error> {
  return new Promise((resolve, reject) => {
    start((err, ch) => {
      if (err) resolve(err);
      else {
        ch?.close();
        reject(new Error('request was accepted'));
      }
    });
  });
}

describe('ssh sessions', () => {
  let srv: TestServer;
  let client: SshClient;

  beforeAll(async () => {
    srv = await startTestServer({
      authenticator: createStaticAuthenticator({ user: 'alice', password: 'pw', failureDelayMs: 0 }),
      limits: { maxChannelsPerConnection: 3 },
    });
    await writeFile(path.join(srv.root, 'hello.txt'), 'hello from wharf\n');
    client = await connect(srv.port, { username: 'alice', password: 'pw' });
  });

  afterAll(async () => {
    client?.end();
    await srv?.close();
  });

  it('serves the sftp subsystem with Wharf\'s own codec', async () => {
    const sftp = await openSftp(client);
    const names = await new Promise<string[]>((resolve, reject) =>
      sftp.readdir('/', (err, list) => (err ? reject(err) : resolve(list.map((e) => e.filename)))),
    );
    expect(names).toContain('hello.txt');
    const data = await new Promise<Buffer>((resolve, reject) =>
      sftp.readFile('/hello.txt', (err, d) => (err ? reject(err) : resolve(d))),
    );
    expect(data.toString()).toBe('hello from wharf\n');
    await new Promise<void>((resolve, reject) => sftp.writeFile('/new.txt', 'uploaded', (err) => (err ? reject(err) : resolve())));
    expect(await readFile(path.join(srv.root, 'new.txt'), 'utf8')).toBe('uploaded');
    sftp.end();
  });

  it('refuses a shell and a pty', async () => {
    await expectRefused((cb) => client.shell(cb));
    await expectRefused((cb) => client.exec('echo hi', { pty: true }, cb));
  });

  it('refuses other subsystems', async () => {
    await expectRefused((cb) => client.subsys('netconf', cb));
  });

  it('refuses port forwarding both ways', async () => {
    await expectRefused((cb) => client.forwardOut('127.0.0.1', 0, '127.0.0.1', srv.port, cb));
    const err = await new Promise<Error | undefined>((resolve) => client.forwardIn('127.0.0.1', 0, (e) => resolve(e)));
    expect(err).toBeInstanceOf(Error);
    await expectRefused((cb) => client.openssh_forwardOutStreamLocal('/tmp/x.sock', cb));
  });

  it('still serves the connection after all those refusals', async () => {
    expect((await exec(client, 'echo fine')).stdout).toBe('fine\n');
  });

  it('caps the session channels open on one connection', async () => {
    const own = await connect(srv.port, { username: 'alice', password: 'pw' });
    const open: SFTPWrapper[] = [];
    for (let i = 0; i < 3; i++) open.push(await openSftp(own));
    await expect(openSftp(own)).rejects.toThrow(/open failure/i);
    expect(srv.logger.lines.join('\n')).toMatch(/session refused: 3 sessions already open/);
    // Closing one frees its slot.
    const closed = open.pop();
    await new Promise<void>((resolve) => {
      closed?.once('close', () => resolve());
      closed?.end();
    });
    await new Promise((r) => setTimeout(r, 50));
    open.push(await openSftp(own));
    for (const s of open) s.end();
    own.end();
  });

  it('applies the server-wide read-only flag to SFTP sessions', async () => {
    const ro = await startTestServer({
      authenticator: createStaticAuthenticator({ user: 'alice', password: 'pw', failureDelayMs: 0 }),
      readOnly: true,
    });
    try {
      const c = await connect(ro.port, { username: 'alice', password: 'pw' });
      const sftp = await openSftp(c);
      const err = await new Promise<Error | undefined>((resolve) => sftp.writeFile('/x.txt', 'no', (e) => resolve(e ?? undefined)));
      expect(err).toBeInstanceOf(Error);
      c.end();
    } finally {
      await ro.close();
    }
  });

  it('close() ends SFTP sessions and connections and stops listening', async () => {
    const srv2 = await startTestServer({
      authenticator: createStaticAuthenticator({ user: 'alice', password: 'pw', failureDelayMs: 0 }),
    });
    const c = await connect(srv2.port, { username: 'alice', password: 'pw' });
    const sftp = await openSftp(c);
    const clientClosed = new Promise<void>((resolve) => c.once('close', () => resolve()));
    const sftpClosed = new Promise<void>((resolve) => sftp.once('close', () => resolve()));
    const t = performance.now();
    await srv2.close();
    expect(performance.now() - t).toBeLessThan(3_000);
    await Promise.all([clientClosed, sftpClosed]);
    const refused = await new Promise<boolean>((resolve) => {
      const sock = net.connect(srv2.port, '127.0.0.1');
      sock.on('error', () => resolve(true));
      sock.on('connect', () => {
        sock.destroy();
        resolve(false);
      });
    });
    expect(refused).toBe(true);
    expect(srv2.logger.lines.join('\n')).toMatch(/disconnected user="alice" ip=127\.0\.0\.1/);
  });

  it('runs sessions in the user\'s root and with the user\'s read-only flag from the authenticator', async () => {
    // An authenticator (as core will provide per user) that confines "bob" to /bob, read-only.
    const perUser: Authenticator = {
      methods: ['password'],
      async password(user, pass) {
        return user === 'bob' && pass === 'pw' ? { ok: true, user, root: '/bob', readOnly: true } : { ok: false };
      },
      async publicKey() {
        return { ok: false };
      },
      async noAuth() {
        return { ok: false };
      },
    };
    const srv2 = await startTestServer({ authenticator: perUser });
    try {
      await mkdir(path.join(srv2.root, 'bob'));
      await writeFile(path.join(srv2.root, 'bob', 'mine.txt'), 'bob data');
      await writeFile(path.join(srv2.root, 'secret.txt'), 'not for bob');
      const c = await connect(srv2.port, { username: 'bob', password: 'pw' });
      const sftp = await openSftp(c);
      const names = await new Promise<string[]>((resolve, reject) =>
        sftp.readdir('/', (err, list) => (err ? reject(err) : resolve(list.map((e) => e.filename).sort()))),
      );
      expect(names).toEqual(['mine.txt']);
      const err = await new Promise<Error | undefined>((resolve) => sftp.writeFile('/new.txt', 'no', (e) => resolve(e ?? undefined)));
      expect(err).toBeInstanceOf(Error);
      const r = await exec(c, 'md5sum /mine.txt /secret.txt /../secret.txt');
      expect(r.stdout).toMatch(/^[0-9a-f]{32} {2}\/mine\.txt\n$/);
      expect(r.stderr).toBe('md5sum: /secret.txt: No such file or directory\nmd5sum: /../secret.txt: No such file or directory\n');
      c.end();
    } finally {
      await srv2.close();
    }
  });
});
