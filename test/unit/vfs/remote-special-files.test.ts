// A FIFO on an SFTP remote (a real OpenSSH sshd) is refused from the lstat every remote open starts
// with, in every cache mode, with the same error as on a local share (EPERM, "Not a regular file"),
// and the connection keeps answering afterwards.
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSftpBackend, DEFAULT_VFS_OPTIONS, Vfs } from '../../../src-main/vfs/index.js';
import { startSshd } from '../../helpers/sshd.js';
import type { Sshd } from '../../helpers/sshd.js';
import { CREATE_TRUNC, READ } from '../../vfs-suite/fixtures.js';

let sshd: Sshd;
beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd.dispose();
});

describe('a FIFO on an SFTP remote', () => {
  for (const cacheMode of ['off', 'writes', 'full'] as const) {
    it(`is refused without being opened (cache mode ${cacheMode})`, { timeout: 20_000 }, async () => {
      const root = await mkdtemp(path.join(sshd.dataDir, 'fifo-'));
      execFileSync('mkfifo', [path.join(root, 'pipe')]);
      await writeFile(path.join(root, 'plain.txt'), 'still served');
      const backend = await createSftpBackend({ host: sshd.host, port: sshd.port, user: sshd.user, keyFile: sshd.keyFile, root });
      const vfs = await Vfs.create(backend, { ...DEFAULT_VFS_OPTIONS, cacheMode, cacheDir: path.join(root, '..', `${path.basename(root)}-cache`) });
      try {
        for (const flags of [READ, CREATE_TRUNC]) {
          await expect(vfs.openFile('/pipe', flags)).rejects.toMatchObject({ code: 'EPERM', message: 'Not a regular file' });
        }
        const h = await vfs.openFile('/plain.txt', READ);
        expect((await h.read(0, 100)).toString()).toBe('still served');
        await h.close();
      } finally {
        await vfs.shutdown();
      }
    });
  }
});
