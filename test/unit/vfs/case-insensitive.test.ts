// --vfs-case-insensitive: names are fixed up to an existing entry differing only by case, exact
// names always win, new names keep the client's case; case-only renames work on case-sensitive
// disks and on case-insensitive storage alike.
import { mkdir, readdir, readFile, writeFile as writeDisk } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { equalFold, foldName } from '../../../src-main/vfs/case-fold.js';
import { createLocalBackend, DEFAULT_VFS_OPTIONS, Vfs } from '../../../src-main/vfs/index.js';
import type { VfsOptions } from '../../../src-main/vfs/index.js';
import { listNames, makeTempDir, readFile as readVfs, removeTempDir, writeFile } from '../../vfs-suite/fixtures.js';
import { CaseInsensitiveStore } from './case-insensitive-store.js';

describe('case folding', () => {
  it('folds per code point, as Unicode simple case folding', () => {
    expect(equalFold('Report.TXT', 'report.txt')).toBe(true);
    expect(equalFold('ÉTÉ', 'été')).toBe(true);
    expect(equalFold('ΣΑΣ', 'σας')).toBe(true);
    // Kelvin sign and long s fold to k and s.
    expect(equalFold('\u212Aelvin', 'kelvin')).toBe(true);
    expect(equalFold('\u017Fun', 'SUN')).toBe(true);
    // Full foldings (ß → ss) are not simple ones.
    expect(equalFold('Straße', 'STRASSE')).toBe(false);
    expect(equalFold('a', 'b')).toBe(false);
    expect(foldName('MiXeD')).toBe('mixed');
  });
});

describe('fix-up on a case-sensitive disk', () => {
  let dir: string;
  let vfs: Vfs;
  const make = async (extra: Partial<VfsOptions> = {}) =>
    new Vfs(await createLocalBackend(dir), { ...DEFAULT_VFS_OPTIONS, umask: 0o022, caseInsensitive: true, ...extra });

  beforeEach(async () => {
    dir = await makeTempDir('case');
    await mkdir(path.join(dir, 'Docs'));
    await writeDisk(path.join(dir, 'Docs', 'Report.TXT'), 'report');
    await writeDisk(path.join(dir, 'a.txt'), 'lower');
    await writeDisk(path.join(dir, 'A.txt'), 'UPPER');
    vfs = await make();
  });
  afterEach(async () => {
    await vfs.shutdown();
    await removeTempDir(dir);
  });

  it('finds an entry by any case, component by component, showing the stored name', async () => {
    expect(await vfs.stat('/docs/report.txt')).toMatchObject({ name: 'Report.TXT', size: 6 });
    expect(await listNames(vfs, '/DOCS')).toEqual(['Report.TXT']);
    expect((await readVfs(vfs, '/dOcS/REPORT.txt')).toString()).toBe('report');
    await expect(vfs.stat('/docs/other.txt')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('lets an exact name win over one differing by case', async () => {
    expect((await readVfs(vfs, '/a.txt')).toString()).toBe('lower');
    expect((await readVfs(vfs, '/A.txt')).toString()).toBe('UPPER');
    // Neither matches exactly: the first in sort order is used, every time.
    expect((await readVfs(vfs, '/a.TXT')).toString()).toBe('UPPER');
  });

  it('does nothing of the kind when off', async () => {
    await vfs.shutdown();
    vfs = await make({ caseInsensitive: false });
    await expect(vfs.stat('/docs/report.txt')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('creates new names in the existing folder, in the case the client gave', async () => {
    await writeFile(vfs, '/DOCS/New File.md', 'n');
    expect(await readdir(path.join(dir, 'Docs'))).toEqual(['New File.md', 'Report.TXT']);
    await expect(vfs.mkdir('/docs')).rejects.toMatchObject({ code: 'EEXIST' });
    await vfs.mkdir('/DOCS/Sub');
    expect(await readdir(path.join(dir, 'Docs'))).toContain('Sub');
  });

  it('removes and replaces the existing entry rather than a twin differing by case', async () => {
    await writeFile(vfs, '/incoming', 'replacement');
    await vfs.rename('/incoming', '/docs/REPORT.txt', true);
    expect(await readdir(path.join(dir, 'Docs'))).toEqual(['Report.TXT']);
    expect(await readFile(path.join(dir, 'Docs', 'Report.TXT'), 'utf8')).toBe('replacement');
    await vfs.remove('/DOCS/report.TXT');
    expect(await readdir(path.join(dir, 'Docs'))).toEqual([]);
  });

  it('renames by case only (a folder, then a file)', async () => {
    await vfs.rename('/Docs', '/docs', false);
    expect((await readdir(dir)).sort()).toEqual(['A.txt', 'a.txt', 'docs']);
    await vfs.rename('/docs/Report.TXT', '/docs/report.txt', false);
    expect(await readdir(path.join(dir, 'docs'))).toEqual(['report.txt']);
    // A distinct entry with the new name exists on this disk: no clobbering without overwrite.
    await expect(vfs.rename('/a.txt', '/A.txt', false)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(path.join(dir, 'A.txt'), 'utf8')).toBe('UPPER');
  });
});

describe('case-only renames on case-insensitive storage', () => {
  let store: CaseInsensitiveStore;
  beforeEach(async () => {
    store = new CaseInsensitiveStore();
    await store.mkdir('/dir', 0o755);
    const f = await store.open('/dir/file', { read: false, write: true, create: true, truncate: true, append: false, exclusive: false }, 0o644);
    await f.write(0, Buffer.from('content'));
    await f.close();
  });

  it('the store itself refuses a no-clobber a → A (the target is the source)', async () => {
    await expect(store.rename('/dir/file', '/dir/FILE', false)).rejects.toMatchObject({ code: 'EEXIST' });
  });

  for (const caseInsensitive of [true, false]) {
    it(`work through the Vfs for files and folders (--vfs-case-insensitive=${caseInsensitive})`, async () => {
      const vfs = new Vfs(store, { ...DEFAULT_VFS_OPTIONS, caseInsensitive });
      await vfs.rename('/dir/file', '/dir/File', false);
      expect(await listNames(vfs, '/dir')).toEqual(['File']);
      await vfs.rename('/dir', '/DIR', false);
      expect(await listNames(vfs, '/')).toEqual(['DIR']);
      expect((await readVfs(vfs, '/DIR/File')).toString()).toBe('content');
      // No temporary names left behind.
      expect(await listNames(vfs, '/DIR')).toEqual(['File']);
      await vfs.rename('/DIR/File', '/DIR/FILE', true);
      expect(await listNames(vfs, '/DIR')).toEqual(['FILE']);
      await vfs.shutdown();
    });
  }
});
