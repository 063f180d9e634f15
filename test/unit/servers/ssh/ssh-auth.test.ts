// Logins over real SSH connections: passwords, keys (with the signature actually checked),
// forged signatures, algorithm mismatches, SHA-1 RSA signatures, `none`, and the attempt cap.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ssh2 from 'ssh2';
import type { AuthHandlerMiddleware, ParsedKey } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticAuthenticator, parsePublicKeyLine } from '../../../../src-main/servers/auth/index.js';
import type { AuthorizedKey } from '../../../../src-main/servers/auth/index.js';
import { verifySignature } from '../../../../src-main/servers/sftp/ssh-auth.js';
import { connect, exec, startTestServer, tryConnect, waitClosed } from './ssh-test-kit.js';
import type { TestServer } from './ssh-test-kit.js';
import { generateEd25519Pair } from '../../../../src-main/servers/sftp/ed25519-keygen.js';

const run = promisify(execFile);
const { utils } = ssh2;

interface KeyPair {
  /** OpenSSH private key text, as clients are configured with it. */
  readonly privateText: string;
  readonly privateKey: ParsedKey;
  readonly authorized: AuthorizedKey;
}

function keyPair(type: 'ed25519' | 'ecdsa' | 'rsa'): KeyPair {
  const pair = type === 'ecdsa' ? utils.generateKeyPairSync('ecdsa', { bits: 256 }) : type === 'rsa' ? utils.generateKeyPairSync('rsa', { bits: 2048 }) : generateEd25519Pair();
  const parsed = utils.parseKey(pair.private);
  if (parsed instanceof Error || Array.isArray(parsed)) throw new Error('test key');
  const authorized = parsePublicKeyLine(pair.public);
  if ('reason' in authorized) throw new Error(authorized.reason);
  return { privateText: pair.private, privateKey: parsed, authorized };
}

