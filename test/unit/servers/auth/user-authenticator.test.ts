// The authenticator over a UserStore: passwords and keys per user, disabled users refused, the
// same reply after the same time for an unknown user and a wrong password, and changes to an
// account that win over a login decided at the same moment.
import { describe, expect, it } from 'vitest';
import { UserStore, createUserAuthenticator, hashPassword, parsePublicKeyLine } from '../../../../src-main/servers/auth/index.js';
import type { AuthResult, PublicKeyCredential } from '../../../../src-main/servers/auth/index.js';
import { ed25519Pair } from './auth-test-kit.js';

const SCRYPT = { ln: 12, r: 8, p: 1 };
const IP = '127.0.0.1';

function keyPair(): { line: string; credential: PublicKeyCredential } {
  const line = ed25519Pair().public;
  const parsed = parsePublicKeyLine(line);
  if ('reason' in parsed) throw new Error(parsed.reason);
  return { line, credential: { algo: parsed.type, data: parsed.blob } };
}

async function storeWithAlice(): Promise<UserStore> {
  const store = new UserStore({ scrypt: SCRYPT });
  await store.add({ name: 'alice', password: 'alice-password', root: '/alice' });
  await store.add({ name: 'bob', password: 'bob-password', root: '/shared', readOnly: true });
  return store;
}

function ok(result: AuthResult): { user: string; root: string; readOnly: boolean } {
  if (!result.ok) throw new Error('expected success');
  return { user: result.user, root: result.root, readOnly: result.readOnly };
}

