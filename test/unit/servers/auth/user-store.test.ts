// A share's users: validation with clear messages, passwords kept only as scrypt hashes, keys
// imported line by line with per-line errors, saved records that load back (and bad ones that do
// not), and change events that say when access was taken away.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KeyImportError,
  MAX_KEY_TEXT_BYTES,
  UserStore,
  UserStoreError,
  importKeys,
  importKeysFromFile,
  verifyPassword,
} from '../../../../src-main/servers/auth/index.js';
import type { UserChange, UserRecord } from '../../../../src-main/servers/auth/index.js';
import { ed25519Pair } from './auth-test-kit.js';

const { utils } = ssh2;
const CHEAP = { scrypt: { ln: 10, r: 8, p: 1 } };

function pubLine(comment: string, type: 'ed25519' | 'ecdsa' = 'ed25519'): string {
  const pair = type === 'ed25519' ? ed25519Pair() : utils.generateKeyPairSync('ecdsa', { bits: 256 });
  return `${pair.public.trim().split(' ').slice(0, 2).join(' ')} ${comment}`;
}

describe('UserStore', () => {
  it('adds users with defaults and stores only the scrypt hash of the password', async () => {
    const store = new UserStore(CHEAP);
    const alice = await store.add({ name: 'alice', password: 'wonderland-42' });
    expect(alice).toEqual({ name: 'alice', hasPassword: true, keys: [], root: '/', readOnly: false, enabled: true });
    const bob = await store.add({ name: 'bob', root: 'projects//x/', readOnly: true });
    expect(bob).toMatchObject({ name: 'bob', hasPassword: false, root: '/projects/x', readOnly: true });
    const records = store.toRecords();
    const text = JSON.stringify(records);
    expect(text).not.toContain('wonderland');
    const hash = records.find((r) => r.name === 'alice')?.passwordHash ?? '';
    expect(hash.startsWith('$scrypt$')).toBe(true);
    expect(await verifyPassword('wonderland-42', hash)).toBe(true);
    expect(records.find((r) => r.name === 'bob')?.passwordHash).toBeUndefined();
  });

  it('refuses bad names, roots, passwords and duplicates with a reason', async () => {
    const store = new UserStore(CHEAP);
    await store.add({ name: 'alice' });
    const refusals: [Parameters<UserStore['add']>[0], RegExp][] = [
      [{ name: '' }, /required/],
      [{ name: 'has space' }, /may only contain/],
      [{ name: '-dash' }, /may not start/],
      [{ name: 'x'.repeat(65) }, /at most 64/],
      [{ name: 'new\nline' }, /may only contain/],
      [{ name: 'alice' }, /already exists/],
      [{ name: 'ALICE' }, /differing only in case/],
      [{ name: 'carol', root: '/a/../../etc' }, /may not contain "\.\."/],
      [{ name: 'carol', root: '/a\u0000b' }, /control characters/],
      [{ name: 'carol', password: 'short' }, /at least 8/],
      [{ name: 'carol', password: 'x'.repeat(1025) }, /at most 1024/],
    ];
    for (const [input, message] of refusals) {
      const err = await store.add(input).then(() => undefined, (e: unknown) => e);
      expect(err, JSON.stringify(input)).toBeInstanceOf(UserStoreError);
      expect((err as Error).message).toMatch(message);
    }
    expect(store.list().map((u) => u.name)).toEqual(['alice']);
  });

  it('changes, resets and clears passwords; a generated password is returned once and works', async () => {
    const store = new UserStore(CHEAP);
    await store.add({ name: 'alice', password: 'first-password' });
    await store.setPassword('alice', 'second-password');
    const hash = store.toRecords()[0]?.passwordHash ?? '';
    expect(await verifyPassword('first-password', hash)).toBe(false);
    expect(await verifyPassword('second-password', hash)).toBe(true);
    const generated = await store.resetPassword('alice');
    expect(generated).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(await verifyPassword(generated, store.toRecords()[0]?.passwordHash ?? '')).toBe(true);
    expect(JSON.stringify(store.toRecords())).not.toContain(generated);
    store.clearPassword('alice');
    expect(store.get('alice')?.hasPassword).toBe(false);
    await expect(store.setPassword('nobody', 'long-enough')).rejects.toThrow(/no user "nobody"/);
  });

  it('imports many keys at once, keeping the good lines and reporting each bad one', async () => {
    const store = new UserStore(CHEAP);
    await store.add({ name: 'alice' });
    const k1 = pubLine('laptop');
    const k2 = pubLine('phone', 'ecdsa');
    const text = ['# my keys', k1, 'ssh-ed25519 AAAA!!notbase64', '', k2, k1, 'ssh-dss AAAAB3NzaC1kc3MAAACBAP== old', 'garbage'].join('\r\n');
    const result = store.addKeys('alice', text);
    expect(result.keys.map((k) => k.comment)).toEqual(['laptop', 'phone']);
    expect(result.errors.map((e) => e.line)).toEqual([3, 6, 7, 8]);
    expect(result.errors[0]?.reason).toMatch(/base64/);
    expect(result.errors[1]?.reason).toBe('same key as line 2');
    expect(result.errors[2]?.reason).toMatch(/DSA/);
    expect(result.errors[3]?.reason).toMatch(/unknown key type/);
    const view = store.get('alice');
    expect(view?.keys.map((k) => [k.type, k.comment])).toEqual([['ssh-ed25519', 'laptop'], ['ecdsa-sha2-nistp256', 'phone']]);
    expect(view?.keys[0]?.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    // Importing the same key again says so instead of adding it twice.
    const again = store.addKeys('alice', k1);
    expect(again.keys).toEqual([]);
    expect(again.errors[0]?.reason).toMatch(/already authorized/);
    expect(store.removeKey('alice', view?.keys[0]?.fingerprint ?? '')).toBe(true);
    expect(store.removeKey('alice', 'SHA256:nope')).toBe(false);
    expect(store.get('alice')?.keys.map((k) => k.comment)).toEqual(['phone']);
  });

  it('refuses a pasted private key with one message and never echoes it', () => {
    const pair = ed25519Pair();
    const result = importKeys(`${pubLine('ok')}\n${pair.private}`);
    expect(result.keys).toEqual([]);
    expect(result.errors).toEqual([{ line: 2, reason: 'this is a private key; give the public key (the .pub file) instead' }]);
    expect(importKeys('ssh-ed25519 AAAA\0').errors[0]?.reason).toMatch(/not a text file/);
    expect(importKeys('#'.repeat(MAX_KEY_TEXT_BYTES + 1)).errors[0]?.reason).toMatch(/larger than/);
  });

  it('saves records that load back, and refuses tampered records naming the user', async () => {
    const store = new UserStore(CHEAP);
    await store.add({ name: 'alice', password: 'alice-password', root: '/a' });
    await store.add({ name: 'bob', readOnly: true, enabled: false });
    store.addKeys('bob', pubLine('bob-key'));
    const records = JSON.parse(JSON.stringify(store.toRecords())) as UserRecord[];
    const loaded = UserStore.fromRecords(records, CHEAP);
    expect(loaded.list()).toEqual(store.list());
    expect(loaded.toRecords()).toEqual(records);

    const bad = (change: (r: Record<string, unknown>[]) => void, message: RegExp): void => {
      const copy = JSON.parse(JSON.stringify(records)) as Record<string, unknown>[];
      change(copy);
      expect(() => UserStore.fromRecords(copy as unknown as UserRecord[])).toThrow(message);
    };
    bad((r) => (r[0]!.passwordHash = 'plaintext!'), /user "alice": the stored password is not an scrypt hash/);
    bad((r) => (r[1]!.keys = [{ type: 'ssh-ed25519', data: 'AAAA', comment: '' }]), /user "bob": a stored key is not valid/);
    bad((r) => (r[1]!.name = 'ALICE'), /already exists/);
    bad((r) => (r[0]!.readOnly = 'yes'), /readOnly must be true or false/);
    bad((r) => (r[0]!.root = '../up'), /user "alice".*"\.\."/);
    bad((r) => r.push(null as unknown as Record<string, unknown>), /user #3: not a user record/);
  });

  it('announces changes and says which ones take access away', async () => {
    const store = new UserStore(CHEAP);
    const changes: UserChange[] = [];
    store.onChange((c) => changes.push(c));
    await store.add({ name: 'alice', password: 'alice-password' });
    await store.setPassword('alice', 'another-password');
    store.addKeys('alice', pubLine('k'));
    store.update('alice', { readOnly: false });
    store.update('alice', { readOnly: true });
    store.update('alice', { readOnly: false });
    store.update('alice', { root: '/elsewhere' });
    store.update('alice', { enabled: false });
    store.update('alice', { enabled: true });
    expect(store.remove('alice')).toBe(true);
    expect(store.remove('alice')).toBe(false);
    expect(changes.map((c) => `${c.kind}:${String(c.accessRevoked)}`)).toEqual([
      'added:false',
      'updated:false', // password
      'updated:false', // key added
      'updated:false', // no real change
      'updated:true', // made read-only
      'updated:false', // write access given back
      'updated:true', // new root
      'updated:true', // disabled
      'updated:false', // enabled again
      'removed:true',
    ]);
  });
});

describe('importKeysFromFile', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-keyimport-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads an authorized_keys file and reports its bad lines', async () => {
    const file = path.join(dir, 'authorized_keys');
    await writeFile(file, `${pubLine('a')}\nnot a key\n${pubLine('b')}\n`);
    const result = await importKeysFromFile(file);
    expect(result.keys.map((k) => [k.line, k.comment]), JSON.stringify(result.errors)).toEqual([[1, 'a'], [3, 'b']]);
    expect(result.errors).toEqual([{ line: 2, reason: 'unknown key type "not"' }]);
  });

  it('adds the keys of a file to a user, skipping the ones already there', async () => {
    const store = new UserStore(CHEAP);
    await store.add({ name: 'alice' });
    const first = pubLine('first');
    store.addKeys('alice', first);
    const file = path.join(dir, 'alice.pub');
    await writeFile(file, `${first}\n${pubLine('second')}\nssh-rsa AAAA\n`);
    const result = await store.addKeysFromFile('alice', file);
    expect(result.keys.map((k) => k.comment)).toEqual(['second']);
    expect(result.errors.map((e) => [e.line, e.reason.replace(/SHA256:\S+/, 'FP')])).toEqual([
      [1, 'key FP is already authorized for this user'],
      [3, 'key data is truncated or malformed'],
    ]);
    expect(store.get('alice')?.keys.map((k) => k.comment)).toEqual(['first', 'second']);
    await expect(store.addKeysFromFile('alice', path.join(dir, 'missing'))).rejects.toThrow(/no such file/);
    await expect(store.addKeysFromFile('nobody', file)).rejects.toThrow(/no user "nobody"/);
  });

  it('explains a missing file, a folder and a file far too large', async () => {
    await expect(importKeysFromFile(path.join(dir, 'missing'))).rejects.toThrow(/no such file/);
    await mkdir(path.join(dir, 'folder'));
    await expect(importKeysFromFile(path.join(dir, 'folder'))).rejects.toThrow(/it is a folder/);
    const big = path.join(dir, 'big');
    await writeFile(big, Buffer.alloc(MAX_KEY_TEXT_BYTES + 10, 0x23));
    const err = await importKeysFromFile(big).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyImportError);
    expect((err as Error).message).toMatch(/larger than 1024 KiB/);
  });
});
