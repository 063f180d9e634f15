// The seven workloads, matching the baseline drivers, for any client the bench drives (OpenSSH's
// sftp, lftp): each times one client run (W6: PAR_N clients at once), checks the result byte for
// byte, and removes what it created (small-file folders are set aside: set-aside.ts) so the shared
// fixture folder is the same for the next server. What each client types is its BenchClient's.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { BenchConfig, WorkloadId } from './config.js';
import { folderDifference, type Fixtures, sameContent } from './fixtures.js';
import { setAside } from './set-aside.js';
import { mib, toMB } from './stats.js';
import type { ClientResult } from './timed-client.js';

export type RateUnit = 'MB/s' | 'files/s' | 'entries/s';

/** What a client types for each workload (one command list per client run). */
export interface ClientCommands {
  /** Connect, log in, one trivial request, quit. */
  W0(remoteDir: string): string[];
  /** Download one file (W1, and each of W6's clients). */
  get(remoteFile: string, localFile: string): string[];
  /** Upload one file (W2). */
  put(localFile: string, remoteFile: string): string[];
  /** Upload a local folder (W3). */
  W3(localFolder: string, remoteTarget: string): string[];
  /** Download a remote folder (W4). */
  W4(remoteFolder: string, localTarget: string): string[];
  /** List a remote folder, one entry per line (W5). */
  W5(remoteFolder: string): string[];
}

/** One client as the workloads drive it, already aimed at one server. */
export interface BenchClient {
  readonly commands: ClientCommands;
  run(commands: readonly string[], timeoutS: number, captureStdout?: boolean): Promise<ClientResult>;
}

export interface WorkloadContext {
  readonly config: BenchConfig;
  readonly fixtures: Fixtures;
  /** The fixture folder as this server's clients see it ('' = the server's root). */
  readonly remoteDir: string;
  /** Local folder for downloads, outside the served folder. */
  readonly scratchDir: string;
  readonly client: BenchClient;
}

export interface Workload {
  readonly id: WorkloadId;
  /** Unit of the rate column; undefined for W0 (a time only). */
  readonly unit: RateUnit | undefined;
  /** Amount of work per run in the rate's unit (MB, files, entries). */
  work(config: BenchConfig): number;
  /** One timed run: its seconds. Throws WorkloadFailure when the run or its check fails. */
  run(ctx: WorkloadContext): Promise<number>;
}

/** The report's title of each workload, in the client's own words. */
export type WorkloadTitles = { readonly [id in WorkloadId]: (config: BenchConfig) => string };

export class WorkloadFailure extends Error {}

const remote = (ctx: WorkloadContext, name: string): string => `${ctx.remoteDir}/${name}`;
const local = (ctx: WorkloadContext, name: string): string => path.join(ctx.fixtures.dir, name);
const unique = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

async function timed(ctx: WorkloadContext, commands: readonly string[], timeoutS: number, captureStdout = false) {
  const r = await ctx.client.run(commands, timeoutS, captureStdout);
  if (!r.ok) throw new WorkloadFailure(r.problem);
  return r;
}

async function check(ok: Promise<boolean> | boolean, what: string): Promise<void> {
  if (!(await ok)) throw new WorkloadFailure(what);
}

/** Entry lines in a listing (`ls -l`, lftp's `ls`): the long format ends each line with the name. */
export function countListedEntries(stdout: string): number {
  return stdout.split('\n').filter((l) => /(^|[\s/])entry-\d{6}$/.test(l.trimEnd())).length;
}

const W0: Workload = {
  id: 'W0',
  unit: undefined,
  work: () => 1,
  async run(ctx) {
    return (await timed(ctx, ctx.client.commands.W0(ctx.remoteDir === '' ? '/' : ctx.remoteDir), 60)).seconds;
  },
};

