// Kill -9 in cache mode writes: a child process writes files through the Vfs and prints each
// acknowledgement (close or fsync returned); it is killed with SIGKILL at a random moment, long
// before its write-back delay. A restart with the same cache folder must upload every acknowledged
// change: zero acknowledged bytes lost, and nothing half-written reaches the remote. Ten rounds.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalBackend, DEFAULT_VFS_OPTIONS, Vfs } from '../../src-main/vfs/index.js';

const HERE = import.meta.dirname;
const ROUNDS = 10;
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
});

interface ChildLog {
  /** Versions (sha256) each path was given, in order, and how many of them were acknowledged. */
  readonly versions: Map<string, string[]>;
  readonly acked: Map<string, number>;
}

/** Runs the child until it has acknowledged `killAfter` changes (or is done), then SIGKILLs it. */
async function runAndKill(remote: string, cache: string, seed: number, killAfter: number): Promise<ChildLog> {
  const child = spawn(
    process.execPath,
    ['--experimental-transform-types', '--no-warnings', '--import', path.join(HERE, 'vfs-crash-loader.mjs'), path.join(HERE, 'vfs-crash-child.ts'), remote, cache, String(seed)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  const log: ChildLog = { versions: new Map(), acked: new Map() };
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  await new Promise<void>((resolve, reject) => {
    let buffered = '';
    let acks = 0;
    const kill = () => {
      if (child.pid) process.kill(child.pid, 'SIGKILL');
    };
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const [kind, file, sha] = buffered.slice(0, nl).split(' ');
        buffered = buffered.slice(nl + 1);
        if (kind === 'INTENT' && file && sha) log.versions.set(file, [...(log.versions.get(file) ?? []), sha]);
        if (kind === 'ACK' && file) {
          log.acked.set(file, (log.acked.get(file) ?? 0) + 1);
          acks += 1;
          if (acks >= killAfter) kill();
        }
        if (kind === 'DONE') kill();
      }
    });
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`child exited with ${code}: ${stderr}`));
    });
  });
  return log;
}

const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

async function remoteSha(remote: string, file: string): Promise<string | undefined> {
  return readFile(path.join(remote, file)).then(sha, () => undefined);
}

describe('kill -9 in cache mode writes, then a restart with the same cache folder', () => {
  it(`uploads every acknowledged change (${ROUNDS} rounds)`, async () => {
    let provedPending = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const remote = await mkdtemp(path.join(os.tmpdir(), 'wharf-crash-remote-'));
      const cache = await mkdtemp(path.join(os.tmpdir(), 'wharf-crash-cache-'));
      try {
        const log = await runAndKill(remote, cache, 1000 + round, 1 + ((round * 7) % 12));
        const empty = sha(Buffer.alloc(0));
        // Before the restart the remote does not have the acknowledged data yet (write-back is 1 h).
        for (const [file, count] of log.acked) {
          const versions = log.versions.get(file) ?? [];
          if ((await remoteSha(remote, file)) !== versions[count - 1]) provedPending += 1;
        }
        const vfs = await Vfs.create(await createLocalBackend(remote), {
          ...DEFAULT_VFS_OPTIONS,
          cacheMode: 'writes',
          cacheDir: cache,
          writeBackMs: 0,
          dirCacheTimeMs: 0,
        });
        try {
          const deadline = Date.now() + 20_000;
          for (;;) {
            const stats = vfs.getCacheStats().cache;
            if (stats && stats.dirtyFiles === 0 && stats.uploadsQueued === 0 && stats.uploadsInProgress === 0) break;
            if (Date.now() > deadline) throw new Error(`uploads did not finish: ${JSON.stringify(stats)}`);
            await new Promise((r) => setTimeout(r, 20));
          }
        } finally {
          await vfs.shutdown();
        }
        for (const [file, versions] of log.versions) {
          const got = await remoteSha(remote, file);
          const acked = log.acked.get(file) ?? 0;
          // The last acknowledged version, or a later one whose acknowledgement the kill cut off.
          const allowed = acked > 0 ? versions.slice(acked - 1) : [undefined, empty, ...versions];
          expect({ round, file, ok: allowed.includes(got) }).toEqual({ round, file, ok: true });
        }
      } finally {
        await rm(remote, { recursive: true, force: true });
        await rm(cache, { recursive: true, force: true });
      }
    }
    // The test only proves something if acknowledged data was still waiting in the cache.
    expect(provedPending).toBeGreaterThan(ROUNDS);
  }, 120_000);
});
