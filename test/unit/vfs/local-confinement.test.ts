// Every way out of a local share must be closed: `..`, backslashes, NUL, links to folders and files
// outside, new paths under such links, dangling links, the sibling-prefix trap, and links, copies
// and renames that would reach outside. Refusals are EPERM and name no local path.
import { lstat, readFile, readlink, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalBackend, resolveSharePath } from '../../../src-main/vfs/index.js';
import type { Backend } from '../../../src-main/vfs/index.js';
import { CREATE_EXCL, CREATE_TRUNC, READ, removeTempDir, WRITE } from '../../vfs-suite/fixtures.js';
import type { Layout } from './confinement-layout.js';
import { expectVfsError, makeLayout, SECRET } from './confinement-layout.js';

let layout: Layout;
let backend: Backend;

beforeAll(async () => {
  layout = await makeLayout();
  backend = await createLocalBackend(layout.share);
});

afterAll(async () => {
  await backend.close();
  await removeTempDir(layout.base);
});

async function exists(p: string): Promise<boolean> {
  return lstat(p).then(
    () => true,
    () => false,
  );
}

describe('paths from the edge', () => {
  it('`..` cannot climb above the root', async () => {
    const p = resolveSharePath('../../elsewhere/secret.txt', '/sub');
    expect(p).toBe('/elsewhere/secret.txt');
    await expectVfsError(backend.stat(p), 'ENOENT', layout);
    // Un-normalised input reaching a backend is a bug one layer up: refused outright.
    await expectVfsError(backend.stat('/../elsewhere/secret.txt'), 'EINVAL', layout);
    await expectVfsError(backend.open('/sub/../../elsewhere/secret.txt', READ, 0), 'EINVAL', layout);
  });

  it('backslashes are separators and cannot climb either', async () => {
    const p = resolveSharePath('..\\..\\elsewhere\\secret.txt');
    expect(p).toBe('/elsewhere/secret.txt');
    await expectVfsError(backend.open(p, READ, 0), 'ENOENT', layout);
    await expectVfsError(backend.stat('/..\\elsewhere'), 'EINVAL', layout);
  });

  it('a NUL in a path is EINVAL, never a crash', async () => {
    expect(() => resolveSharePath('a\0b')).toThrow(expect.objectContaining({ code: 'EINVAL' }));
    await expectVfsError(backend.stat('/inside.txt\0.jpg'), 'EINVAL', layout);
    await expectVfsError(backend.open('/x\0', CREATE_TRUNC, 0o644), 'EINVAL', layout);
    await expectVfsError(backend.mkdir('/d\0', 0o755), 'EINVAL', layout);
  });
});

