// Shared test fixtures for the VFS: temp dirs, open-flag shorthands, Vfs factories over the local and
// memory backends, and small read/write helpers that go through the public Vfs API only.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { CacheMode } from '../../src-shared/cache-mode.js';
import { createLocalBackend, DEFAULT_VFS_OPTIONS, MemoryBackend, Vfs } from '../../src-main/vfs/index.js';
import type { MemoryBackendOptions, OpenFlags, VfsEntry, VfsOptions } from '../../src-main/vfs/index.js';

export async function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `wharf-${prefix}-`));
}

export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * A fresh temp dir for each test of the calling file, removed after it (beforeEach/afterEach).
 * Returns the current test's dir.
 */
export function useTempDir(prefix: string): () => string {
  let dir: string | undefined;
  beforeEach(async () => {
    dir = await makeTempDir(prefix);
  });
  afterEach(async () => {
    if (dir !== undefined) await removeTempDir(dir);
    dir = undefined;
  });
  return () => {
    if (dir === undefined) throw new Error('the temp dir exists only while a test runs');
    return dir;
  };
}

export function flagsOf(spec: Partial<OpenFlags>): OpenFlags {
  return { read: false, write: false, append: false, create: false, truncate: false, exclusive: false, ...spec };
}

export const READ = flagsOf({ read: true });
export const WRITE = flagsOf({ write: true });
export const RDWR = flagsOf({ read: true, write: true });
export const CREATE_TRUNC = flagsOf({ write: true, create: true, truncate: true });
export const CREATE_EXCL = flagsOf({ write: true, create: true, exclusive: true });
export const APPEND = flagsOf({ write: true, append: true, create: true });

/** A Vfs under test and how to dispose of what it stands on. */
export interface VfsUnderTest {
  readonly vfs: Vfs;
  cleanup(): Promise<void>;
}

export type MakeVfs = (options: { readonly cacheMode: CacheMode }) => Promise<VfsUnderTest>;

/** Options for a Vfs under test: its own temp cache folder, so cached modes never share one. */
export async function testVfsOptions(
  cacheMode: CacheMode,
  extra: Partial<VfsOptions> = {},
): Promise<{ options: VfsOptions; cacheDir: string }> {
  const cacheDir = await makeTempDir('cache');
  // Uploads start soon after close, so tests also cover files in the middle of their upload.
  const options = { ...DEFAULT_VFS_OPTIONS, umask: 0o022, writeBackMs: 50, cacheDir, ...extra, cacheMode };
  return { options, cacheDir };
}

export function makeLocalVfs(extra: Partial<VfsOptions> = {}): MakeVfs {
  return async ({ cacheMode }) => {
    const dir = await makeTempDir('vfs');
    const { options, cacheDir } = await testVfsOptions(cacheMode, extra);
    const vfs = await Vfs.create(await createLocalBackend(dir), options);
    return { vfs, cleanup: () => Promise.all([removeTempDir(dir), removeTempDir(cacheDir)]).then(() => undefined) };
  };
}

/** `backend` picks the memory backend's behaviour: `randomAccess: false` acts like an object store. */
export function makeMemoryVfs(extra: Partial<VfsOptions> = {}, backend: MemoryBackendOptions = {}): MakeVfs {
  return async ({ cacheMode }) => {
    const { options, cacheDir } = await testVfsOptions(cacheMode, extra);
    const vfs = await Vfs.create(new MemoryBackend(backend), options);
    return { vfs, cleanup: () => removeTempDir(cacheDir) };
  };
}

export async function writeFile(vfs: Vfs, path: string, data: Buffer | string): Promise<void> {
  const handle = await vfs.openFile(path, CREATE_TRUNC);
  try {
    await handle.write(0, Buffer.from(data));
  } finally {
    await handle.close();
  }
}

/** Reads a whole file through a read handle, in small chunks to exercise positioned reads. */
export async function readFile(vfs: Vfs, path: string, chunk = 4096): Promise<Buffer> {
  const handle = await vfs.openFile(path, READ);
  try {
    const parts: Buffer[] = [];
    for (let at = 0; ; ) {
      const part = await handle.read(at, chunk);
      if (part.length === 0) break;
      parts.push(part);
      at += part.length;
    }
    return Buffer.concat(parts);
  } finally {
    await handle.close();
  }
}

export async function listAll(vfs: Vfs, path: string): Promise<VfsEntry[]> {
  const all: VfsEntry[] = [];
  for await (const batch of vfs.readDir(path)) all.push(...batch);
  return all;
}

export async function listNames(vfs: Vfs, path: string): Promise<string[]> {
  return (await listAll(vfs, path)).map((e) => e.name).sort();
}
