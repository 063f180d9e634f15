// Host keys: generated once (safely) and reused so the fingerprint survives restarts, loaded from
// the formats people have (OpenSSH, PEM, PKCS#8 as rclone writes it), and clear errors naming the
// file for everything else. Fingerprints are checked against OpenSSH's ssh-keygen.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticAuthenticator, fingerprintOf } from '../../../../src-main/servers/auth/index.js';
import {
  GENERATED_HOST_KEY_FILE,
  loadHostKeys,
  loadOrCreateHostKey,
} from '../../../../src-main/servers/sftp/index.js';
import { connect, startTestServer } from './ssh-test-kit.js';

const run = promisify(execFile);

async function sshKeygenFingerprint(file: string): Promise<string> {
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', file]);
  return stdout.split(' ')[1] ?? '';
}

describe('host keys', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-hostkeys-'));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('generates an ed25519 key once (dir 0700, key 0600) and reuses it', async () => {
    const keyDir = path.join(dir, 'generated', 'nested');
    const first = await loadOrCreateHostKey(keyDir);
    expect(first.created).toBe(true);
    expect(first.type).toBe('ssh-ed25519');
    const file = path.join(keyDir, GENERATED_HOST_KEY_FILE);
    expect(first.file).toBe(file);
    if (process.platform !== 'win32') {
      expect((await stat(keyDir)).mode & 0o777).toBe(0o700);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    }
    expect(first.fingerprint).toBe(await sshKeygenFingerprint(file));
    expect((await readFile(`${file}.pub`, 'utf8')).trim()).toBe(first.publicKey);

    const second = await loadOrCreateHostKey(keyDir);
    expect(second.created).toBe(false);
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(await readdir(keyDir)).toEqual([GENERATED_HOST_KEY_FILE, `${GENERATED_HOST_KEY_FILE}.pub`]);
  });

  it('agrees on one key when two starts race, leaving no temp files', async () => {
    const keyDir = path.join(dir, 'race');
    const results = await Promise.all([loadOrCreateHostKey(keyDir), loadOrCreateHostKey(keyDir), loadOrCreateHostKey(keyDir)]);
    expect(new Set(results.map((r) => r.fingerprint)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect((await readdir(keyDir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the same fingerprint across server restarts', async () => {
    const keyDir = path.join(dir, 'restart');
    const prints: string[] = [];
    for (let i = 0; i < 2; i++) {
      const key = await loadOrCreateHostKey(keyDir);
      const srv = await startTestServer({ authenticator: createStaticAuthenticator({ noAuth: true }), hostKeys: [key.data] });
      let seen = '';
      const c = await connect(srv.port, {
        username: 'x',
        hostVerifier: (blob: Buffer) => {
          seen = fingerprintOf(blob);
          return true;
        },
      });
      c.end();
      expect(seen).toBe(srv.server.fingerprints[0]);
      prints.push(seen);
      await srv.close();
    }
    expect(prints[0]).toBe(prints[1]);
  });

  it('never replaces an existing key file that cannot be parsed', async () => {
    const keyDir = path.join(dir, 'broken');
    await loadOrCreateHostKey(keyDir);
    const file = path.join(keyDir, GENERATED_HOST_KEY_FILE);
    await writeFile(file, 'not a key');
    await expect(loadOrCreateHostKey(keyDir)).rejects.toThrow(`Host key file "${file}": not a private key`);
    expect(await readFile(file, 'utf8')).toBe('not a key');
  });

  it('loads OpenSSH and PEM keys with the fingerprints ssh-keygen prints', async () => {
    const files: string[] = [];
    for (const [name, args] of [
      ['ed', ['-t', 'ed25519']],
      ['ec', ['-t', 'ecdsa', '-b', '384']],
      ['rsapem', ['-t', 'rsa', '-b', '2048', '-m', 'PEM']],
    ] as const) {
      const file = path.join(dir, `load-${name}`);
      await run('ssh-keygen', ['-q', '-N', '', '-f', file, ...args]);
      files.push(file);
    }
    const keys = await loadHostKeys(files);
    expect(keys.map((k) => k.type)).toEqual(['ssh-ed25519', 'ecdsa-sha2-nistp384', 'ssh-rsa']);
    for (const [i, key] of keys.entries()) {
      expect(key.file).toBe(files[i]);
      expect(key.fingerprint).toBe(await sshKeygenFingerprint(files[i] ?? ''));
    }
  });

  it('loads PKCS#8 keys (what rclone serve sftp generates) and serves with them', async () => {
    const ed = generateKeyPairSync('ed25519');
    const edFile = path.join(dir, 'pkcs8-ed25519');
    await writeFile(edFile, ed.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const ecFile = path.join(dir, 'pkcs8-ec');
    await writeFile(ecFile, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const rsaFile = path.join(dir, 'pkcs8-rsa');
    await writeFile(rsaFile, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const [edKey, ecKey, rsaKey] = await loadHostKeys([edFile, ecFile, rsaFile]);
    expect([edKey?.type, ecKey?.type, rsaKey?.type]).toEqual(['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ssh-rsa']);
    // The ed25519 fingerprint computed independently from the raw public key.
    const raw = Buffer.from(ed.publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
    const name = Buffer.from('ssh-ed25519');
    const len = (b: Buffer): Buffer => Buffer.from([0, 0, b.length >> 8, b.length & 0xff]);
    expect(edKey?.fingerprint).toBe(fingerprintOf(Buffer.concat([len(name), name, len(raw), raw])));
    for (const f of [ecFile, rsaFile]) {
      expect((await loadHostKeys([f]))[0]?.fingerprint).toBe(await sshKeygenFingerprint(f));
    }

    const srv = await startTestServer({
      authenticator: createStaticAuthenticator({ noAuth: true }),
      hostKeys: [edKey?.data ?? Buffer.alloc(0)],
    });
    try {
      let seen = '';
      const c = await connect(srv.port, {
        username: 'x',
        hostVerifier: (blob: Buffer) => {
          seen = fingerprintOf(blob);
          return true;
        },
      });
      c.end();
      expect(seen).toBe(edKey?.fingerprint);
    } finally {
      await srv.close();
    }
  });

  it('gives a clear error naming the file for everything that is not a usable private key', async () => {
    const missing = path.join(dir, 'does-not-exist');
    await expect(loadHostKeys([missing])).rejects.toThrow(`Host key file "${missing}" cannot be read (ENOENT)`);

    const pubOnly = path.join(dir, 'pub-only');
    await run('ssh-keygen', ['-q', '-N', '', '-t', 'ed25519', '-f', pubOnly]);
    await expect(loadHostKeys([`${pubOnly}.pub`])).rejects.toThrow(`Host key file "${pubOnly}.pub": this is a public key`);

    const encrypted = path.join(dir, 'encrypted');
    await run('ssh-keygen', ['-q', '-N', 'secret', '-t', 'ed25519', '-f', encrypted]);
    await expect(loadHostKeys([encrypted])).rejects.toThrow(/"[^"]*encrypted": the key is encrypted with a passphrase/);

    const garbage = path.join(dir, 'garbage');
    await writeFile(garbage, 'hello');
    await expect(loadHostKeys([garbage])).rejects.toThrow(`Host key file "${garbage}": not a private key`);

    const dsa = path.join(dir, 'dsa');
    const made = await run('ssh-keygen', ['-q', '-N', '', '-t', 'dsa', '-f', dsa]).then(() => true, () => false);
    if (made) await expect(loadHostKeys([dsa])).rejects.toThrow(/ssh-dss host keys are not supported/);

    await expect(loadHostKeys([dir])).rejects.toThrow(`Host key file "${dir}" cannot be read (EISDIR)`);
  });

  it('refuses to start a server without host keys or with an invalid one', async () => {
    await expect(startTestServer({ authenticator: createStaticAuthenticator({ noAuth: true }), hostKeys: [] })).rejects.toThrow(
      /at least one host key/,
    );
    await expect(
      startTestServer({ authenticator: createStaticAuthenticator({ noAuth: true }), hostKeys: ['nope'] }),
    ).rejects.toThrow(/Host key 1: not a private key/);
  });
});