describe('links leading outside', () => {
  it('a link to a folder outside is refused for everything that follows it', async () => {
    await expectVfsError(backend.stat('/link-out-dir'), 'EPERM', layout);
    await expectVfsError(backend.stat('/link-out-dir/secret.txt'), 'EPERM', layout);
    await expectVfsError(backend.open('/link-out-dir/secret.txt', READ, 0), 'EPERM', layout);
    await expectVfsError(collect(backend.list('/link-out-dir')), 'EPERM', layout);
    await expectVfsError(backend.statfs('/link-out-dir'), 'EPERM', layout);
    await expectVfsError(backend.readlink('/link-out-dir'), 'EPERM', layout);
    // The link itself is an entry of the share: it may be seen as a link, not through.
    expect((await backend.lstat('/link-out-dir')).type).toBe('symlink');
  });

  it('a link to a file outside is refused for read, write, hash, attributes, copy and link', async () => {
    await expectVfsError(backend.stat('/link-out-file'), 'EPERM', layout);
    await expectVfsError(backend.open('/link-out-file', READ, 0), 'EPERM', layout);
    await expectVfsError(backend.open('/link-out-file', CREATE_TRUNC, 0o644), 'EPERM', layout);
    await expectVfsError(backend.open('/link-out-file', WRITE, 0), 'EPERM', layout);
    await expectVfsError(backend.hash('/link-out-file', 'sha256'), 'EPERM', layout);
    await expectVfsError(backend.setAttrs('/link-out-file', { mode: 0o777, size: 0 }, true), 'EPERM', layout);
    await expectVfsError(backend.copy('/link-out-file', '/copied', false), 'EPERM', layout);
    await expectVfsError(backend.link('/link-out-file', '/hardlinked'), 'EPERM', layout);
    expect(await readFile(layout.secret, 'utf8')).toBe(SECRET);
    expect((await stat(layout.secret)).mode & 0o777).not.toBe(0o777);
    expect(await exists(path.join(layout.share, 'copied'))).toBe(false);
    expect(await exists(path.join(layout.share, 'hardlinked'))).toBe(false);
  });

  it('a relative link that climbs out is refused like an absolute one', async () => {
    await expectVfsError(backend.open('/link-out-relative', CREATE_TRUNC, 0o644), 'EPERM', layout);
    await expectVfsError(backend.readlink('/link-out-relative'), 'EPERM', layout);
    expect(await exists(path.join(layout.outside, 'relative'))).toBe(false);
  });

  it('the sibling whose name extends the root is outside (no bare prefix test)', async () => {
    await expectVfsError(backend.stat('/link-sibling'), 'EPERM', layout);
    await expectVfsError(backend.open('/link-sibling/secret.txt', READ, 0), 'EPERM', layout);
    await expectVfsError(collect(backend.list('/link-sibling')), 'EPERM', layout);
    await expectVfsError(backend.mkdir('/link-sibling/new', 0o755), 'EPERM', layout);
  });

  it('links that stay inside work, and readlink shows them as stored', async () => {
    const h = await backend.open('/link-in/file', READ, 0);
    expect((await h.read(0, 100)).toString()).toBe('sub file');
    await h.close();
    expect(await backend.readlink('/link-in')).toBe('sub');
    expect((await backend.stat('/link-in')).type).toBe('dir');
  });
});

describe('new paths under a link that leads outside', () => {
  it('create, mkdir, rename, symlink, hard link and copy targets are all refused', async () => {
    await expectVfsError(backend.open('/link-out-dir/new.txt', CREATE_TRUNC, 0o644), 'EPERM', layout);
    await expectVfsError(backend.open('/link-out-dir/new.txt', CREATE_EXCL, 0o644), 'EPERM', layout);
    await expectVfsError(backend.mkdir('/link-out-dir/newdir', 0o755), 'EPERM', layout);
    await expectVfsError(backend.mkdir('/link-out-dir/a/b/c', 0o755), 'EPERM', layout);
    await expectVfsError(backend.rename('/inside.txt', '/link-out-dir/moved', false), 'EPERM', layout);
    await expectVfsError(backend.rename('/inside.txt', '/link-out-dir/moved', true), 'EPERM', layout);
    await expectVfsError(backend.symlink('/inside.txt', '/link-out-dir/l'), 'EPERM', layout);
    await expectVfsError(backend.link('/inside.txt', '/link-out-dir/h'), 'EPERM', layout);
    await expectVfsError(backend.copy('/inside.txt', '/link-out-dir/c', false), 'EPERM', layout);
    await expectVfsError(backend.copy('/inside.txt', '/link-out-dir/c', true), 'EPERM', layout);
    for (const name of ['new.txt', 'newdir', 'a', 'moved', 'l', 'h', 'c']) {
      expect(await exists(path.join(layout.outside, name)), name).toBe(false);
    }
    expect(await readFile(path.join(layout.share, 'inside.txt'), 'utf8')).toBe('inside');
  });

  it('a dangling link to outside is not followed to create its target', async () => {
    await expectVfsError(backend.open('/dangling-out', CREATE_TRUNC, 0o644), 'EPERM', layout);
    await expectVfsError(backend.copy('/inside.txt', '/dangling-out', true), 'EPERM', layout);
    await expectVfsError(backend.readlink('/dangling-out'), 'EPERM', layout);
    expect(await exists(path.join(layout.outside, 'created-through-link'))).toBe(false);
    // Exclusive create and no-overwrite copy treat the link's name as taken, as open(2) does.
    await expectVfsError(backend.open('/dangling-out', CREATE_EXCL, 0o644), 'EEXIST', layout);
    await expectVfsError(backend.copy('/inside.txt', '/dangling-out', false), 'EEXIST', layout);
  });

  it('a dangling link inside the share creates its target inside', async () => {
    const h = await backend.open('/dangling-in', CREATE_TRUNC, 0o644);
    await h.write(0, Buffer.from('through'));
    await h.close();
    expect(await readFile(path.join(layout.share, 'sub', 'not-yet'), 'utf8')).toBe('through');
  });

  it('nothing can be moved or linked in from outside', async () => {
    await expectVfsError(backend.rename('/link-out-dir/secret.txt', '/stolen', false), 'EPERM', layout);
    await expectVfsError(backend.link('/link-out-dir/secret.txt', '/stolen'), 'EPERM', layout);
    await expectVfsError(backend.copy('/link-out-dir/secret.txt', '/stolen', true), 'EPERM', layout);
    expect(await exists(path.join(layout.share, 'stolen'))).toBe(false);
    expect(await readFile(layout.secret, 'utf8')).toBe(SECRET);
  });
});