describe('ssh authentication', () => {
  let srv: TestServer;
  let dir: string;
  const ed = keyPair('ed25519');
  const ec = keyPair('ecdsa');
  const rsa = keyPair('rsa');
  const stranger = keyPair('ed25519');

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-sshauth-'));
    srv = await startTestServer({
      authenticator: createStaticAuthenticator({
        user: 'alice',
        password: 'correct horse',
        authorizedKeys: [ed.authorized, ec.authorized, rsa.authorized],
        failureDelayMs: 100,
      }),
      limits: { maxAuthTries: 6 },
    });
  });

  afterAll(async () => {
    await srv?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('logs in with the right password and serves commands', async () => {
    const client = await connect(srv.port, { username: 'alice', password: 'correct horse' });
    expect((await exec(client, 'echo ok')).stdout).toBe('ok\n');
    client.end();
    expect(srv.logger.lines.some((l) => /^info ssh \w+: login ok user="alice" ip=127\.0\.0\.1 method=password$/.test(l))).toBe(true);
  });

  it('gives a wrong password and an unknown user the same reply and the same delay', async () => {
    const attempt = async (username: string, password: string) => {
      const t = performance.now();
      const outcome = await tryConnect(srv.port, {
        username,
        authHandler: [{ type: 'password', username, password }] as unknown as AuthHandlerMiddleware,
      });
      return { outcome, ms: performance.now() - t };
    };
    const wrong = await attempt('alice', 'wrong');
    const unknown = await attempt('mallory', 'correct horse');
    for (const r of [wrong, unknown]) {
      expect(r.outcome.ok).toBe(false);
      if (!r.outcome.ok) expect(r.outcome.error.message).toBe('All configured authentication methods failed');
      expect(r.ms).toBeGreaterThanOrEqual(100);
    }
    expect(Math.abs(wrong.ms - unknown.ms)).toBeLessThan(80);
  });

  it.each([
    ['ed25519', ed],
    ['ecdsa', ec],
    ['rsa (rsa-sha2-256)', rsa],
  ])('logs in with an authorized %s key', async (_name, pair) => {
    const client = await connect(srv.port, { username: 'alice', privateKey: pair.privateText });
    expect((await exec(client, 'echo key')).stdout).toBe('key\n');
    client.end();
  });

  it('refuses a key that is not authorized, and an authorized key for another user', async () => {
    const notAuthorized = await tryConnect(srv.port, { username: 'alice', privateKey: stranger.privateText });
    expect(notAuthorized.ok).toBe(false);
    const otherUser = await tryConnect(srv.port, { username: 'bob', privateKey: ed.privateText });
    expect(otherUser.ok).toBe(false);
  });

  it('refuses a forged signature: authorized public key, signed by another private key', async () => {
    // Presents `ed`'s public blob (authorized, so the probe gets PK_OK) but signs with `stranger`.
    const forged = Object.create(stranger.privateKey, {
      getPublicSSH: { value: () => ed.authorized.blob },
    }) as ParsedKey;
    const before = srv.logger.lines.length;
    const outcome = await tryConnect(srv.port, {
      username: 'alice',
      authHandler: [{ type: 'publickey', username: 'alice', key: forged }] as unknown as AuthHandlerMiddleware,
    });
    expect(outcome.ok).toBe(false);
    const log = srv.logger.lines.slice(before).join('\n');
    expect(log).toMatch(/key accepted for user="alice".*waiting for signature/);
    expect(log).toMatch(/login failed user="alice" .*method=publickey: signature verification failed/);
  });

  it('refuses a key whose named algorithm does not match the key', async () => {
    const mismatched = Object.create(ed.privateKey, { type: { value: 'ecdsa-sha2-nistp256' } }) as ParsedKey;
    const before = srv.logger.lines.length;
    const outcome = await tryConnect(srv.port, {
      username: 'alice',
      authHandler: [{ type: 'publickey', username: 'alice', key: mismatched }] as unknown as AuthHandlerMiddleware,
    });
    expect(outcome.ok).toBe(false);
    expect(srv.logger.lines.slice(before).join('\n')).toMatch(/key is ssh-ed25519 but the client named ecdsa-sha2-nistp256/);
  });

  it('refuses RSA signatures made with SHA-1 (ssh-rsa) but accepts rsa-sha2-256 from OpenSSH', async () => {
    const keyFile = path.join(dir, 'id_rsa');
    await run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-f', keyFile]);
    const authorized = parsePublicKeyLine(await readFile(`${keyFile}.pub`, 'utf8'));
    if ('reason' in authorized) throw new Error(authorized.reason);
    const rsaSrv = await startTestServer({ authenticator: createStaticAuthenticator({ authorizedKeys: [authorized] }) });
    try {
      const sshWith = async (algos: string): Promise<number> => {
        try {
          await run('ssh', [
            '-F', '/dev/null', '-i', keyFile, '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes',
            '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null',
            '-o', `PubkeyAcceptedAlgorithms=${algos}`, '-p', String(rsaSrv.port), 'someone@127.0.0.1', 'echo ok',
          ], { timeout: 20_000 });
          return 0;
        } catch (err) {
          return (err as { code?: number }).code ?? -1;
        }
      };
      expect(await sshWith('ssh-rsa')).not.toBe(0);
      expect(rsaSrv.logger.lines.join('\n')).toMatch(/SHA-1 \(ssh-rsa\) are refused/);
      expect(await sshWith('rsa-sha2-256')).toBe(0);
    } finally {
      await rsaSrv.close();
    }
  });

  it('allows `none` only when the authenticator allows it', async () => {
    const none = [{ type: 'none', username: 'alice' }] as unknown as AuthHandlerMiddleware;
    expect((await tryConnect(srv.port, { username: 'alice', authHandler: none })).ok).toBe(false);
    const open = await startTestServer({ authenticator: createStaticAuthenticator({ noAuth: true }) });
    try {
      const outcome = await tryConnect(open.port, { username: 'guest', authHandler: none });
      expect(outcome.ok).toBe(true);
      if (outcome.ok) {
        expect((await exec(outcome.client, 'echo open')).stdout).toBe('open\n');
        outcome.client.end();
      }
    } finally {
      await open.close();
    }
  });

  it('disconnects after 6 failed attempts on one connection', async () => {
    const fast = await startTestServer({
      authenticator: createStaticAuthenticator({ user: 'alice', password: 'pw', failureDelayMs: 0 }),
    });
    try {
      let attempts = 0;
      const handler: AuthHandlerMiddleware = (_methods, _partial, next) => {
        attempts++;
        next({ type: 'password', username: 'alice', password: `guess-${attempts}` });
      };
      const outcome = await tryConnect(fast.port, { username: 'alice', authHandler: handler });
      expect(outcome.ok).toBe(false);
      expect(attempts).toBe(6);
      expect(fast.logger.lines.join('\n')).toMatch(/too many authentication failures/);
    } finally {
      await fast.close();
    }
  });

  it('does not count the initial `none` probe as a failed attempt', async () => {
    const fast = await startTestServer({
      authenticator: createStaticAuthenticator({ user: 'alice', password: 'pw', failureDelayMs: 0 }),
      limits: { maxAuthTries: 3 },
    });
    try {
      let calls = 0;
      const handler: AuthHandlerMiddleware = (_methods, _partial, next) => {
        calls++;
        if (calls === 1) next({ type: 'none', username: 'alice' });
        else if (calls < 4) next({ type: 'password', username: 'alice', password: 'bad' });
        else next({ type: 'password', username: 'alice', password: 'pw' });
      };
      const outcome = await tryConnect(fast.port, { username: 'alice', authHandler: handler });
      expect(outcome.ok).toBe(true);
      expect(calls).toBe(4);
      if (outcome.ok) {
        outcome.client.end();
        await waitClosed(outcome.client, 2000);
      }
    } finally {
      await fast.close();
    }
  });

  it('treats an Error returned by ssh2 verify() as a failure, not as truthy success', () => {
    const data = Buffer.from('session data');
    const good = ed.privateKey.sign(data);
    expect(verifySignature(ed.privateKey, data, good, undefined)).toBe(true);
    // An unknown digest makes ssh2 return an Error object instead of false.
    const raw: unknown = rsa.privateKey.verify(data, rsa.privateKey.sign(data, 'sha256'), 'no-such-digest');
    expect(raw).toBeInstanceOf(Error);
    expect(verifySignature(rsa.privateKey, data, rsa.privateKey.sign(data, 'sha256'), 'no-such-digest')).toBe(false);
    expect(verifySignature(ed.privateKey, data, stranger.privateKey.sign(data), undefined)).toBe(false);
  });
});
