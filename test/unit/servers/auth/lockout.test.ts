// Brute-force lockout with an injected clock: ten failures within ten minutes ban an address for
// fifteen, even for the right password; other addresses are unaffected; bans expire, can be
// listed and lifted. Through guardAuthenticator, the ban looks exactly like a wrong password.
import { describe, expect, it } from 'vitest';
import { LoginLockout, createStaticAuthenticator, guardAuthenticator, parsePublicKeyLine } from '../../../../src-main/servers/auth/index.js';
import { ed25519Pair } from './auth-test-kit.js';

const MIN = 60_000;

function fakeClock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('LoginLockout', () => {
  it('bans an address on the tenth failure within ten minutes, for fifteen minutes', () => {
    const clock = fakeClock();
    const lockout = new LoginLockout({}, clock.now);
    for (let i = 0; i < 9; i++) {
      expect(lockout.recordFailure('10.0.0.1')).toBe(false);
      clock.advance(MIN);
    }
    expect(lockout.isBanned('10.0.0.1')).toBe(false);
    expect(lockout.failureCount('10.0.0.1')).toBe(9);
    expect(lockout.recordFailure('10.0.0.1')).toBe(true);
    expect(lockout.isBanned('10.0.0.1')).toBe(true);
    expect(lockout.isBanned('10.0.0.2')).toBe(false);
    expect(lockout.bans()).toEqual([{ ip: '10.0.0.1', since: clock.now(), until: clock.now() + 15 * MIN }]);
    clock.advance(15 * MIN - 1);
    expect(lockout.isBanned('10.0.0.1')).toBe(true);
    clock.advance(1);
    expect(lockout.isBanned('10.0.0.1')).toBe(false);
    expect(lockout.bans()).toEqual([]);
    // After the ban the count starts again from zero.
    expect(lockout.failureCount('10.0.0.1')).toBe(0);
    expect(lockout.recordFailure('10.0.0.1')).toBe(false);
  });

  it('forgets failures older than the window', () => {
    const clock = fakeClock();
    const lockout = new LoginLockout({}, clock.now);
    for (let i = 0; i < 9; i++) lockout.recordFailure('10.0.0.1');
    clock.advance(10 * MIN + 1);
    expect(lockout.recordFailure('10.0.0.1')).toBe(false);
    expect(lockout.failureCount('10.0.0.1')).toBe(1);
  });

  it('takes its numbers from settings, validates them, and lifts a ban on request', () => {
    const clock = fakeClock();
    const lockout = new LoginLockout({ maxFailures: 3, windowMs: MIN, banMs: 5 * MIN }, clock.now);
    lockout.recordFailure('::1');
    lockout.recordFailure('::1');
    expect(lockout.recordFailure('::1')).toBe(true);
    expect(lockout.bans().map((b) => b.until - b.since)).toEqual([5 * MIN]);
    expect(lockout.lift('::1')).toBe(true);
    expect(lockout.lift('::1')).toBe(false);
    expect(lockout.isBanned('::1')).toBe(false);
    expect(lockout.failureCount('::1')).toBe(0);
    expect(() => new LoginLockout({ maxFailures: 0 })).toThrow(/maxFailures must be a positive whole number/);
    expect(() => new LoginLockout({ banMs: 1.5 })).toThrow(/banMs/);
  });

  it('tells listeners about new bans', () => {
    const lockout = new LoginLockout({ maxFailures: 2 });
    const seen: string[] = [];
    lockout.onBan((b) => seen.push(b.ip));
    lockout.recordFailure('1.2.3.4');
    lockout.recordFailure('1.2.3.4');
    expect(seen).toEqual(['1.2.3.4']);
  });
});

describe('guardAuthenticator', () => {
  it('refuses a banned address even with the right password, the same way and after the same delay', async () => {
    const clock = fakeClock();
    const lockout = new LoginLockout({ maxFailures: 3 }, clock.now);
    const inner = createStaticAuthenticator({ user: 'alice', password: 'right', failureDelayMs: 100 });
    const auth = guardAuthenticator(inner, lockout, { failureDelayMs: 100 });
    for (let i = 0; i < 3; i++) expect(await auth.password('alice', 'wrong', '10.0.0.9')).toEqual({ ok: false });
    expect(lockout.isBanned('10.0.0.9')).toBe(true);
    const t = performance.now();
    expect(await auth.password('alice', 'right', '10.0.0.9')).toEqual({ ok: false });
    expect(performance.now() - t).toBeGreaterThanOrEqual(95);
    // Refusals while banned do not extend the ban.
    expect(lockout.bans()[0]?.until).toBe(clock.now() + 15 * MIN);
    expect((await auth.password('alice', 'right', '10.0.0.10')).ok).toBe(true);
    clock.advance(15 * MIN);
    expect((await auth.password('alice', 'right', '10.0.0.9')).ok).toBe(true);
  });

  it('does not count key lookups as failures, but refuses keys from a banned address', async () => {
    const lockout = new LoginLockout({ maxFailures: 2 });
    const line = ed25519Pair().public;
    const parsed = parsePublicKeyLine(line);
    if ('reason' in parsed) throw new Error(parsed.reason);
    const stranger = parsePublicKeyLine(ed25519Pair().public);
    if ('reason' in stranger) throw new Error(stranger.reason);
    const auth = guardAuthenticator(createStaticAuthenticator({ authorizedKeys: [parsed], failureDelayMs: 0 }), lockout, { failureDelayMs: 0 });
    for (let i = 0; i < 5; i++) expect((await auth.publicKey('u', { algo: stranger.type, data: stranger.blob }, '10.1.1.1')).ok).toBe(false);
    expect(lockout.failureCount('10.1.1.1')).toBe(0);
    expect((await auth.publicKey('u', { algo: parsed.type, data: parsed.blob }, '10.1.1.1')).ok).toBe(true);
    lockout.recordFailure('10.1.1.1');
    lockout.recordFailure('10.1.1.1');
    expect((await auth.publicKey('u', { algo: parsed.type, data: parsed.blob }, '10.1.1.1')).ok).toBe(false);
  });
});
