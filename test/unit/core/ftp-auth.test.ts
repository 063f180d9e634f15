// The one login of `wharf serve ftp`: with --pass the exact pair; without it any password, but only
// for --user (an empty --pass must not let every user name in); refusals are delayed.
import { describe, expect, it } from 'vitest';
import { buildFtpAuthenticator } from '../../../src-main/core/ftp-auth.js';
import { ServiceConfigError } from '../../../src-main/core/index.js';
import { silentLogger } from '../../../src-shared/logger.js';

const fast = { failureDelayMs: 30 };

describe('buildFtpAuthenticator', () => {
  it('with --pass: only the user and password together log in', async () => {
    const auth = buildFtpAuthenticator({ user: 'bob', pass: 'hunter2' }, silentLogger, fast);
    expect(auth.methods).toEqual(['password']);
    expect(await auth.password('bob', 'hunter2', '127.0.0.1')).toMatchObject({ ok: true, user: 'bob', root: '/', readOnly: false });
    expect((await auth.password('bob', 'hunter3', '127.0.0.1')).ok).toBe(false);
    expect((await auth.password('alice', 'hunter2', '127.0.0.1')).ok).toBe(false);
    expect((await auth.password('bob', '', '127.0.0.1')).ok).toBe(false);
  });

  it('without --pass: any password for --user, nobody else', async () => {
    for (const pass of [undefined, '']) {
      const auth = buildFtpAuthenticator({ user: 'anonymous', pass }, silentLogger, fast);
      expect(auth.methods).toEqual(['password']);
      expect((await auth.password('anonymous', 'guest@example.com', '127.0.0.1')).ok).toBe(true);
      expect((await auth.password('anonymous', '', '127.0.0.1')).ok).toBe(true);
      expect((await auth.password('root', 'anything', '127.0.0.1')).ok).toBe(false);
      expect((await auth.password('Anonymous', 'anything', '127.0.0.1')).ok).toBe(false);
      expect((await auth.password('anonymous ', 'anything', '127.0.0.1')).ok).toBe(false);
      // No back door through the other methods the FTP login consults.
      expect((await auth.noAuth('anonymous', '127.0.0.1')).ok).toBe(false);
      expect((await auth.publicKey('anonymous', { algo: 'ssh-ed25519', data: Buffer.alloc(32) }, '127.0.0.1')).ok).toBe(false);
    }
  });

  it('delays a refused login like a wrong password', async () => {
    const auth = buildFtpAuthenticator({ user: 'bob' }, silentLogger, { failureDelayMs: 400 });
    const started = Date.now();
    expect((await auth.password('mallory', 'x', '127.0.0.1')).ok).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    const ok = Date.now();
    expect((await auth.password('bob', 'x', '127.0.0.1')).ok).toBe(true);
    expect(Date.now() - ok).toBeLessThan(300);
  });

  it('refuses an empty user name as a configuration mistake', () => {
    expect(() => buildFtpAuthenticator({ user: '' }, silentLogger)).toThrow(ServiceConfigError);
    expect(() => buildFtpAuthenticator({ user: '', pass: 'x' }, silentLogger)).toThrow('--user must not be empty');
  });
});
