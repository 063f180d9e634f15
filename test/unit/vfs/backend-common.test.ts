// Behaviour both backends share, checked on each directly: streamed listings, hashes, statfs,
// rename without and with overwrite, hard and symbolic links, server-side copy.
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalBackend, MemoryBackend } from '../../../src-main/vfs/index.js';
import type { Backend, VfsEntry } from '../../../src-main/vfs/index.js';
import { CREATE_TRUNC, makeTempDir, READ, removeTempDir } from '../../vfs-suite/fixtures.js';
import { expectVfsError } from './confinement-layout.js';

interface Subject {
  readonly backend: Backend;
  cleanup(): Promise<void>;
}

const SUBJECTS: ReadonlyArray<readonly [string, () => Promise<Subject>]> = [
  [
    'local',
    async () => {
      const dir = await makeTempDir('backend');
      const backend = await createLocalBackend(dir);
      return { backend, cleanup: () => removeTempDir(dir) };
    },
  ],
  ['memory', async () => ({ backend: new MemoryBackend(), cleanup: async () => {} })],
];

async function put(backend: Backend, path: string, data: Buffer | string): Promise<void> {
  const f = await backend.open(path, CREATE_TRUNC, 0o644);
  await f.write(0, Buffer.from(data));
  await f.close();
}

async function get(backend: Backend, path: string): Promise<string> {
  const f = await backend.open(path, READ, 0);
  const data = await f.read(0, 1 << 20);
  await f.close();
  return data.toString();
}

