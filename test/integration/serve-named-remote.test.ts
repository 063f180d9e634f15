// `wharf serve sftp NAME:path` (the built CLI) with a remote the app keeps in its settings: the
// remote is created through the real core in a config dir (its key passphrase sealed with the key
// file), points at a real OpenSSH sshd, and the served share is read with ssh2's SFTP client. The
// settings file is left as it was, and no output repeats the passphrase.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { SFTPWrapper } from 'ssh2';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli-server.js';
import { withSsh2Sftp } from '../helpers/ssh2-sftp-client.js';
import { openTestCore, removeTempDirs } from '../unit/core/core-test-kit.js';
import { LOGIN, PASS, sshdForServes, startServe, USER } from './serve-kit.js';

const PASSPHRASE = 'named-remote-key-passphrase-31337';

const sshd = sshdForServes();

afterAll(async () => {
  await removeTempDirs();
});

const readAll = (sftp: SFTPWrapper, file: string) =>
  new Promise<Buffer>((resolve, reject) => sftp.readFile(file, (err, data) => (err ? reject(err) : resolve(data))));

describe('wharf serve with a named remote from the app settings', () => {
  it('serves NAME:path from the settings, opening its key-file sealed passphrase', async () => {
    // The sshd's key, protected with a passphrase: the login works only if the stored one is opened.
    const keyDir = await tempDir('named-key');
    const keyFile = path.join(keyDir, 'id_ed25519');
    await copyFile(sshd().keyFile, keyFile);
    await promisify(execFile)('ssh-keygen', ['-q', '-p', '-P', '', '-N', PASSPHRASE, '-f', keyFile]);

    const { core, configDir, settingsFile } = await openTestCore();
    core.remotes.create({ name: 'lab', host: sshd().host, port: sshd().port, user: sshd().user, keyFile, keyPassphrase: PASSPHRASE, knownHostsFile: null });
    await core.close();
    const settings = await readFile(settingsFile);
    expect(settings.toString()).toMatch(/"keyPassphrase": "aesgcm1:/);

    const dir = await mkdtemp(path.join(sshd().dataDir, 'named-'));
    await writeFile(path.join(dir, 'hello.txt'), 'from the named remote\n');
    const srv = await startServe('sftp', `lab:${dir}`, [...LOGIN], { configDir });
    try {
      expect(srv.stdout()).toContain(`Serving sftp://${sshd().user}@${sshd().host}:${sshd().port}${dir} over SFTP`);
      const text = await withSsh2Sftp({ port: srv.port, user: USER, password: PASS }, async (sftp) => (await readAll(sftp, '/hello.txt')).toString());
      expect(text).toBe('from the named remote\n');
    } finally {
      expect((await srv.stop()).code).toBe(0);
    }
    expect(srv.stdout() + srv.stderr()).not.toContain(PASSPHRASE);
    expect(await readFile(settingsFile)).toEqual(settings);
  });
});
