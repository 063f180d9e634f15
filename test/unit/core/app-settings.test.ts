// App settings: saved, announced, and — for the case-insensitivity default — applied at once to the
// running shares that follow it (their Vfs is rebuilt), as a real SFTP client sees.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppSettings } from '../../../src-shared/contract/index.js';
import { withSsh2Sftp } from '../../helpers/ssh2-sftp-client.js';
import { openTestCore, removeTempDirs, tempDir } from './core-test-kit.js';

afterAll(removeTempDirs);

describe('app settings', () => {
  it('applies a new case-insensitivity default to running shares', async () => {
    const { core } = await openTestCore();
    try {
      const folder = await tempDir('app-settings');
      await writeFile(path.join(folder, 'Report.TXT'), 'r');
      const share = await core.shares.create({
        name: 'Case',
        source: { kind: 'local', path: folder },
        sftp: { enabled: true, port: 0, bind: 'localhost' },
        ftp: { enabled: false, port: 0, bind: 'localhost' },
        readOnly: false,
        vfs: {},
        authProxy: null,
      });
      await core.users.add(share.id, { name: 'fay', password: 'fay-password-1', generatePassword: false, root: '/', readOnly: false });
      const size = async () => {
        const status = core.shares.get(share.id).status.sftp;
        if (status.state !== 'running') throw new Error(JSON.stringify(status));
        return withSsh2Sftp({ port: status.port, user: 'fay', password: 'fay-password-1' }, (sftp) =>
          new Promise<number>((resolve, reject) => sftp.stat('/report.txt', (err, st) => (err ? reject(err) : resolve(st.size)))),
        );
      };
      await expect(size()).rejects.toThrow();
      const seen: AppSettings[] = [];
      core.events.on('settings', (s) => seen.push(s));
      const updated = await core.settings.update({ caseInsensitive: true, theme: 'dark' });
      expect(updated).toMatchObject({ caseInsensitive: true, theme: 'dark', closeToTray: true });
      expect(seen).toEqual([updated]);
      expect(await size()).toBe(1);
      expect(core.settings.get()).toEqual(updated);
    } finally {
      await core.close();
    }
  });
});
