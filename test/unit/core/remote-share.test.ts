// A share whose source is a named SFTP remote: here the remote is another Wharf core's share, so
// the whole chain is real (our SFTP client backend against our SFTP server). Also "Test connection"
// and the refusal to remove a remote a share uses.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withSsh2Sftp } from '../../helpers/ssh2-sftp-client.js';
import { openTestCore, removeTempDirs, tempDir } from './core-test-kit.js';
import type { TestCore } from './core-test-kit.js';

const cores: TestCore[] = [];
afterAll(async () => {
  await Promise.all(cores.map((c) => c.core.close()));
  await removeTempDirs();
});

describe('shares from a named remote', () => {
  it('serves a folder of an SFTP remote, tests the connection, and protects the remote in use', async () => {
    const origin = await openTestCore();
    const local = await openTestCore();
    cores.push(origin, local);
    const folder = await tempDir('remote-origin');
    await writeFile(path.join(folder, 'far.txt'), 'from far away\n');
    const card = await origin.core.quickShareSftp(folder);

    local.core.remotes.create({
      name: 'origin',
      host: '127.0.0.1',
      port: card.port,
      user: 'wharf',
      password: card.password ?? '',
      keyFile: null,
      knownHostsFile: null,
    });
    expect(await local.core.remotes.test('origin')).toMatchObject({ ok: true, message: expect.stringMatching(/^Connected to 127\.0\.0\.1/) });
    local.core.remotes.create({ name: 'nowhere', host: '127.0.0.1', port: 1, user: 'x', password: 'secret-remote-pw-9876', keyFile: null, knownHostsFile: null });
    const failed = await local.core.remotes.test('nowhere');
    expect(failed.ok).toBe(false);
    expect(failed.message).not.toContain('secret-remote-pw-9876');

    const share = await local.core.shares.create({
      name: 'Far',
      source: { kind: 'remote', remote: 'origin', path: '' },
      sftp: { enabled: true, port: 0, bind: 'localhost' },
      ftp: { enabled: false, port: 0, bind: 'localhost' },
      readOnly: false,
      vfs: {},
      authProxy: null,
    });
    await local.core.users.add(share.id, { name: 'bob', password: 'bob-password-1', generatePassword: false, root: '/', readOnly: false });
    const status = local.core.shares.get(share.id).status.sftp;
    if (status.state !== 'running') throw new Error(JSON.stringify(status));
    const names = await withSsh2Sftp({ port: status.port, user: 'bob', password: 'bob-password-1' }, (sftp) =>
      new Promise<string[]>((resolve, reject) => sftp.readdir('/', (err, list) => (err ? reject(err) : resolve(list.map((e) => e.filename))))),
    );
    expect(names).toEqual(['far.txt']);

    expect(() => local.core.remotes.remove('origin')).toThrow(/used by "Far"/);
    local.core.remotes.remove('nowhere');
    expect(local.core.remotes.list().map((r) => r.name)).toEqual(['origin']);
    await expect(
      local.core.shares.create({
        name: 'Missing',
        source: { kind: 'remote', remote: 'nope', path: '' },
        sftp: { enabled: false, port: 0, bind: 'localhost' },
        ftp: { enabled: false, port: 0, bind: 'localhost' },
        readOnly: false,
        vfs: {},
        authProxy: null,
      }),
    ).rejects.toMatchObject({ code: 'not-found' });
  });
});
