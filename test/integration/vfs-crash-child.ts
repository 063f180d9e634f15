// The process the crash test kills: it serves a local folder (the "remote") through a Vfs in cache
// mode writes with a long write-back delay, writes files and prints `ACK <path> <sha256>` after each
// close returns (the moment a client is told the upload succeeded), after `INTENT <path> <sha256>`
// before each change. Some files are left open,
// never acknowledged. Then it idles until it is killed with SIGKILL.
// Usage: node ... vfs-crash-child.ts REMOTE_DIR CACHE_DIR SEED
import { createHash } from 'node:crypto';
import { createLocalBackend, DEFAULT_VFS_OPTIONS, Vfs } from '../../src-main/vfs/index.js';
import type { OpenFlags } from '../../src-main/vfs/index.js';

const [remoteDir, cacheDir, seedText] = process.argv.slice(2);
if (!remoteDir || !cacheDir || !seedText) throw new Error('usage: vfs-crash-child REMOTE_DIR CACHE_DIR SEED');
let seed = Number(seedText);
const random = (): number => {
  // mulberry32: the same seed gives the same files, so the parent can tell what was meant.
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const WRITE_NEW: OpenFlags = { read: false, write: true, append: false, create: true, truncate: true, exclusive: false };
const WRITE_KEEP: OpenFlags = { read: false, write: true, append: false, create: false, truncate: false, exclusive: false };

const vfs = await Vfs.create(await createLocalBackend(remoteDir), {
  ...DEFAULT_VFS_OPTIONS,
  cacheMode: 'writes',
  cacheDir,
  writeBackMs: 3_600_000,
  dirCacheTimeMs: 0,
});

function content(length: number): Buffer {
  const data = Buffer.alloc(length);
  for (let i = 0; i < length; i++) data[i] = Math.floor(random() * 256);
  return data;
}

const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const open: unknown[] = [];
for (let i = 0; i < 12; i++) {
  const path = `/f${i}.bin`;
  const data = content(Math.floor(random() * 300_000));
  if (i % 5 === 4) {
    // Written but never closed: not acknowledged, must not reach the remote half-done.
    print(`INTENT ${path} ${sha(data)}`);
    const h = await vfs.openFile(path, WRITE_NEW);
    await h.write(0, data.subarray(0, data.length >> 1));
    open.push(h);
    print(`UNACKED ${path}`);
    continue;
  }
  print(`INTENT ${path} ${sha(data)}`);
  const h = await vfs.openFile(path, WRITE_NEW);
  // Pipelined 32 KiB writes, as SFTP clients send them.
  const writes: Promise<void>[] = [];
  for (let at = 0; at < data.length; at += 32_768) writes.push(h.write(at, data.subarray(at, at + 32_768)));
  await Promise.all(writes);
  await h.close();
  print(`ACK ${path} ${sha(data)}`);
  if (i % 3 === 0) {
    // Patch the middle of the file just acknowledged, and acknowledge the patch with fsync.
    const patch = content(1000);
    const at = data.length >> 2;
    const patched = Buffer.concat([data.subarray(0, at), patch, data.subarray(at + patch.length)]);
    print(`INTENT ${path} ${sha(patched)}`);
    const p = await vfs.openFile(path, WRITE_KEEP);
    await p.write(at, patch);
    await p.sync();
    print(`ACK ${path} ${sha(patched)}`);
    open.push(p);
  }
}
print('DONE');
setInterval(() => undefined, 60_000);