describe('createUserAuthenticator', () => {
  it('logs users in with their own root and rights, and refuses everything else', async () => {
    const store = await storeWithAlice();
    const auth = createUserAuthenticator(store, { failureDelayMs: 0, scrypt: SCRYPT });
    expect(auth.methods).toEqual(['password', 'publickey']);
    expect(ok(await auth.password('alice', 'alice-password', IP))).toEqual({ user: 'alice', root: '/alice', readOnly: false });
    expect(ok(await auth.password('bob', 'bob-password', IP))).toEqual({ user: 'bob', root: '/shared', readOnly: true });
    expect(await auth.password('alice', 'bob-password', IP)).toEqual({ ok: false });
    expect(await auth.password('Alice', 'alice-password', IP)).toEqual({ ok: false });
    expect(await auth.password('carol', 'alice-password', IP)).toEqual({ ok: false });
    expect(await auth.password('alice', `alice-password${'x'.repeat(2000)}`, IP)).toEqual({ ok: false });
    expect(await auth.noAuth('alice', IP)).toEqual({ ok: false });
  });

  it('accepts a user\'s authorized keys only for that user', async () => {
    const store = await storeWithAlice();
    const auth = createUserAuthenticator(store, { failureDelayMs: 0, scrypt: SCRYPT });
    const mine = keyPair();
    const other = keyPair();
    store.addKeys('alice', mine.line);
    expect(ok(await auth.publicKey('alice', mine.credential, IP)).root).toBe('/alice');
    expect((await auth.publicKey('bob', mine.credential, IP)).ok).toBe(false);
    expect((await auth.publicKey('alice', other.credential, IP)).ok).toBe(false);
    expect((await auth.publicKey('nobody', mine.credential, IP)).ok).toBe(false);
    // The algorithm must match the stored key's type.
    expect((await auth.publicKey('alice', { algo: 'ssh-rsa', data: mine.credential.data }, IP)).ok).toBe(false);
  });

  it('refuses a disabled user with the right password or key, and takes them back when enabled', async () => {
    const store = await storeWithAlice();
    const auth = createUserAuthenticator(store, { failureDelayMs: 0, scrypt: SCRYPT });
    const key = keyPair();
    store.addKeys('alice', key.line);
    store.update('alice', { enabled: false });
    expect((await auth.password('alice', 'alice-password', IP)).ok).toBe(false);
    expect((await auth.publicKey('alice', key.credential, IP)).ok).toBe(false);
    store.update('alice', { enabled: true });
    expect((await auth.password('alice', 'alice-password', IP)).ok).toBe(true);
  });

  it('gives an unknown user, a wrong password, a disabled user and a key-only user the same reply and delay', async () => {
    const store = await storeWithAlice();
    await store.add({ name: 'dave', password: 'dave-password', enabled: false });
    await store.add({ name: 'erin' });
    const auth = createUserAuthenticator(store, { failureDelayMs: 250, scrypt: SCRYPT });
    const time = async (user: string, pass: string): Promise<[AuthResult, number]> => {
      const t = performance.now();
      const r = await auth.password(user, pass, IP);
      return [r, performance.now() - t];
    };
    await time('warm-up', 'x');
    const results = [await time('mallory', 'alice-password'), await time('alice', 'wrong'), await time('dave', 'dave-password'), await time('erin', 'anything')];
    for (const [r, ms] of results) {
      expect(r).toEqual({ ok: false });
      expect(ms).toBeGreaterThanOrEqual(245);
      expect(ms).toBeLessThan(400);
    }
    const spread = Math.max(...results.map(([, ms]) => ms)) - Math.min(...results.map(([, ms]) => ms));
    expect(spread).toBeLessThan(60);
  });

  it('still runs scrypt for unknown users (no fast path that a longer delay would have to hide)', async () => {
    const store = new UserStore({ scrypt: { ln: 15, r: 8, p: 1 } });
    await store.add({ name: 'alice', password: 'alice-password' });
    const auth = createUserAuthenticator(store, { failureDelayMs: 0 });
    await auth.password('warm-up', 'x', IP);
    const t1 = performance.now();
    await auth.password('alice', 'wrong-password', IP);
    const wrong = performance.now() - t1;
    const t2 = performance.now();
    await auth.password('nobody-at-all', 'wrong-password', IP);
    const unknown = performance.now() - t2;
    // Both pay one full-cost scrypt (tens of milliseconds at ln=15); neither returns at once.
    expect(wrong).toBeGreaterThan(20);
    expect(unknown).toBeGreaterThan(wrong * 0.5);
  });

  it('refuses the old password as soon as it is changed, even while a check is running', async () => {
    // The stored hash is slow to check (ln=15) and the new one quick to make (ln=10), so the change
    // lands while the login with the old password is still being checked.
    const store = UserStore.fromRecords(
      [{ name: 'alice', passwordHash: await hashPassword('alice-password', { ln: 15, r: 8, p: 1 }), keys: [], root: '/', readOnly: false, enabled: true }],
      { scrypt: { ln: 10, r: 8, p: 1 } },
    );
    const auth = createUserAuthenticator(store, { failureDelayMs: 0, scrypt: { ln: 10, r: 8, p: 1 } });
    const racing = auth.password('alice', 'alice-password', IP);
    await store.setPassword('alice', 'new-alice-password');
    expect((await racing).ok).toBe(false);
    expect((await auth.password('alice', 'alice-password', IP)).ok).toBe(false);
    expect((await auth.password('alice', 'new-alice-password', IP)).ok).toBe(true);
  });

  it('marks a login invalid once the account is disabled, moved, made read-only or deleted', async () => {
    const store = await storeWithAlice();
    const auth = createUserAuthenticator(store, { failureDelayMs: 0, scrypt: SCRYPT });
    const check = async (change: () => void): Promise<boolean> => {
      const result = await auth.password('alice', 'alice-password', IP);
      if (!result.ok || !result.valid) throw new Error('expected a login with valid()');
      expect(result.valid()).toBe(true);
      change();
      return result.valid();
    };
    expect(await check(() => store.addKeys('alice', keyPair().line))).toBe(true);
    expect(await check(() => store.update('alice', { readOnly: true }))).toBe(false);
    store.update('alice', { readOnly: false });
    expect(await check(() => store.update('alice', { root: '/moved' }))).toBe(false);
    expect(await check(() => store.update('alice', { enabled: false }))).toBe(false);
    store.update('alice', { enabled: true });
    expect(await check(() => store.remove('alice'))).toBe(false);
  });
});
