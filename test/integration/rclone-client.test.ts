// rclone's sftp backend as a client of the real `wharf serve sftp`: copy, check (hashes computed on
// the server through the md5sum/sha1sum exec commands), about (statvfs), lsjson, moveto, delete and a
// sync back, each checked against the disk.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, stat, statfs, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupCli, startCliServer, tempDir } from '../helpers/cli-server.js';
import type { CliServer } from '../helpers/cli-server.js';

const USER = 'rclone-user';
const PASS = 'rclone pass: with, commas=and spaces';

let share: string;
let source: string;
let server: CliServer;
let remote: string;
let config: string;

interface RcloneRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs rclone with an empty private config, one checker and one transfer: rclone 1.60 detects the
 * remote's hash commands lazily, and concurrent workers that ask meanwhile get "hash unsupported"
 * (a race in rclone's sftp backend, not in the server).
 */
async function rclone(...args: string[]): Promise<RcloneRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)('rclone', ['--config', config, '--checkers', '1', '--transfers', '1', ...args], {
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

async function rcloneOk(...args: string[]): Promise<string> {
  const run = await rclone(...args);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

/** Relative path -> content hash of every file under `dir`. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = createHash('sha256').update(await readFile(full)).digest('hex');
  }
  return out;
}

const hashOf = (kind: 'md5' | 'sha1', data: Buffer): string => createHash(kind).update(data).digest('hex');

beforeAll(async () => {
  share = await tempDir('share');
  source = await tempDir('source');
  config = path.join(await tempDir('rclone'), 'rclone.conf');
  await writeFile(config, '');
  await mkdir(path.join(source, 'sub', 'deeper'), { recursive: true });
  await writeFile(path.join(source, 'a.txt'), 'hello rclone\n');
  await writeFile(path.join(source, 'empty.txt'), '');
  await writeFile(path.join(source, 'sub', 'b.bin'), randomBytes(700 * 1024 + 3));
  await writeFile(path.join(source, 'sub', 'deeper', 'c name with spaces.txt'), 'spaces\n');
  server = await startCliServer(share, ['--user', USER, '--pass', PASS]);
  const { stdout } = await promisify(execFile)('rclone', ['obscure', PASS]);
  remote = `:sftp,host=127.0.0.1,port=${server.port},user=${USER},pass=${stdout.trim()}:`;
});

afterAll(async () => {
  if (server) expect((await server.stop()).code).toBe(0);
  await cleanupCli();
});

describe('rclone against wharf serve sftp', () => {
  it('copies a tree up', async () => {
    await rcloneOk('copy', source, `${remote}dst`);
    expect(await tree(path.join(share, 'dst'))).toEqual(await tree(source));
  });

  it('detects the exec hash commands and check compares server-side hashes', async () => {
    const run = await rclone('check', source, `${remote}dst`, '-vv');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Running remote command: md5sum\b/);
    expect(run.stderr).toMatch(/Hash command accepted/);
    expect(run.stderr).toMatch(/0 differences found/);
    expect(run.stderr).toMatch(/4 matching files/);
    expect(run.stderr).not.toMatch(/No common hash|hash unsupported|not using a hash/i);

    // Same size, same modification time, one byte different: only a real hash can tell.
    const file = path.join(share, 'dst', 'sub', 'b.bin');
    const original = await readFile(file);
    const before = await stat(file);
    const tampered = Buffer.from(original);
    tampered[1000] = (tampered[1000] ?? 0) ^ 0xff;
    await writeFile(file, tampered);
    await utimes(file, before.atime, before.mtime);
    try {
      const diff = await rclone('check', source, `${remote}dst`);
      expect(diff.code).not.toBe(0);
      expect(diff.stderr).toMatch(/sub\/b\.bin: md5 differ/);
      expect(diff.stderr).toMatch(/1 differences found/);
    } finally {
      await writeFile(file, original);
      await utimes(file, before.atime, before.mtime);
    }
  });

  it('md5sum and sha1sum print the hashes of the files on the server', async () => {
    const expected = async (kind: 'md5' | 'sha1') =>
      Object.fromEntries(
        await Promise.all(
          ['a.txt', 'empty.txt', 'sub/b.bin', 'sub/deeper/c name with spaces.txt'].map(
            async (name) => [name, hashOf(kind, await readFile(path.join(source, name)))] as const,
          ),
        ),
      );
    const parse = (out: string) =>
      Object.fromEntries(out.trim().split('\n').map((line) => {
        const m = /^([0-9a-f]+) {2}(.+)$/.exec(line);
        return [m?.[2] ?? line, m?.[1] ?? ''];
      }));
    expect(parse(await rcloneOk('md5sum', `${remote}dst`))).toEqual(await expected('md5'));
    expect(parse(await rcloneOk('sha1sum', `${remote}dst`))).toEqual(await expected('sha1'));
  });

  it('about reports the size of the shared file system (statvfs)', async () => {
    const about = JSON.parse(await rcloneOk('about', remote, '--json')) as { total: number; free: number; used: number };
    const fs = await statfs(share);
    const total = fs.blocks * fs.bsize;
    expect(about.total).toBeGreaterThan(total * 0.99);
    expect(about.total).toBeLessThan(total * 1.01);
    expect(about.free).toBeGreaterThan(0);
    expect(about.used).toBeGreaterThan(0);
  });

  it('lsjson lists names, sizes, folders and the modification times rclone set', async () => {
    const items = JSON.parse(await rcloneOk('lsjson', '-R', `${remote}dst`)) as Array<{
      Path: string;
      Size: number;
      IsDir: boolean;
      ModTime: string;
    }>;
    const byPath = new Map(items.map((i) => [i.Path, i]));
    expect([...byPath.keys()].sort()).toEqual(
      ['a.txt', 'empty.txt', 'sub', 'sub/b.bin', 'sub/deeper', 'sub/deeper/c name with spaces.txt'].sort(),
    );
    expect(byPath.get('sub')?.IsDir).toBe(true);
    for (const name of ['a.txt', 'empty.txt', 'sub/b.bin']) {
      const local = await stat(path.join(source, name));
      const item = byPath.get(name);
      expect(item?.Size, name).toBe(local.size);
      expect(Math.floor(Date.parse(item?.ModTime ?? '') / 1000), name).toBe(Math.floor(local.mtimeMs / 1000));
    }
  });

  it('moveto renames on the server', async () => {
    await rcloneOk('moveto', `${remote}dst/a.txt`, `${remote}dst/renamed.txt`);
    await expect(stat(path.join(share, 'dst', 'a.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(path.join(share, 'dst', 'renamed.txt'), 'utf8')).toBe('hello rclone\n');
  });

  it('delete removes the files of a folder', async () => {
    await rcloneOk('delete', `${remote}dst/sub/deeper`);
    expect(await readdir(path.join(share, 'dst', 'sub', 'deeper'))).toEqual([]);
    expect((await stat(path.join(share, 'dst', 'sub', 'b.bin'))).isFile()).toBe(true);
  });

  it('sync back to a local folder gives the same tree as the share', async () => {
    const back = await tempDir('back');
    await writeFile(path.join(back, 'stale.txt'), 'sync removes me');
    await rcloneOk('sync', `${remote}dst`, back);
    expect(await tree(back)).toEqual(await tree(path.join(share, 'dst')));
    expect(Object.keys(await tree(back)).sort()).toEqual(['empty.txt', 'renamed.txt', path.join('sub', 'b.bin')].sort());
  });
});
