// The forms' checks (contract schemas plus friendlier messages) and the key import's line report.
import { describe, expect, it } from 'vitest';
import type { KeyImportResult } from '../../../src-shared/contract/index.js';
import { rejectedLines, remainingText } from '../../../src-renderer/features/keys/key-lines.js';
import { checkRemoteCreate, checkRemotePatch, remoteInitial } from '../../../src-renderer/features/remotes/remote-form.js';
import { parsePort } from '../../../src-renderer/features/shares/port-text.js';
import { checkCreate, checkPatch, initialValues } from '../../../src-renderer/features/shares/share-form.js';
import { describeLogin, lastLoginText } from '../../../src-renderer/features/users/user-text.js';
import { share } from './fixtures.js';

describe('share form', () => {
  it('files each problem under its field before anything is sent', () => {
    const values = { ...initialValues(undefined, 'localhost'), name: ' ', sftpPort: '70000', userName: '' };
    const checked = checkCreate(values);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.name).toBe('A name is required');
    expect(checked.errors.folder).toBe('A folder is required');
    expect(checked.errors.sftpPort).toMatch(/^Ports go from 1 to 65535/);
    expect(checked.errors.userName).toBe('A user name is required');
  });

  it('builds a create payload, and a patch that leaves the on/off switches alone', () => {
    const values = { ...initialValues(undefined, 'network'), name: 'Photos', folder: '/srv/photos ', ftpEnabled: true };
    const created = checkCreate(values);
    expect(created).toEqual({
      ok: true,
      payload: expect.objectContaining({
        source: { kind: 'local', path: '/srv/photos' },
        sftp: { enabled: true, port: 2022, bind: 'network' },
        ftp: { enabled: true, port: 2121, bind: 'network' },
        authProxy: null,
      }),
    });
    const patch = checkPatch(initialValues(share(), 'localhost'));
    expect(patch.ok && patch.payload.sftp).toEqual({ port: 2022, bind: 'localhost' });
    expect(parsePort('0')).toEqual({ port: 0 });
    expect(parsePort('12ab')).toHaveProperty('error');
  });
});

describe('remote form', () => {
  it('asks for a port in range and a password on create', () => {
    const checked = checkRemoteCreate({ ...remoteInitial(undefined), name: 'nas', host: 'nas.local', port: '99999', user: 'me' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.port).toMatch(/^Type a port number from 1 to 65535/);
    expect(checked.errors.password).toMatch(/^Type the password/);
    expect(checkRemoteCreate({ ...remoteInitial(undefined), name: ' nas', host: 'nas.local', user: 'me', password: 'x' }).ok).toBe(false);
  });

  it('keeps a stored password when the box stays empty, and clears it when switching to a key', () => {
    const before = { name: 'nas', host: 'nas.local', port: 22, user: 'me', hasPassword: true, keyFile: null, hasKeyPassphrase: false, knownHostsFile: null };
    const keep = checkRemotePatch(remoteInitial(before), before);
    expect(keep.ok && 'password' in keep.payload).toBe(false);
    const toKey = checkRemotePatch({ ...remoteInitial(before), auth: 'key', keyFile: '/home/me/.ssh/id_ed25519' }, before);
    expect(toKey.ok && toKey.payload).toEqual(expect.objectContaining({ password: null, keyFile: '/home/me/.ssh/id_ed25519' }));
  });
});

describe('key import report', () => {
  const text = 'ssh-ed25519 AAAA good@a\nssh-rsa broken line here\n-----BEGIN OPENSSH PRIVATE KEY-----';
  it('pairs each rejected line with its text, never echoing a private key', () => {
    const result: KeyImportResult = {
      added: [],
      errors: [
        { line: 2, reason: 'key data is not valid base64' },
        { line: 3, reason: 'this is a private key; give the public key (the .pub file) instead' },
      ],
    };
    const rejected = rejectedLines(text, result);
    expect(rejected).toEqual([
      { line: 2, reason: 'Key data is not valid base64', excerpt: 'ssh-rsa broken line here' },
      { line: 3, reason: 'This is a private key; give the public key (the .pub file) instead', excerpt: '' },
    ]);
    // A private key in the box: the box is emptied rather than kept for another try.
    expect(remainingText(text, rejected)).toBe('');
    expect(remainingText(text, rejected.slice(0, 1))).toBe('ssh-rsa broken line here');
  });
});

describe('user table text', () => {
  const user = { name: 'ann', hasPassword: false, keys: [], root: '/', readOnly: false, enabled: true, lastLogin: null };
  it('says how a user logs in, and when nothing would let them', () => {
    expect(describeLogin(user)).toEqual({ text: 'Nothing yet: cannot log in', usable: false });
    expect(describeLogin({ ...user, hasPassword: true, keys: [{ type: 'ssh-ed25519', fingerprint: 'SHA256:x', comment: '' }] }).text).toBe('Password, 1 key');
    expect(lastLoginText(user, 2)).toBe('Connected now (2)');
    expect(lastLoginText(user, 0)).toBe('—');
    const at = Date.UTC(2024, 4, 6, 7, 8, 9);
    expect(lastLoginText({ ...user, lastLogin: at }, 0)).toMatch(/^2024-05-0[5-7] \d\d:\d8:09$/);
    expect(lastLoginText({ ...user, lastLogin: at }, 1)).toBe('Connected now');
  });
});
