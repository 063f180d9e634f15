// The transport as clients meet it: weak algorithms refused, the host key fingerprint, TCP_NODELAY
// (checked with the kernel), the crypto binding log, and hostile bytes on the socket ending only
// that one connection.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticAuthenticator, fingerprintOf } from '../../../../src-main/servers/auth/index.js';
import { cryptoBindingInfo } from '../../../../src-main/servers/sftp/index.js';
import { CLIENT_ALGORITHMS, connect, exec, startTestServer, testHostKey, tryConnect } from './ssh-test-kit.js';
import type { SshClient, TestServer } from './ssh-test-kit.js';

const { utils } = ssh2;
const run = promisify(execFile);

/** Opens a raw TCP connection, writes `bytes`, and resolves with what came back once it closes. */
function rawExchange(port: number, bytes: Buffer | undefined, timeoutMs = 10_000): Promise<{ data: Buffer; closed: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1');
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ data: Buffer.concat(chunks), closed: false });
    }, timeoutMs);
    socket.on('error', () => undefined);
    socket.on('data', (d) => chunks.push(d));
    socket.on('connect', () => {
      if (bytes) socket.write(bytes);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ data: Buffer.concat(chunks), closed: true });
    });
  });
}

describe('ssh transport', () => {
  let srv: TestServer;
  let client: SshClient;
  const rsaHostKey = utils.generateKeyPairSync('rsa', { bits: 2048 }).private;

  beforeAll(async () => {
    srv = await startTestServer({
      authenticator: createStaticAuthenticator({ user: 'alice', password: 'pw', failureDelayMs: 0 }),
      hostKeys: [testHostKey(), rsaHostKey],
    });
    client = await connect(srv.port, { username: 'alice', password: 'pw' });
  });

  afterAll(async () => {
    client?.end();
    await srv?.close();
  });

  it('reports host key fingerprints as OpenSSH prints them, and presents that key', async () => {
    expect(srv.server.fingerprints).toHaveLength(2);
    for (const fp of srv.server.fingerprints) expect(fp).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    let seen: string | undefined;
    const c = await connect(srv.port, {
      username: 'alice',
      password: 'pw',
      algorithms: { ...CLIENT_ALGORITHMS, serverHostKey: ['ssh-ed25519'] },
      hostVerifier: (key: Buffer) => {
        seen = fingerprintOf(key);
        return true;
      },
    });
    c.end();
    expect(seen).toBe(srv.server.fingerprints[0]);
  });

  it.each([
    ['only the ssh-rsa (SHA-1) host key algorithm', { serverHostKey: ['ssh-rsa'] }],
    ['only hmac-sha1', { cipher: ['aes128-ctr'], hmac: ['hmac-sha1'] }],
    ['only diffie-hellman-group14-sha1', { kex: ['diffie-hellman-group14-sha1'] }],
    ['only zlib compression', { compress: ['zlib@openssh.com', 'zlib'] }],
    ['only aes128-cbc', { cipher: ['aes128-cbc'] }],
  ])('refuses a client offering %s', async (_name, algorithms) => {
    const outcome = await tryConnect(srv.port, {
      username: 'alice',
      password: 'pw',
      algorithms: { ...CLIENT_ALGORITHMS, ...algorithms } as typeof CLIENT_ALGORITHMS,
    });
    expect(outcome.ok).toBe(false);
  });

  it('signs with SHA-2 for an RSA host key', async () => {
    for (const alg of ['rsa-sha2-512', 'rsa-sha2-256'] as const) {
      const c = await connect(srv.port, {
        username: 'alice',
        password: 'pw',
        algorithms: { ...CLIENT_ALGORITHMS, serverHostKey: [alg] },
      });
      expect((await exec(c, 'echo rsa')).stdout).toBe('rsa\n');
      c.end();
    }
  });

  it('ends only the connection that sends garbage; others keep working', async () => {
    const garbage = [
      randomBytes(64 * 1024), // no identification line at all
      Buffer.concat([Buffer.from('SSH-2.0-evil\r\n'), randomBytes(8 * 1024)]), // bad packets after it
      Buffer.concat([Buffer.from('SSH-2.0-evil\r\n'), Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00])]), // huge length
      Buffer.from('SSH-1.5-old\r\n'),
    ];
    for (const bytes of garbage) {
      const r = await rawExchange(srv.port, bytes);
      expect(r.closed).toBe(true);
    }
    // The logged-in client is untouched and new logins work.
    expect((await exec(client, 'echo alive')).stdout).toBe('alive\n');
    const fresh = await connect(srv.port, { username: 'alice', password: 'pw' });
    expect((await exec(fresh, 'echo fresh')).stdout).toBe('fresh\n');
    fresh.end();
  });

  it('identifies itself as Wharf', async () => {
    const line = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(srv.port, '127.0.0.1');
      let text = '';
      socket.on('error', reject);
      socket.on('data', (d) => {
        text += d.toString('latin1');
        if (text.includes('\r\n')) {
          socket.destroy();
          resolve(text.slice(0, text.indexOf('\r\n')));
        }
      });
    });
    expect(line).toBe('SSH-2.0-Wharf');
  });

  it('logs at startup whether ssh2\'s native crypto binding is in use', () => {
    // Independent check: can the binding ssh2 would load actually be loaded by this Node?
    let loadable = false;
    try {
      createRequire(import.meta.url)('ssh2/lib/protocol/crypto/build/Release/sshcrypto.node');
      loadable = true;
    } catch {
      loadable = false;
    }
    expect(cryptoBindingInfo().native).toBe(loadable);
    const line = srv.logger.lines.find((l) => l.includes('native crypto binding'));
    expect(line).toBe(loadable ? `info ssh: native crypto binding in use (OpenSSL ${process.versions.openssl})` : 'warn ssh: native crypto binding not available; transfers will be about 3x slower');
  });

  it.skipIf(process.platform !== 'linux')('sets TCP_NODELAY on every accepted socket (asked of the kernel)', async () => {
    const probe = fileURLToPath(new URL('./tcp-nodelay-probe.py', import.meta.url));
    const { stdout } = await run('python3', [probe, String(process.pid), String(srv.port)]);
    const rows = stdout.trim().split('\n').filter(Boolean).map((l) => l.split(' ').map(Number));
    expect(rows.length).toBeGreaterThanOrEqual(1); // at least the logged-in client of this file
    for (const [, nodelay] of rows) expect(nodelay).not.toBe(0);
  });
});