describe('creating symbolic links', () => {
  it('refuses targets that climb out of the share or resolve outside', async () => {
    await expectVfsError(backend.symlink('../../elsewhere/secret.txt', '/sub/l1'), 'EPERM', layout);
    await expectVfsError(backend.symlink('..\\..\\elsewhere', '/sub/l2'), 'EPERM', layout);
    await expectVfsError(backend.symlink('/link-out-dir/secret.txt', '/l3'), 'EPERM', layout);
    await expectVfsError(backend.symlink('link-sibling/secret.txt', '/l4'), 'EPERM', layout);
    await expectVfsError(backend.symlink('/link-out-dir/not-there', '/l5'), 'EPERM', layout);
    await expectVfsError(backend.symlink('bad\0target', '/l6'), 'EINVAL', layout);
    for (const name of ['sub/l1', 'sub/l2', 'l3', 'l4', 'l5', 'l6']) {
      expect(await exists(path.join(layout.share, name)), name).toBe(false);
    }
  });

  it('stores links relative, so no local path is ever written into the share', async () => {
    await backend.symlink('/sub/file', '/abs-link');
    await backend.symlink('../inside.txt', '/sub/up-link');
    await backend.symlink('file', '/sub/down-link');
    await backend.symlink('/sub/file', '/link-in/via-linked-dir');
    const stored = await readlink(path.join(layout.share, 'abs-link'));
    expect(stored).toBe('sub/file');
    expect(await readlink(path.join(layout.share, 'sub', 'up-link'))).toBe('../inside.txt');
    expect(await readlink(path.join(layout.share, 'sub', 'down-link'))).toBe('file');
    for (const link of ['/abs-link', '/sub/down-link', '/link-in/via-linked-dir']) {
      const h = await backend.open(link, READ, 0);
      expect((await h.read(0, 100)).toString(), link).toBe('sub file');
      await h.close();
    }
    expect(await backend.readlink('/abs-link')).toBe('sub/file');
  });

  it('readlink shows an absolute target inside the share as a share path', async () => {
    await symlink(path.join(layout.share, 'sub', 'file'), path.join(layout.share, 'abs-inside'));
    expect(await backend.readlink('/abs-inside')).toBe('/sub/file');
  });
});

describe('the root', () => {
  it('must exist and be a directory; the error names no path', async () => {
    await expectVfsError(createLocalBackend(path.join(layout.base, 'missing')), 'ENOENT', layout);
    await expectVfsError(createLocalBackend(layout.secret), 'ENOTDIR', layout);
    await expectVfsError(createLocalBackend(''), 'EINVAL', layout);
  });

  it('may itself be reached through a link', async () => {
    const alias = path.join(layout.base, 'alias');
    await symlink(layout.share, alias);
    const viaAlias = await createLocalBackend(alias);
    expect((await viaAlias.stat('/inside.txt')).size).toBe(6);
    await expectVfsError(viaAlias.stat('/link-sibling'), 'EPERM', layout);
  });
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
