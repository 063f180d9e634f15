// authorized_keys parsing against keys made by OpenSSH's ssh-keygen: every usable line becomes a
// key with the fingerprint ssh-keygen prints; every unusable one is reported with its reason.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOf, parseAuthorizedKeys, parsePublicKeyLine } from '../../../../src-main/servers/auth/index.js';

const run = promisify(execFile);
const { utils } = ssh2;

describe('parseAuthorizedKeys', () => {
  let dir: string;
  const pub: Record<string, string> = {};
  const sshKeygenFingerprint: Record<string, string> = {};

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-authkeys-'));
    const specs: Record<string, string[]> = {
      ed25519: ['-t', 'ed25519'],
      p256: ['-t', 'ecdsa', '-b', '256'],
      p521: ['-t', 'ecdsa', '-b', '521'],
      rsa: ['-t', 'rsa', '-b', '2048'],
    };
    await Promise.all(
      Object.entries(specs).map(async ([name, args]) => {
        const file = path.join(dir, name);
        await run('ssh-keygen', ['-q', '-N', '', '-C', `${name}@test`, '-f', file, ...args]);
        pub[name] = (await readFile(`${file}.pub`, 'utf8')).trim();
        const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`]);
        sshKeygenFingerprint[name] = stdout.split(' ')[1] ?? '';
      }),
    );
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('parses every supported key type with the fingerprint ssh-keygen prints', () => {
    const text = ['ed25519', 'p256', 'p521', 'rsa'].map((n) => pub[n]).join('\n');
    const { keys, errors } = parseAuthorizedKeys(text);
    expect(errors).toEqual([]);
    expect(keys.map((k) => k.type)).toEqual(['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp521', 'ssh-rsa']);
    expect(keys.map((k) => k.fingerprint)).toEqual(['ed25519', 'p256', 'p521', 'rsa'].map((n) => sshKeygenFingerprint[n]));
    expect(keys.map((k) => k.comment)).toEqual(['ed25519@test', 'p256@test', 'p521@test', 'rsa@test']);
    expect(keys.map((k) => k.line)).toEqual([1, 2, 3, 4]);
    const [type, b64] = (pub.ed25519 ?? '').split(' ');
    expect(type).toBe('ssh-ed25519');
    expect(keys[0]?.blob.equals(Buffer.from(b64 ?? '', 'base64'))).toBe(true);
  });

  it('accepts and skips an options prefix, including quoted options with spaces', () => {
    const text = [
      `from="10.0.0.0/8,192.168.1.1",no-pty,no-port-forwarding ${pub.ed25519}`,
      `command="echo \\"hi there\\"",restrict ${pub.rsa}`,
      `restrict ${pub.p256}`,
    ].join('\n');
    const { keys, errors } = parseAuthorizedKeys(text);
    expect(errors).toEqual([]);
    expect(keys.map((k) => k.type)).toEqual(['ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256']);
    expect(keys[0]?.fingerprint).toBe(sshKeygenFingerprint.ed25519);
  });

  it('skips comments, blank lines and CRLF endings without errors', () => {
    const text = `# my keys\r\n\r\n   \r\n${pub.ed25519}\r\n  # indented comment\r\n`;
    const { keys, errors } = parseAuthorizedKeys(text);
    expect(errors).toEqual([]);
    expect(keys).toHaveLength(1);
    expect(keys[0]?.line).toBe(4);
    expect(keys[0]?.comment).toBe('ed25519@test');
  });

  it('reports each invalid line with its number and a reason', () => {
    const [, edB64] = (pub.ed25519 ?? '').split(' ');
    const [, rsaB64] = (pub.rsa ?? '').split(' ');
    const smallRsa = utils.parseKey(
      generateKeyPairSync('rsa', { modulusLength: 768 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    );
    if (smallRsa instanceof Error || Array.isArray(smallRsa)) throw new Error('test key');
    const lines = [
      `ssh-foo ${edB64}`, // 1 unknown type
      `ssh-ed25519 not*base64!`, // 2
      `ssh-ed25519 ${rsaB64}`, // 3 blob of another type
      `ssh-dss AAAAB3NzaC1kc3MAAACBAP==`, // 4
      `ssh-ed25519-cert-v01@openssh.com ${edB64}`, // 5
      `ssh-ed25519 ${(edB64 ?? '').slice(0, 20)}`, // 6 truncated
      `ssh-ed25519`, // 7 no data
      `command="unterminated ${pub.ed25519}`, // 8
      `cert-authority ${pub.ed25519}`, // 9
      `ssh-rsa ${smallRsa.getPublicSSH().toString('base64')} tiny`, // 10
      `sk-ssh-ed25519@openssh.com ${edB64}`, // 11
      pub.ed25519, // 12 valid
    ].join('\n');
    const { keys, errors } = parseAuthorizedKeys(lines);
    expect(keys.map((k) => k.line)).toEqual([12]);
    const reasons = Object.fromEntries(errors.map((e) => [e.line, e.reason]));
    expect(Object.keys(reasons).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(reasons[1]).toBe('unknown key type "ssh-foo"');
    expect(reasons[2]).toBe('key data is not valid base64');
    expect(reasons[3]).toBe('key data is a "ssh-rsa" key but the line says "ssh-ed25519"');
    expect(reasons[4]).toMatch(/DSA keys are not supported/);
    expect(reasons[5]).toMatch(/certificates are not supported/);
    expect(reasons[6]).toMatch(/truncated|not a valid public key/);
    expect(reasons[7]).toBe('missing key data after "ssh-ed25519"');
    expect(reasons[8]).toBe('unterminated quote in the options field');
    expect(reasons[9]).toMatch(/cert-authority/);
    expect(reasons[10]).toBe('RSA key has 768 bits; at least 1024 are required');
    expect(reasons[11]).toMatch(/security-key/);
  });

  it('parses one .pub line and computes OpenSSH fingerprints from blobs', () => {
    const key = parsePublicKeyLine(pub.p256 ?? '');
    if ('reason' in key) throw new Error(key.reason);
    expect(key.fingerprint).toBe(sshKeygenFingerprint.p256);
    expect(fingerprintOf(key.blob)).toBe(sshKeygenFingerprint.p256);
    expect(fingerprintOf(key.blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});