describe.each(SUBJECTS)('%s backend', (_name, make) => {
  let subject: Subject;
  let backend: Backend;
  beforeEach(async () => {
    subject = await make();
    backend = subject.backend;
  });
  afterEach(async () => {
    await backend.close();
    await subject.cleanup();
  });

  it('streams a 1,500-entry folder in batches of at most 100, complete', async () => {
    await backend.mkdir('/big', 0o755);
    const names = Array.from({ length: 1500 }, (_, i) => `file-${String(i).padStart(4, '0')}`);
    for (let i = 0; i < names.length; i += 100) {
      await Promise.all(names.slice(i, i + 100).map((n) => put(backend, `/big/${n}`, n)));
    }
    const sizes: number[] = [];
    const seen: VfsEntry[] = [];
    for await (const batch of backend.list('/big')) {
      sizes.push(batch.length);
      seen.push(...batch);
    }
    expect(Math.max(...sizes)).toBeLessThanOrEqual(100);
    expect(sizes.length).toBeGreaterThanOrEqual(15);
    expect(seen.map((e) => e.name).sort()).toEqual(names);
    expect(seen.every((e) => e.type === 'file' && e.size === 9)).toBe(true);
  });

  it('skips entries removed while a listing is under way', async () => {
    await backend.mkdir('/d', 0o755);
    for (let i = 0; i < 250; i++) await put(backend, `/d/f${i}`, 'x');
    const seen: string[] = [];
    let first = true;
    for await (const batch of backend.list('/d')) {
      seen.push(...batch.map((e) => e.name));
      if (first) {
        first = false;
        for (let i = 0; i < 250; i++) {
          if (!seen.includes(`f${i}`)) await backend.remove(`/d/f${i}`);
        }
      }
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(250);
    expect(seen.every((n) => !n.startsWith('.'))).toBe(true);
  });

  it('hashes match node:crypto, for empty and larger files', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    await put(backend, '/data', data);
    await put(backend, '/empty', '');
    for (const type of ['md5', 'sha1', 'sha256'] as const) {
      expect(await backend.hash('/data', type)).toBe(createHash(type).update(data).digest('hex'));
      expect(await backend.hash('/empty', type)).toBe(createHash(type).digest('hex'));
    }
    await backend.mkdir('/dir', 0o755);
    await expectVfsError(backend.hash('/dir', 'md5'), 'EISDIR');
    await expectVfsError(backend.hash('/missing', 'md5'), 'ENOENT');
  });

  it('statfs reports consistent numbers', async () => {
    const s = await backend.statfs('/');
    expect(s.blockSize).toBeGreaterThan(0);
    expect(s.blocks).toBeGreaterThan(0);
    expect(s.blocksFree).toBeLessThanOrEqual(s.blocks);
    expect(s.blocksAvail).toBeLessThanOrEqual(s.blocksFree);
    expect(s.filesFree).toBeLessThanOrEqual(s.files);
    expect(s.maxNameLength).toBeGreaterThan(0);
    await expectVfsError(backend.statfs('/missing'), 'ENOENT');
  });

  it('rename without overwrite never clobbers, whatever the entry kind', async () => {
    await put(backend, '/a', 'A');
    await put(backend, '/b', 'B');
    await backend.symlink('a', '/la');
    await backend.symlink('b', '/lb');
    await backend.mkdir('/d1', 0o755);
    await backend.mkdir('/d2', 0o755);
    await expectVfsError(backend.rename('/a', '/b', false), 'EEXIST');
    await expectVfsError(backend.rename('/la', '/lb', false), 'EEXIST');
    await expectVfsError(backend.rename('/d1', '/d2', false), 'EEXIST');
    await expectVfsError(backend.rename('/a', '/d1', false), 'EEXIST');
    await expectVfsError(backend.rename('/a', '/a', false), 'EEXIST');
    expect(await get(backend, '/a')).toBe('A');
    expect(await backend.readlink('/lb')).toBe('b');
    // The moved file keeps a single name: link + unlink leaves nothing behind.
    await backend.rename('/a', '/c', false);
    expect((await backend.lstat('/c')).nlink).toBe(1);
    await expectVfsError(backend.lstat('/a'), 'ENOENT');
  });

  it('rename with overwrite replaces, within the rules of rename(2)', async () => {
    await put(backend, '/a', 'A');
    await put(backend, '/b', 'B');
    await backend.mkdir('/d1', 0o755);
    await backend.mkdir('/d2', 0o755);
    await backend.mkdir('/full', 0o755);
    await put(backend, '/full/x', 'x');
    await backend.rename('/a', '/b', true);
    expect(await get(backend, '/b')).toBe('A');
    await backend.rename('/d1', '/d2', true);
    await expectVfsError(backend.lstat('/d1'), 'ENOENT');
    await expectVfsError(backend.rename('/b', '/d2', true), 'EISDIR');
    await expectVfsError(backend.rename('/d2', '/b', true), 'ENOTDIR');
    await expectVfsError(backend.rename('/d2', '/full', true), 'ENOTEMPTY');
    await expectVfsError(backend.rename('/full', '/full/inner', true), 'EINVAL');
    await backend.rename('/b', '/b', true);
    expect(await get(backend, '/b')).toBe('A');
  });

  it('hard links share data; directories cannot be hard-linked', async () => {
    await put(backend, '/orig', 'one');
    await backend.link('/orig', '/alias');
    expect((await backend.stat('/orig')).nlink).toBe(2);
    await put(backend, '/alias', 'two');
    expect(await get(backend, '/orig')).toBe('two');
    await expectVfsError(backend.link('/orig', '/alias'), 'EEXIST');
    await backend.mkdir('/dir', 0o755);
    await expectVfsError(backend.link('/dir', '/dir2'), 'EPERM');
    await backend.remove('/orig');
    expect(await get(backend, '/alias')).toBe('two');
    expect((await backend.stat('/alias')).nlink).toBe(1);
  });

  it('symbolic links: readlink, lstat sees the link, stat follows it, removal leaves the target', async () => {
    await backend.mkdir('/dir', 0o755);
    await put(backend, '/dir/target', 'T');
    await backend.symlink('target', '/dir/rel');
    await backend.symlink('../dir/target', '/dir/up');
    await backend.symlink('dir', '/dirlink');
    expect(await backend.readlink('/dir/rel')).toBe('target');
    expect((await backend.lstat('/dir/rel')).type).toBe('symlink');
    expect((await backend.stat('/dir/rel')).type).toBe('file');
    expect(await get(backend, '/dir/up')).toBe('T');
    expect(await get(backend, '/dirlink/target')).toBe('T');
    await expectVfsError(backend.readlink('/dir/target'), 'EINVAL');
    await expectVfsError(backend.symlink('x', '/dir/rel'), 'EEXIST');
    await expectVfsError(backend.symlink('../../x', '/dir/escape'), 'EPERM');
    await backend.remove('/dir/rel');
    expect(await get(backend, '/dir/target')).toBe('T');
  });

  it('attributes of a link itself when links are not followed', async () => {
    await put(backend, '/t', 'T');
    await backend.symlink('t', '/l');
    const when = Date.UTC(2001, 0, 1, 0, 0, 0, 250);
    await backend.setAttrs('/l', { mtimeMs: when, atimeMs: when }, false);
    expect((await backend.lstat('/l')).mtimeMs).toBe(when);
    expect((await backend.stat('/t')).mtimeMs).not.toBe(when);
    await backend.setAttrs('/l', { mtimeMs: when }, true);
    expect((await backend.stat('/t')).mtimeMs).toBe(when);
    await expectVfsError(backend.setAttrs('/l', { size: 0 }, false), 'EINVAL');
  });

  it('copy makes an independent file; without overwrite the target must be free', async () => {
    await put(backend, '/src', 'source');
    await backend.copy('/src', '/dst', false);
    expect(await get(backend, '/dst')).toBe('source');
    await put(backend, '/dst', 'changed');
    expect(await get(backend, '/src')).toBe('source');
    await expectVfsError(backend.copy('/src', '/dst', false), 'EEXIST');
    await backend.copy('/src', '/dst', true);
    expect(await get(backend, '/dst')).toBe('source');
    await backend.copy('/src', '/src', true);
    expect(await get(backend, '/src')).toBe('source');
    await backend.mkdir('/dir', 0o755);
    await expectVfsError(backend.copy('/dir', '/dir2', false), 'EISDIR');
    await expectVfsError(backend.copy('/src', '/dir', true), 'EISDIR');
    await expectVfsError(backend.copy('/missing', '/x', true), 'ENOENT');
  });
});