const W1: Workload = {
  id: 'W1',
  unit: 'MB/s',
  work: (c) => toMB(mib(c.bigMb)),
  async run(ctx) {
    const out = path.join(ctx.scratchDir, 'w1.bin');
    try {
      const r = await timed(ctx, ctx.client.commands.get(remote(ctx, ctx.fixtures.big), out), ctx.config.timeoutBigS);
      await check(sameContent(local(ctx, ctx.fixtures.big), out), 'downloaded file differs from the source');
      return r.seconds;
    } finally {
      await fs.rm(out, { force: true });
    }
  },
};

const W2: Workload = {
  id: 'W2',
  unit: 'MB/s',
  work: (c) => toMB(mib(c.bigMb)),
  async run(ctx) {
    const name = `${unique('w2')}.bin`;
    try {
      const r = await timed(ctx, ctx.client.commands.put(local(ctx, ctx.fixtures.big), remote(ctx, name)), ctx.config.timeoutBigS);
      await check(sameContent(local(ctx, ctx.fixtures.big), local(ctx, name)), 'uploaded file differs from the source');
      return r.seconds;
    } finally {
      await fs.rm(local(ctx, name), { force: true });
    }
  },
};

const W3: Workload = {
  id: 'W3',
  unit: 'files/s',
  work: (c) => c.smallN,
  async run(ctx) {
    const name = unique('w3');
    try {
      const r = await timed(ctx, ctx.client.commands.W3(local(ctx, ctx.fixtures.small), remote(ctx, name)), ctx.config.timeoutSmallS);
      const diff = await folderDifference(local(ctx, ctx.fixtures.small), local(ctx, name));
      if (diff !== undefined) throw new WorkloadFailure(`uploaded folder: ${diff}`);
      return r.seconds;
    } finally {
      await setAside(ctx.scratchDir, local(ctx, name));
    }
  },
};

const W4: Workload = {
  id: 'W4',
  unit: 'files/s',
  work: (c) => c.smallN,
  async run(ctx) {
    const out = path.join(ctx.scratchDir, 'w4');
    await fs.rm(out, { recursive: true, force: true });
    try {
      const r = await timed(ctx, ctx.client.commands.W4(remote(ctx, ctx.fixtures.small), out), ctx.config.timeoutSmallS);
      const diff = await folderDifference(local(ctx, ctx.fixtures.small), out);
      if (diff !== undefined) throw new WorkloadFailure(`downloaded folder: ${diff}`);
      return r.seconds;
    } finally {
      await setAside(ctx.scratchDir, out);
    }
  },
};

const W5: Workload = {
  id: 'W5',
  unit: 'entries/s',
  work: (c) => c.listN,
  async run(ctx) {
    const r = await timed(ctx, ctx.client.commands.W5(remote(ctx, ctx.fixtures.list)), ctx.config.timeoutSmallS, true);
    const n = countListedEntries(r.stdout);
    if (n !== ctx.config.listN) throw new WorkloadFailure(`listed ${n} entries instead of ${ctx.config.listN}`);
    return r.seconds;
  },
};

const W6: Workload = {
  id: 'W6',
  unit: 'MB/s',
  work: (c) => toMB(c.parN * mib(c.parMb)),
  async run(ctx) {
    const outs = ctx.fixtures.par.map((_, i) => path.join(ctx.scratchDir, `w6-${i + 1}.bin`));
    try {
      const started = performance.now();
      const results = await Promise.all(
        ctx.fixtures.par.map((p, i) => ctx.client.run(ctx.client.commands.get(remote(ctx, p), outs[i] as string), ctx.config.timeoutBigS)),
      );
      const seconds = (performance.now() - started) / 1000;
      const failed = results.find((r) => !r.ok);
      if (failed) throw new WorkloadFailure(failed.problem);
      for (const [i, p] of ctx.fixtures.par.entries()) {
        await check(sameContent(local(ctx, p), outs[i] as string), `parallel download ${i + 1} differs from the source`);
      }
      return seconds;
    } finally {
      await Promise.all(outs.map((o) => fs.rm(o, { force: true })));
    }
  },
};

export const WORKLOADS: readonly Workload[] = [W0, W1, W2, W3, W4, W5, W6];
