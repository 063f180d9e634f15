// A share with every kind of escape route next to it, for the confinement tests:
//   base/share            the root       base/share-secret   a sibling whose name extends the root's
//   base/elsewhere        a folder outside, reached by absolute and relative links from the share
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { isVfsError } from '../../../src-main/vfs/index.js';
import type { VfsErrorCode } from '../../../src-main/vfs/index.js';
import { makeTempDir } from '../../vfs-suite/fixtures.js';

export interface Layout {
  readonly base: string;
  readonly share: string;
  readonly outside: string;
  readonly secret: string;
}

export const SECRET = 'top secret';

export async function makeLayout(): Promise<Layout> {
  const base = await makeTempDir('confine');
  const share = path.join(base, 'share');
  const outside = path.join(base, 'elsewhere');
  const sibling = path.join(base, 'share-secret');
  for (const dir of [share, outside, sibling, path.join(share, 'sub')]) await mkdir(dir);
  await writeFile(path.join(outside, 'secret.txt'), SECRET);
  await writeFile(path.join(sibling, 'secret.txt'), SECRET);
  await writeFile(path.join(share, 'inside.txt'), 'inside');
  await writeFile(path.join(share, 'sub', 'file'), 'sub file');
  await symlink(outside, path.join(share, 'link-out-dir'));
  await symlink(path.join(outside, 'secret.txt'), path.join(share, 'link-out-file'));
  await symlink('../share-secret', path.join(share, 'link-sibling'));
  await symlink('../elsewhere/relative', path.join(share, 'link-out-relative'));
  await symlink(path.join(outside, 'created-through-link'), path.join(share, 'dangling-out'));
  await symlink('sub', path.join(share, 'link-in'));
  await symlink('sub/not-yet', path.join(share, 'dangling-in'));
  return { base, share, outside, secret: path.join(outside, 'secret.txt') };
}

/** Expects a VfsError with `code` whose message names no local path. */
export async function expectVfsError(promise: Promise<unknown>, code: VfsErrorCode, layout?: Layout): Promise<Error> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  expect(isVfsError(caught), `expected a VfsError ${code}, got ${String(caught)}`).toBe(true);
  const err = caught as Error & { code: string };
  expect(err.code).toBe(code);
  expectNoLocalPath(err.message, layout);
  return err;
}

export function expectNoLocalPath(message: string, layout?: Layout): void {
  expect(message).not.toContain(os.tmpdir());
  if (layout) {
    expect(message).not.toContain(layout.base);
    expect(message).not.toContain('elsewhere');
    expect(message).not.toContain('secret.txt');
  }
}
