// The live-session registry both servers use: caps overall and per address, listing, ending a
// user's sessions through the function each server gave, leases on an authenticator's result,
// and logins that became invalid before the session opened.
import { describe, expect, it } from 'vitest';
import { SessionRegistry, endSessionsOnRevoke } from '../../../../src-main/servers/index.js';
import { UserStore, createUserAuthenticator } from '../../../../src-main/servers/auth/index.js';
import type { AuthSuccess } from '../../../../src-main/servers/auth/index.js';

const auth = (user: string, extra: Partial<AuthSuccess> = {}): AuthSuccess => ({ ok: true, user, root: '/', readOnly: false, ...extra });

describe('SessionRegistry', () => {
  it('caps sessions per address and in total, across protocols', () => {
    const registry = new SessionRegistry({ maxSessions: 3, maxSessionsPerIp: 2 });
    const open = (ip: string, protocol: 'sftp' | 'ftp' = 'sftp') => registry.open({ protocol, clientIp: ip, auth: auth('u'), end: () => undefined });
    const a = open('10.0.0.1');
    expect(a.ok).toBe(true);
    expect(open('10.0.0.1', 'ftp').ok).toBe(true);
    expect(open('10.0.0.1')).toEqual({ ok: false, reason: 'too many sessions from this address' });
    expect(open('10.0.0.2').ok).toBe(true);
    expect(open('10.0.0.3')).toEqual({ ok: false, reason: 'too many sessions' });
    if (a.ok) {
      a.lease.close();
      a.lease.close();
    }
    expect(registry.size).toBe(2);
    expect(open('10.0.0.3').ok).toBe(true);
    expect(registry.list().map((s) => [s.protocol, s.clientIp])).toEqual([['ftp', '10.0.0.1'], ['sftp', '10.0.0.2'], ['sftp', '10.0.0.3']]);
    expect(() => new SessionRegistry({ maxSessions: 0 })).toThrow(/maxSessions/);
  });

  it('ends all sessions of one user through each session\'s own end function', () => {
    const registry = new SessionRegistry();
    const ended: string[] = [];
    for (const [user, id] of [['alice', 'a1'], ['bob', 'b1'], ['alice', 'a2']] as const) {
      registry.open({ protocol: 'sftp', clientIp: '127.0.0.1', auth: auth(user), end: (why) => ended.push(`${id}:${why}`) });
    }
    expect(registry.endUser('alice', 'disabled')).toBe(2);
    expect(ended).toEqual(['a1:disabled', 'a2:disabled']);
    expect(registry.endUser('carol', 'x')).toBe(0);
  });

  it('takes the authenticator\'s lease on open and gives it back on close', () => {
    const registry = new SessionRegistry();
    let leases = 0;
    const result = auth('p', { acquire: () => (leases++, () => void leases--) });
    const a = registry.open({ protocol: 'ftp', clientIp: '::1', auth: result, end: () => undefined });
    const b = registry.open({ protocol: 'ftp', clientIp: '::1', auth: result, end: () => undefined });
    expect(leases).toBe(2);
    if (a.ok) a.lease.close();
    if (a.ok) a.lease.close();
    expect(leases).toBe(1);
    if (b.ok) b.lease.close();
    expect(leases).toBe(0);
  });

  it('refuses to open a session for a login that was invalidated meanwhile', () => {
    const registry = new SessionRegistry();
    expect(registry.open({ protocol: 'sftp', clientIp: '::1', auth: auth('x', { valid: () => false }), end: () => undefined })).toEqual({
      ok: false,
      reason: 'the account changed during login',
    });
    expect(registry.size).toBe(0);
  });

  it('ends a user\'s sessions when the store takes access away, and not for a password change', async () => {
    const store = new UserStore({ scrypt: { ln: 10, r: 8, p: 1 } });
    await store.add({ name: 'alice', password: 'alice-password' });
    const registry = new SessionRegistry();
    const authenticator = createUserAuthenticator(store, { failureDelayMs: 0, scrypt: { ln: 10, r: 8, p: 1 } });
    const unbind = endSessionsOnRevoke(store, registry);
    const result = await authenticator.password('alice', 'alice-password', '::1');
    if (!result.ok) throw new Error('login failed');
    const ended: string[] = [];
    const opened = registry.open({ protocol: 'sftp', clientIp: '::1', auth: result, end: (why) => ended.push(why) });
    expect(opened.ok).toBe(true);
    await store.setPassword('alice', 'other-password');
    expect(ended).toEqual([]);
    store.update('alice', { enabled: false });
    expect(ended).toEqual(['the account was changed']);
    // The old login can no longer open a session.
    expect(registry.open({ protocol: 'ftp', clientIp: '::1', auth: result, end: () => undefined }).ok).toBe(false);
    store.update('alice', { enabled: true });
    store.remove('alice');
    expect(ended).toEqual(['the account was changed', 'the account was deleted']);
    unbind();
  });
});
