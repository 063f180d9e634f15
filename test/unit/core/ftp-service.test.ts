// startFtpService in-process: a real server on 127.0.0.1:0 that a real client (ftplib) logs into,
// the warnings for plain FTP reachable from other machines, configuration mistakes as
// ServiceConfigError, a busy port as a plain error, and an idempotent stop that frees the port.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback } from '../../../src-main/core/ftp-service.js';
import { ServiceConfigError, startFtpService } from '../../../src-main/core/index.js';
import type { FtpServiceConfig } from '../../../src-main/core/index.js';
import { python } from '../../helpers/ftp-clients.js';
import { makeSelfSignedCert, recordingLogger } from '../../helpers/ftp-harness.js';

let dir: string;
let share: string;
let cert: { certFile: string; keyFile: string };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-ftp-service-'));
  share = path.join(dir, 'share');
  await mkdir(share);
  await writeFile(path.join(share, 'hello.txt'), 'hello');
  cert = { certFile: (await makeSelfSignedCert(dir)).certPath, keyFile: path.join(dir, 'key.pem') };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function config(overrides: Partial<FtpServiceConfig> = {}, logs: string[] = []): FtpServiceConfig {
  return {
    source: { kind: 'path', spec: { type: 'local', root: share } },
    host: '127.0.0.1',
    port: 0,
    auth: { user: 'bob', pass: 'pw' },
    passivePorts: { min: 0, max: 0 },
    tls: { implicit: false, require: false },
    files: {
      readOnly: false,
      filePerms: 0o666,
      dirPerms: 0o777,
      umask: 0o002,
      overridePerms: false,
      noModTime: false,
      noChecksum: false,
    },
    logger: recordingLogger(logs),
    ...overrides,
  };
}

async function startError(overrides: Partial<FtpServiceConfig>): Promise<Error> {
  const result = await startFtpService(config(overrides)).then(
    async (service) => {
      await service.stop();
      return undefined;
    },
    (e: unknown) => e as Error,
  );
  expect(result).toBeInstanceOf(Error);
  return result as Error;
}

describe('startFtpService', () => {
  it('serves the folder to the configured user and stops cleanly, once', async () => {
    const service = await startFtpService(config());
    expect(service.address.host).toBe('127.0.0.1');
    expect(service.address.port).toBeGreaterThan(0);
    expect(service.tlsMode).toBe('none');
    expect(service.tlsRequired).toBe(false);
    const got = await python<string>({ host: '127.0.0.1', port: service.address.port, user: 'bob', pass: 'pw' }, `
f = connect()
f.storbinary('STOR up.txt', io.BytesIO(b'uploaded'))
b = io.BytesIO(); f.retrbinary('RETR hello.txt', b.write)
f.quit()
out(b.getvalue().decode())
`);
    expect(got).toBe('hello');
    expect(await readFile(path.join(share, 'up.txt'), 'utf8')).toBe('uploaded');
    service.forget();
    const first = service.stop();
    expect(service.stop()).toBe(first);
    await first;
    // The port is free again.
    const again = await startFtpService(config({ port: service.address.port }));
    expect(again.address.port).toBe(service.address.port);
    await again.stop();
  });

  it('reports its TLS mode', async () => {
    const explicit = await startFtpService(config({ tls: { ...cert, implicit: false, require: false } }));
    expect([explicit.tlsMode, explicit.tlsRequired]).toEqual(['explicit', false]);
    await explicit.stop();
    const required = await startFtpService(config({ tls: { ...cert, implicit: false, require: true } }));
    expect([required.tlsMode, required.tlsRequired]).toEqual(['explicit', true]);
    await required.stop();
    const implicit = await startFtpService(config({ tls: { ...cert, implicit: true, require: false } }));
    expect([implicit.tlsMode, implicit.tlsRequired]).toEqual(['implicit', true]);
    await implicit.stop();
  });

  it('warns about plain FTP and open logins on every interface, and not on loopback', async () => {
    const quiet: string[] = [];
    await (await startFtpService(config({ auth: { user: 'anonymous' } }, quiet))).stop();
    expect(quiet.filter((l) => l.startsWith('warn'))).toEqual([]);

    const open: string[] = [];
    await (await startFtpService(config({ host: '', auth: { user: 'anonymous' } }, open))).stop();
    const warnings = open.filter((l) => l.startsWith('warn')).join('\n');
    expect(warnings).toContain('every network interface');
    expect(warnings).toContain('FTP is unencrypted');
    expect(warnings).toContain('anyone who can reach the port can log in as "anonymous"');

    const optional: string[] = [];
    await (await startFtpService(config({ host: '', tls: { ...cert, implicit: false, require: false } }, optional))).stop();
    expect(optional.join('\n')).not.toContain('unencrypted');
    expect(optional.join('\n')).toContain('add --require-tls');

    const required: string[] = [];
    await (await startFtpService(config({ host: '', tls: { ...cert, implicit: false, require: true } }, required))).stop();
    expect(required.filter((l) => l.startsWith('warn') && /TLS|unencrypted/.test(l))).toEqual([]);
  });

  it('turns configuration mistakes into ServiceConfigError', async () => {
    const cases: [Partial<FtpServiceConfig>, RegExp][] = [
      [{ source: { kind: 'path', spec: { type: 'local', root: path.join(dir, 'missing') } } }, /^PATH .*missing does not exist$/],
      [{ source: { kind: 'path', spec: { type: 'local', root: path.join(share, 'hello.txt') } } }, /is not a directory$/],
      [{ publicIp: 'example.com' }, /public IP "example\.com"/],
      [{ publicIp: '::1' }, /public IP "::1"/],
      [{ passivePorts: { min: 3000, max: 2000 } }, /passive port range 3000-2000/],
      [{ auth: { user: '' } }, /--user must not be empty/],
      [{ tls: { implicit: true, require: false } }, /--implicit-tls needs --cert and --key/],
    ];
    for (const [overrides, message] of cases) {
      const err = await startError(overrides);
      expect(err, message.source).toBeInstanceOf(ServiceConfigError);
      expect(err.message).toMatch(message);
    }
  });

  it('reports a busy port as an error that is not a configuration mistake', async () => {
    const first = await startFtpService(config());
    try {
      const err = await startError({ port: first.address.port });
      expect(err).not.toBeInstanceOf(ServiceConfigError);
      expect(err.message).toBe(`cannot listen on 127.0.0.1:${first.address.port}: the address is already in use (is another server running?)`);
    } finally {
      await first.stop();
    }
  });
});

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['::', false],
    ['0.0.0.0', false],
    ['192.168.1.2', false],
    ['::ffff:10.0.0.1', false],
    ['fe80::1', false],
  ])('%s -> %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});
