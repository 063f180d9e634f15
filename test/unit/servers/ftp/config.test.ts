import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../src-shared/logger.js';
import { createStaticAuthenticator } from '../../../../src-main/servers/auth/index.js';
import { createFtpServer, DEFAULT_FTP_LIMITS } from '../../../../src-main/servers/ftp/index.js';
import type { FtpServerConfig } from '../../../../src-main/servers/ftp/index.js';
import { DEFAULT_VFS_OPTIONS, MemoryBackend, Vfs } from '../../../../src-main/vfs/index.js';

const base: FtpServerConfig = {
  vfs: new Vfs(new MemoryBackend(), DEFAULT_VFS_OPTIONS),
  authenticator: createStaticAuthenticator({ user: 'u', password: 'p' }),
  readOnly: false,
  logger: silentLogger,
  passivePorts: { min: 30000, max: 32000 },
};

describe('createFtpServer configuration', () => {
  it('refuses bad values with a clear error', () => {
    expect(() => createFtpServer({ ...base, passivePorts: { min: 32000, max: 30000 } })).toThrow(/passive port range/);
    expect(() => createFtpServer({ ...base, passivePorts: { min: 0, max: 70000 } })).toThrow(/passive port range/);
    expect(() => createFtpServer({ ...base, publicIp: 'example.com' })).toThrow(/public IP/);
    expect(() => createFtpServer({ ...base, limits: { idleMs: 0 } })).toThrow(/idleMs/);
    expect(() => createFtpServer({ ...base, tls: { cert: 'nope', key: 'nope', implicit: false, require: false } })).toThrow(
      /certificate or key could not be loaded/,
    );
  });

  it('accepts defaults and the OS-picked passive range', () => {
    expect(() => createFtpServer({ ...base, passivePorts: { min: 0, max: 0 } })).not.toThrow();
    expect(DEFAULT_FTP_LIMITS.idleMs).toBeGreaterThan(0);
  });
});
