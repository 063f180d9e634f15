// FTPS settings to TLS config: flag combinations that cannot work, and certificate or key files that
// are missing, not PEM, encrypted, or not a pair, each refused with a message naming the flag.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFtpTls, tlsModeOf } from '../../../src-main/core/ftp-service-tls.js';
import { ServiceConfigError } from '../../../src-main/core/index.js';
import { silentLogger } from '../../../src-shared/logger.js';
import { makeSelfSignedCert } from '../../helpers/ftp-harness.js';

let dir: string;
let certFile: string;
let keyFile: string;
let otherKeyFile: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-ftp-tls-unit-'));
  await mkdir(path.join(dir, 'a'));
  await mkdir(path.join(dir, 'b'));
  certFile = (await makeSelfSignedCert(path.join(dir, 'a'))).certPath;
  keyFile = path.join(dir, 'a', 'key.pem');
  await makeSelfSignedCert(path.join(dir, 'b'));
  otherKeyFile = path.join(dir, 'b', 'key.pem');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const plain = { implicit: false, require: false };

async function refusal(settings: Parameters<typeof loadFtpTls>[0]): Promise<string> {
  const err = await loadFtpTls(settings, silentLogger).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ServiceConfigError);
  return (err as Error).message;
}

describe('loadFtpTls', () => {
  it('no certificate: plain FTP, unless TLS was asked for', async () => {
    expect(await loadFtpTls(plain, silentLogger)).toBeUndefined();
    expect(tlsModeOf(plain)).toBe('none');
    expect(await refusal({ implicit: true, require: false })).toBe('--implicit-tls needs --cert and --key');
    expect(await refusal({ implicit: false, require: true })).toBe('--require-tls needs --cert and --key');
  });

  it('a certificate needs its key and the other way round', async () => {
    expect(await refusal({ ...plain, certFile })).toMatch(/^--cert needs --key/);
    expect(await refusal({ ...plain, keyFile })).toMatch(/^--key needs --cert/);
  });

  it('loads a matching pair, keeping the implicit and require choices', async () => {
    const tls = await loadFtpTls({ certFile, keyFile, implicit: true, require: true }, silentLogger);
    expect(tls).toMatchObject({ implicit: true, require: true });
    expect(tls?.cert.toString()).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(tls?.key.toString()).toMatch(/PRIVATE KEY-----/);
    expect(tlsModeOf({ certFile, keyFile, implicit: false, require: false })).toBe('explicit');
    expect(tlsModeOf({ certFile, keyFile, implicit: true, require: false })).toBe('implicit');
  });

  it('refuses unreadable, non-PEM, encrypted and mismatched files', async () => {
    expect(await refusal({ ...plain, certFile: path.join(dir, 'missing.pem'), keyFile })).toMatch(/^--cert: cannot read .*missing\.pem: no such file$/);
    expect(await refusal({ ...plain, certFile: dir, keyFile })).toMatch(/^--cert: cannot read .*: it is a directory$/);
    const junk = path.join(dir, 'junk.pem');
    await writeFile(junk, 'not a pem file\n');
    expect(await refusal({ ...plain, certFile: junk, keyFile })).toMatch(/^--cert: .*junk\.pem holds no PEM certificate$/);
    expect(await refusal({ ...plain, certFile, keyFile: junk })).toMatch(/^--key: .*junk\.pem holds no unencrypted PEM private key$/);
    expect(await refusal({ ...plain, certFile: keyFile, keyFile })).toMatch(/holds no PEM certificate/);
    expect(await refusal({ ...plain, certFile, keyFile: otherKeyFile })).toMatch(/^--cert and --key do not belong together/);
    const encrypted = path.join(dir, 'encrypted.pem');
    await promisify(execFile)('openssl', [
      'genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-aes256', '-pass', 'pass:secret', '-out', encrypted,
    ]);
    expect(await refusal({ ...plain, certFile, keyFile: encrypted })).toMatch(/holds no unencrypted PEM private key/);
  });

  it('refuses a huge file without reading all of it', async () => {
    const big = path.join(dir, 'big.pem');
    await writeFile(big, Buffer.alloc(2 * 1024 * 1024, 0x41));
    expect(await refusal({ ...plain, certFile: big, keyFile })).toMatch(/^--cert: .*big\.pem is too large for a PEM file$/);
  });
});
