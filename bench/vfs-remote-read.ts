// V1: the BIG fixture read through Wharf serving the fixture folder of an SFTP remote in
// --vfs-cache-mode full: once cold (fetched from the remote into the sparse cache), then again from
// the cache; each against the same read from Wharf serving the folder as a local share. The issue
// asks the second read to run at local speed: its throughput ratio to the local share is judged
// against 0.8 (a margin for run-to-run noise). Every download is compared with the source.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { sameContent } from './fixtures.js';
import { batchArg, runSftp } from './sftp-client.js';
import { median, mib, speedRatio, toMB } from './stats.js';
import { judgeRatio } from './targets.js';
import type { Verdict } from './targets.js';
import { run } from './tools.js';
import { remoteSpec, startWharf } from './vfs-wharf.js';
import type { VfsBenchContext, WharfProcess } from './vfs-wharf.js';

export const WARM_READ_TARGET = 0.8;

export interface RemoteReadResult {
  readonly sizeMb: number;
  readonly coldS?: number;
  /** Medians over REPS runs. */
  readonly warmS?: number;
  readonly localS?: number;
  /** Second-read throughput / local-share throughput. */
  readonly ratio?: number;
  readonly target: number;
  readonly verdict: Verdict;
  readonly failure?: string;
}

export async function measureRemoteRead(ctx: VfsBenchContext): Promise<RemoteReadResult> {
  const sizeMb = toMB(mib(ctx.config.bigMb));
  const base = { sizeMb, target: WARM_READ_TARGET };
  const started: WharfProcess[] = [];
  try {
    const remote = await startWharf(ctx, remoteSpec(ctx, ctx.env.fixtures.dir), [
      '--vfs-cache-mode', 'full', '--cache-dir', path.join(ctx.workDir, 'read-cache'),
    ]);
    started.push(remote);
    const local = await startWharf(ctx, ctx.env.fixtures.dir, []);
    started.push(local);
    const coldS = await timedGet(ctx, remote.port);
    ctx.log(`VFS V1 first read from the remote: ${coldS.toFixed(3)} s`);
    const warm: number[] = [];
    const localRuns: number[] = [];
    for (let rep = 0; rep < ctx.config.reps; rep++) {
      ctx.signal.throwIfAborted();
      // Alternate which goes first, as the main bench rotates servers.
      const order = rep % 2 === 0 ? [remote, local] : [local, remote];
      for (const server of order) {
        const s = await timedGet(ctx, server.port);
        (server === remote ? warm : localRuns).push(s);
        ctx.log(`VFS V1 run ${rep + 1}/${ctx.config.reps} ${server === remote ? 'second read (cache)' : 'local share'}: ${s.toFixed(3)} s`);
      }
    }
    const warmS = median(warm);
    const localS = median(localRuns);
    const ratio = speedRatio(warmS, localS);
    return { ...base, coldS, warmS, localS, ...(ratio === undefined ? {} : { ratio }), verdict: judgeRatio(ratio, WARM_READ_TARGET, warmS === undefined) };
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    return { ...base, verdict: 'MISS', failure: (err as Error).message.split('\n').slice(0, 3).join(' | ') };
  } finally {
    await Promise.all(started.map((w) => w.proc.stop()));
  }
}

/** One `get` of the BIG file, timed by the client run, checked byte for byte, then removed. */
async function timedGet(ctx: VfsBenchContext, port: number): Promise<number> {
  const out = path.join(ctx.env.scratchDir, 'v1.bin');
  await run('sync', []);
  try {
    const r = await runSftp(
      { port, user: ctx.env.user, keyFile: ctx.env.keyFile },
      [`get ${batchArg(`/${ctx.env.fixtures.big}`)} ${batchArg(out)}`],
      { extraArgs: [], timeoutS: ctx.config.timeoutBigS },
    );
    if (!r.ok) throw new Error(r.problem);
    if (!(await sameContent(path.join(ctx.env.fixtures.dir, ctx.env.fixtures.big), out))) throw new Error('the downloaded file differs from the source');
    return r.seconds;
  } finally {
    await fs.rm(out, { force: true });
  }
}
