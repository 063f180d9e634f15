// The CLI's authenticator: rclone's rules for who may log in, and failed password checks that
// look (and take) the same whether the user exists or not.
import { describe, expect, it } from 'vitest';
import { createStaticAuthenticator, parsePublicKeyLine } from '../../../../src-main/servers/auth/index.js';
import type { AuthorizedKey } from '../../../../src-main/servers/auth/index.js';
import { ed25519Pair } from './auth-test-kit.js';

function makeKey(): AuthorizedKey {
  const key = parsePublicKeyLine(ed25519Pair().public);
  if ('reason' in key) throw new Error(key.reason);
  return key;
}

const IP = '127.0.0.1';

describe('createStaticAuthenticator', () => {
  it('accepts the configured user and password only', async () => {
    const auth = createStaticAuthenticator({ user: 'alice', password: 's3cret', failureDelayMs: 0 });
    expect(auth.methods).toEqual(['password']);
    expect(await auth.password('alice', 's3cret', IP)).toEqual({ ok: true, user: 'alice', root: '/', readOnly: false });
    expect(await auth.password('alice', 's3cret ', IP)).toEqual({ ok: false });
    expect(await auth.password('bob', 's3cret', IP)).toEqual({ ok: false });
    expect(await auth.password('Alice', 's3cret', IP)).toEqual({ ok: false });
    expect(await auth.noAuth('alice', IP)).toEqual({ ok: false });
  });

  it('makes an unknown user and a wrong password take the same delay', async () => {
    const auth = createStaticAuthenticator({ user: 'alice', password: 's3cret', failureDelayMs: 120 });
    const time = async (user: string, pass: string): Promise<number> => {
      const t = performance.now();
      const r = await auth.password(user, pass, IP);
      expect(r.ok).toBe(false);
      return performance.now() - t;
    };
    const unknown = await time('mallory', 's3cret');
    const wrong = await time('alice', 'nope');
    expect(unknown).toBeGreaterThanOrEqual(110);
    expect(wrong).toBeGreaterThanOrEqual(110);
    expect(Math.abs(unknown - wrong)).toBeLessThan(60);
    // A correct login is not delayed.
    const t = performance.now();
    expect((await auth.password('alice', 's3cret', IP)).ok).toBe(true);
    expect(performance.now() - t).toBeLessThan(60);
  });

  it('lets any user name log in with an authorized key when no user is set (rclone)', async () => {
    const key = makeKey();
    const other = makeKey();
    const auth = createStaticAuthenticator({ authorizedKeys: [key] });
    expect(auth.methods).toEqual(['publickey']);
    expect(await auth.publicKey('anyone', { algo: key.type, data: key.blob }, IP)).toMatchObject({ ok: true, user: 'anyone' });
    expect(await auth.publicKey('anyone', { algo: other.type, data: other.blob }, IP)).toEqual({ ok: false });
    expect(await auth.password('anyone', 'x', IP)).toEqual({ ok: false });
  });

  it('restricts key logins to --user when it is set', async () => {
    const key = makeKey();
    const auth = createStaticAuthenticator({ user: 'alice', authorizedKeys: [key] });
    expect(await auth.publicKey('alice', { algo: key.type, data: key.blob }, IP)).toMatchObject({ ok: true });
    expect(await auth.publicKey('bob', { algo: key.type, data: key.blob }, IP)).toEqual({ ok: false });
  });

  it('allows login without credentials only with noAuth', async () => {
    const open = createStaticAuthenticator({ noAuth: true, readOnly: true });
    expect(open.methods).toEqual(['none']);
    expect(await open.noAuth('guest', IP)).toEqual({ ok: true, user: 'guest', root: '/', readOnly: true });
  });

  it('refuses configurations nobody could log in with, and a password without a user', () => {
    expect(() => createStaticAuthenticator({})).toThrow(/No authentication configured/);
    expect(() => createStaticAuthenticator({ user: 'alice' })).toThrow(/No authentication configured/);
    expect(() => createStaticAuthenticator({ password: 'x' })).toThrow(/needs a user name/);
  });
});
