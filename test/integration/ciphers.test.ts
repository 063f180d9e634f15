// Every algorithm Wharf's SSH server offers, proven with OpenSSH's own client: each cipher moves a
// file both ways over SFTP, each kex, MAC and host-key algorithm completes a login, and the weak
// ones (ssh-rsa SHA-1 host signatures, hmac-sha1, SHA-1 kex, CBC) are refused. The server's
// KEXINIT is read from `ssh -vv` to prove it offers exactly the configured lists.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticAuthenticator, parseAuthorizedKeys } from '../../src-main/servers/auth/index.js';
import {
  SSH_CIPHERS,
  SSH_HOST_KEY_ALGORITHMS,
  SSH_KEX,
  SSH_MACS,
} from '../../src-main/servers/sftp/index.js';
import { startTestServer } from '../unit/servers/ssh/ssh-test-kit.js';
import type { TestServer } from '../unit/servers/ssh/ssh-test-kit.js';

const run = promisify(execFile);

interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function runTool(cmd: string, args: readonly string[]): Promise<RunResult> {
  try {
    const { stdout, stderr } = await run(cmd, args, { timeout: 30_000, maxBuffer: 4 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('SSH algorithms against the OpenSSH client', () => {
  let dir: string;
  let srv: TestServer;
  let clientKey: string;
  const payload = randomBytes(1024 * 1024 + 123);

  const baseArgs = (): string[] => [
    '-F', '/dev/null',
    '-i', clientKey,
    '-o', 'IdentitiesOnly=yes',
    '-o', 'StrictHostKeyChecking=no',
    '-o', 'UserKnownHostsFile=/dev/null',
    '-o', 'BatchMode=yes',
    '-o', 'ConnectTimeout=10',
  ];
  const ssh = (extra: readonly string[], command: string): Promise<RunResult> =>
    runTool('ssh', [...baseArgs(), '-p', String(srv.port), ...extra, 'tester@127.0.0.1', command]);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-ciphers-'));
    const keygen = async (name: string, args: readonly string[]): Promise<string> => {
      const file = path.join(dir, name);
      const r = await runTool('ssh-keygen', ['-q', '-N', '', '-f', file, ...args]);
      if (r.code !== 0) throw new Error(`ssh-keygen ${name}: ${r.stderr}`);
      return file;
    };
    clientKey = await keygen('client', ['-t', 'ed25519']);
    const hostFiles = await Promise.all([
      keygen('host_ed25519', ['-t', 'ed25519']),
      keygen('host_p256', ['-t', 'ecdsa', '-b', '256']),
      keygen('host_p384', ['-t', 'ecdsa', '-b', '384']),
      keygen('host_p521', ['-t', 'ecdsa', '-b', '521']),
      keygen('host_rsa', ['-t', 'rsa', '-b', '2048']),
    ]);
    const { keys } = parseAuthorizedKeys(await readFile(`${clientKey}.pub`, 'utf8'));
    srv = await startTestServer({
      authenticator: createStaticAuthenticator({ authorizedKeys: keys }),
      hostKeys: await Promise.all(hostFiles.map((f) => readFile(f))),
    });
    await writeFile(path.join(srv.root, 'down.bin'), payload);
    await writeFile(path.join(dir, 'up.bin'), payload);
  });

  afterAll(async () => {
    await srv?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('offers exactly the configured algorithms in its KEXINIT', async () => {
    const r = await ssh(['-vv'], 'echo hi');
    expect(r.code, r.stderr).toBe(0);
    const proposal = r.stderr.slice(r.stderr.indexOf('peer server KEXINIT proposal'));
    const list = (label: string): string[] => {
      const m = new RegExp(`debug2: ${label}: (.*)`).exec(proposal);
      return (m?.[1] ?? '').trim().split(',');
    };
    expect(list('KEX algorithms')).toEqual([...SSH_KEX, 'kex-strict-s-v00@openssh.com']);
    expect(list('host key algorithms')).toEqual([...SSH_HOST_KEY_ALGORITHMS]);
    expect(list('ciphers ctos')).toEqual([...SSH_CIPHERS]);
    expect(list('ciphers stoc')).toEqual([...SSH_CIPHERS]);
    expect(list('MACs ctos')).toEqual([...SSH_MACS]);
    expect(list('compression ctos')).toEqual(['none']);
    expect(list('compression stoc')).toEqual(['none']);
  });

  it.each([...SSH_CIPHERS])('cipher %s moves a file both ways over SFTP', async (cipher) => {
    const local = path.join(dir, `got-${cipher}.bin`);
    const remote = `/up-${cipher}.bin`;
    const batch = path.join(dir, `batch-${cipher}`);
    await writeFile(batch, `get /down.bin ${local}\nput ${path.join(dir, 'up.bin')} ${remote}\n`);
    const r = await runTool('sftp', [...baseArgs(), '-P', String(srv.port), '-c', cipher, '-b', batch, 'tester@127.0.0.1']);
    expect(r.code, r.stderr).toBe(0);
    const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');
    expect(md5(await readFile(local))).toBe(md5(payload));
    expect(md5(await readFile(path.join(srv.root, remote)))).toBe(md5(payload));
  });

  // Rekeying every 256 KiB swaps the cipher objects many times mid-transfer; the packet buffers
  // Wharf recycles between sends (ssh-packet-pool.ts) must keep every byte intact across that.
  it.each(['chacha20-poly1305@openssh.com', 'aes128-gcm@openssh.com'])('cipher %s survives rekeying mid-transfer', async (cipher) => {
    const local = path.join(dir, `rekey-${cipher}.bin`);
    const remote = `/rekey-${cipher}.bin`;
    const batch = path.join(dir, `rekey-batch-${cipher}`);
    await writeFile(batch, `get /down.bin ${local}\nput ${path.join(dir, 'up.bin')} ${remote}\nget /down.bin ${local}.2\n`);
    const r = await runTool('sftp', [...baseArgs(), '-o', 'RekeyLimit=256K', '-P', String(srv.port), '-c', cipher, '-b', batch, 'tester@127.0.0.1']);
    expect(r.code, r.stderr).toBe(0);
    expect((await readFile(local)).equals(payload)).toBe(true);
    expect((await readFile(`${local}.2`)).equals(payload)).toBe(true);
    expect((await readFile(path.join(srv.root, remote))).equals(payload)).toBe(true);
  });

  it.each([...SSH_KEX])('key exchange %s completes a login', async (kex) => {
    const r = await ssh(['-o', `KexAlgorithms=${kex}`], 'echo ok');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('ok\n');
  });

  it.each([...SSH_MACS])('MAC %s completes a login', async (mac) => {
    const r = await ssh(['-c', 'aes128-ctr', '-m', mac], 'echo ok');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('ok\n');
  });

  it.each([...SSH_HOST_KEY_ALGORITHMS])('host key algorithm %s verifies', async (alg) => {
    const r = await ssh(['-o', `HostKeyAlgorithms=${alg}`], 'echo ok');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('ok\n');
  });

  it.each([
    ['host key ssh-rsa (SHA-1)', ['-o', 'HostKeyAlgorithms=ssh-rsa']],
    ['MAC hmac-sha1', ['-c', 'aes128-ctr', '-m', 'hmac-sha1']],
    ['kex diffie-hellman-group14-sha1', ['-o', 'KexAlgorithms=diffie-hellman-group14-sha1']],
    ['kex diffie-hellman-group-exchange-sha256 (not implemented by ssh2 servers)', ['-o', 'KexAlgorithms=diffie-hellman-group-exchange-sha256']],
    ['cipher aes128-cbc', ['-c', 'aes128-cbc']],
  ])('refuses %s', async (_name, extra) => {
    const r = await ssh(extra, 'echo ok');
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
  });
});
