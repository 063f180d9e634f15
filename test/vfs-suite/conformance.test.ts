// Runs the VFS conformance suite over every backend: local and memory directly, and the SFTP
// backend against a real OpenSSH sshd started on loopback for this file.
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createSftpBackend } from '../../src-main/vfs/backend/sftp/index.js';
import { Vfs } from '../../src-main/vfs/index.js';
import { startSshd } from '../helpers/sshd.js';
import type { Sshd } from '../helpers/sshd.js';
import { CACHE_MODES } from '../../src-shared/cache-mode.js';
import { runVfsConformance } from './conformance.js';
import type { MakeVfs } from './conformance.js';
import { makeLocalVfs, makeMemoryVfs, removeTempDir, testVfsOptions } from './fixtures.js';

let sshd: Sshd | undefined;
beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd?.dispose();
});

/** A fresh folder on the remote per test, served through the sftp backend. */
const makeSftpVfs: MakeVfs = async ({ cacheMode }) => {
  if (!sshd) throw new Error('sshd is not running');
  const root = await mkdtemp(path.join(sshd.dataDir, 'share-'));
  const backend = await createSftpBackend({ host: sshd.host, port: sshd.port, user: sshd.user, keyFile: sshd.keyFile, root });
  const { options, cacheDir } = await testVfsOptions(cacheMode);
  const vfs = await Vfs.create(backend, options);
  return { vfs, cleanup: () => Promise.all([removeTempDir(root), removeTempDir(cacheDir)]).then(() => undefined) };
};

runVfsConformance('local backend', makeLocalVfs(), CACHE_MODES);
runVfsConformance('memory backend', makeMemoryVfs(), CACHE_MODES);
runVfsConformance('memory backend without random access', makeMemoryVfs({}, { randomAccess: false }), CACHE_MODES);
runVfsConformance('sftp backend', makeSftpVfs, CACHE_MODES);
// Case fix-up must not change the semantics of exact names.
runVfsConformance('local backend, case-insensitive lookups', makeLocalVfs({ caseInsensitive: true }), ['off', 'writes']);
