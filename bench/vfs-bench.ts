// The VFS part of `npm run bench` (issue 3): over an SFTP remote (OpenSSH's sshd on 127.0.0.1, given
// to Wharf as an rclone connection string), V1 times a cold and a cached read of the BIG file in
// --vfs-cache-mode full against the same read from a local share, and V2 kills Wharf with SIGKILL
// right after acknowledged uploads, many times, and counts what a restart failed to upload.
// BENCH_VFS=0 skips it; BENCH_CRASH_ROUNDS sets V2's rounds (100; 10 with BENCH_QUICK).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { BenchConfig } from './config.js';
import type { BenchEnvironment } from './environment.js';
import { opensshLauncher } from './servers/openssh.js';
import { measureCrashRounds } from './vfs-crash.js';
import type { CrashResult } from './vfs-crash.js';
import { measureRemoteRead } from './vfs-remote-read.js';
import type { RemoteReadResult } from './vfs-remote-read.js';
import type { VfsBenchContext } from './vfs-wharf.js';

export interface VfsBenchResult {
  /** Why the VFS bench did not run, when it did not. */
  readonly skipped?: string;
  readonly remoteRead?: RemoteReadResult;
  readonly crash?: CrashResult;
}

export function crashRounds(env: NodeJS.ProcessEnv, quick: boolean): number {
  const raw = env['BENCH_CRASH_ROUNDS'];
  if (raw === undefined || raw.trim() === '') return quick ? 10 : 100;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1) throw new Error(`BENCH_CRASH_ROUNDS must be a positive integer, got "${raw}"`);
  return Number(raw);
}

/** Runs V1 and V2; never throws for a measurement problem (it is recorded in the result). */
export async function runVfsBench(
  config: BenchConfig,
  env: BenchEnvironment,
  projectRoot: string,
  log: (line: string) => void,
  signal: AbortSignal,
): Promise<VfsBenchResult | undefined> {
  const wanted = (process.env['BENCH_VFS'] ?? '').trim().toLowerCase();
  if (['0', 'false', 'no'].includes(wanted)) return undefined;
  const rounds = crashRounds(process.env, config.quick);
  const workDir = path.join(env.root, 'vfs');
  await fs.mkdir(path.join(workDir, 'sshd'), { recursive: true });
  const reason = await opensshLauncher.unavailable({ projectRoot });
  if (reason !== undefined) return { skipped: `no SFTP remote to test with: ${reason}` };
  let sshd;
  try {
    sshd = await opensshLauncher.start({
      fixtureDir: env.fixtures.dir,
      workDir: path.join(workDir, 'sshd'),
      user: env.user,
      authorizedKeysFile: `${env.keyFile}.pub`,
      projectRoot,
    });
  } catch (err) {
    return { skipped: `the remote (sshd) did not start: ${(err as Error).message.split('\n')[0] ?? ''}` };
  }
  const ctx: VfsBenchContext = { config, projectRoot, workDir, env, remotePort: sshd.port, log, signal };
  try {
    log(`VFS: remote is sshd on 127.0.0.1:${sshd.port}`);
    const remoteRead = await measureRemoteRead(ctx);
    signal.throwIfAborted();
    const crash = await measureCrashRounds(ctx, rounds);
    return { remoteRead, crash };
  } finally {
    await sshd.stop();
  }
}

/** True when V2 lost data or a part failed: the bench then exits with status 1. */
export function vfsBenchFailed(result: VfsBenchResult | undefined): boolean {
  if (result === undefined || result.skipped !== undefined) return false;
  return result.remoteRead?.failure !== undefined || result.crash?.failure !== undefined || (result.crash?.lost ?? 0) > 0;
}

const mbps = (mb: number, s: number | undefined): string => (s === undefined || s <= 0 ? '' : ` ${(mb / s).toFixed(1)} MB/s`);
const secs = (s: number | undefined): string => (s === undefined ? 'n/a' : `${s.toFixed(3)} s`);

export function formatVfsReport(result: VfsBenchResult): string {
  const out = ['', '== VFS over an SFTP remote (OpenSSH sshd on 127.0.0.1)'];
  if (result.skipped !== undefined) return [...out, `skipped: ${result.skipped}`].join('\n');
  const r = result.remoteRead;
  if (r !== undefined) {
    const head = `V1 read ${r.sizeMb.toFixed(0)} MB through --vfs-cache-mode full`;
    if (r.failure !== undefined) out.push(`${head}: FAIL ${r.failure}`);
    else {
      const ratio = r.ratio === undefined ? 'n/a' : `${r.ratio.toFixed(2)}x`;
      out.push(
        `${head}: first read ${secs(r.coldS)}${mbps(r.sizeMb, r.coldS)}; second read ${secs(r.warmS)}${mbps(r.sizeMb, r.warmS)}; ` +
          `local share ${secs(r.localS)}${mbps(r.sizeMb, r.localS)}`,
        `   second read / local share (throughput): ${ratio} >=${r.target.toFixed(1)}x ${r.verdict}`,
      );
    }
  }
  const c = result.crash;
  if (c !== undefined) {
    const head = `V2 kill -9 right after acknowledged uploads, then restart (--vfs-cache-mode writes), ${c.rounds} rounds`;
    if (c.failure !== undefined) out.push(`${head}: FAIL ${c.failure}`);
    out.push(
      `${c.failure === undefined ? head : '   so far'}: ${c.acked} acknowledged uploads, ${c.lost} lost ${c.lost === 0 ? 'PASS' : 'MISS'}; ` +
        `${c.pendingAtKill} were still only in the cache at the kill; ${c.seconds.toFixed(1)} s`,
    );
  }
  return out.join('\n');
}
