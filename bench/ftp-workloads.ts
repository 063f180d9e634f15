// The seven workloads over FTP with lftp, matching the SFTP ones (and the baseline lftp driver): each
// times one client run (W6: PAR_N clients at once), checks the result byte for byte, and removes what
// it created (small-file folders are set aside: set-aside.ts) so the shared fixture folder is the
// same for the next server.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { BenchConfig, WorkloadId } from './config.js';
import { folderDifference, type Fixtures, sameContent } from './fixtures.js';
import { type FtpTarget, lftpArg, runLftp } from './ftp-client.js';
import { setAside } from './set-aside.js';
import { mib, toMB } from './stats.js';
import { countListedEntries, type RateUnit, WorkloadFailure } from './workloads.js';

export interface FtpWorkloadContext {
  readonly config: BenchConfig;
  readonly fixtures: Fixtures;
  readonly target: FtpTarget;
  /** The fixture folder as this server's clients see it ('' = the server's root). */
  readonly remoteDir: string;
  /** Local folder for downloads, outside the served folder. */
  readonly scratchDir: string;
  /** lftp's HOME (scripts, settings). */
  readonly clientHome: string;
}

export interface FtpWorkload {
  readonly id: WorkloadId;
  title(config: BenchConfig): string;
  readonly unit: RateUnit | undefined;
  work(config: BenchConfig): number;
  /** One timed run: its seconds. Throws WorkloadFailure when the run or its check fails. */
  run(ctx: FtpWorkloadContext): Promise<number>;
}

const remote = (ctx: FtpWorkloadContext, name: string): string => `${ctx.remoteDir}/${name}`;
const local = (ctx: FtpWorkloadContext, name: string): string => path.join(ctx.fixtures.dir, name);
const unique = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

async function timed(ctx: FtpWorkloadContext, commands: readonly string[], timeoutS: number, captureStdout = false) {
  const r = await runLftp(ctx.target, commands, { home: ctx.clientHome, timeoutS, captureStdout });
  if (!r.ok) throw new WorkloadFailure(r.problem);
  return r;
}

async function check(ok: Promise<boolean> | boolean, what: string): Promise<void> {
  if (!(await ok)) throw new WorkloadFailure(what);
}

/** The lftp commands of the small-file workloads; the floor run sends the same. */
export const LFTP_COMMANDS = {
  W3: (localFolder: string, remoteTarget: string): string[] => [`mirror -R --no-perms ${lftpArg(localFolder)} ${lftpArg(remoteTarget)}`],
  W4: (remoteFolder: string, localTarget: string): string[] => [`mirror --no-perms ${lftpArg(remoteFolder)} ${lftpArg(localTarget)}`],
} as const;

const W0: FtpWorkload = {
  id: 'W0',
  title: () => 'connect+login+cwd+quit',
  unit: undefined,
  work: () => 1,
  async run(ctx) {
    // lftp connects lazily: the cd is what opens the connection and logs in.
    return (await timed(ctx, [`cd ${lftpArg(ctx.remoteDir === '' ? '/' : ctx.remoteDir)}`], 60)).seconds;
  },
};

const W1: FtpWorkload = {
  id: 'W1',
  title: (c) => `download ${c.bigMb} MiB file (get)`,
  unit: 'MB/s',
  work: (c) => toMB(mib(c.bigMb)),
  async run(ctx) {
    const out = path.join(ctx.scratchDir, 'w1.bin');
    try {
      const r = await timed(ctx, [`get ${lftpArg(remote(ctx, ctx.fixtures.big))} -o ${lftpArg(out)}`], ctx.config.timeoutBigS);
      await check(sameContent(local(ctx, ctx.fixtures.big), out), 'downloaded file differs from the source');
      return r.seconds;
    } finally {
      await fs.rm(out, { force: true });
    }
  },
};

const W2: FtpWorkload = {
  id: 'W2',
  title: (c) => `upload ${c.bigMb} MiB file (put)`,
  unit: 'MB/s',
  work: (c) => toMB(mib(c.bigMb)),
  async run(ctx) {
    const name = `${unique('w2')}.bin`;
    try {
      const r = await timed(ctx, [`put ${lftpArg(local(ctx, ctx.fixtures.big))} -o ${lftpArg(remote(ctx, name))}`], ctx.config.timeoutBigS);
      await check(sameContent(local(ctx, ctx.fixtures.big), local(ctx, name)), 'uploaded file differs from the source');
      return r.seconds;
    } finally {
      await fs.rm(local(ctx, name), { force: true });
    }
  },
};

const W3: FtpWorkload = {
  id: 'W3',
  title: (c) => `upload ${c.smallN} small files (mirror -R)`,
  unit: 'files/s',
  work: (c) => c.smallN,
  async run(ctx) {
    const name = unique('w3');
    try {
      const r = await timed(ctx, LFTP_COMMANDS.W3(local(ctx, ctx.fixtures.small), remote(ctx, name)), ctx.config.timeoutSmallS);
      const diff = await folderDifference(local(ctx, ctx.fixtures.small), local(ctx, name));
      if (diff !== undefined) throw new WorkloadFailure(`uploaded folder: ${diff}`);
      return r.seconds;
    } finally {
      await setAside(ctx.scratchDir, local(ctx, name));
    }
  },
};

const W4: FtpWorkload = {
  id: 'W4',
  title: (c) => `download ${c.smallN} small files (mirror)`,
  unit: 'files/s',
  work: (c) => c.smallN,
  async run(ctx) {
    const out = path.join(ctx.scratchDir, 'w4');
    await fs.rm(out, { recursive: true, force: true });
    try {
      const r = await timed(ctx, LFTP_COMMANDS.W4(remote(ctx, ctx.fixtures.small), out), ctx.config.timeoutSmallS);
      const diff = await folderDifference(local(ctx, ctx.fixtures.small), out);
      if (diff !== undefined) throw new WorkloadFailure(`downloaded folder: ${diff}`);
      return r.seconds;
    } finally {
      await setAside(ctx.scratchDir, out);
    }
  },
};

const W5: FtpWorkload = {
  id: 'W5',
  title: (c) => `LIST of a ${c.listN}-entry folder (ls)`,
  unit: 'entries/s',
  work: (c) => c.listN,
  async run(ctx) {
    const r = await timed(ctx, [`ls ${lftpArg(remote(ctx, ctx.fixtures.list))}`], ctx.config.timeoutSmallS, true);
    const n = countListedEntries(r.stdout);
    if (n !== ctx.config.listN) throw new WorkloadFailure(`listed ${n} entries instead of ${ctx.config.listN}`);
    return r.seconds;
  },
};

const W6: FtpWorkload = {
  id: 'W6',
  title: (c) => `${c.parN} parallel downloads of ${c.parMb} MiB (aggregate)`,
  unit: 'MB/s',
  work: (c) => toMB(c.parN * mib(c.parMb)),
  async run(ctx) {
    const outs = ctx.fixtures.par.map((_, i) => path.join(ctx.scratchDir, `w6-${i + 1}.bin`));
    try {
      const started = performance.now();
      const results = await Promise.all(
        ctx.fixtures.par.map((p, i) =>
          runLftp(ctx.target, [`get ${lftpArg(remote(ctx, p))} -o ${lftpArg(outs[i] as string)}`], {
            home: ctx.clientHome,
            timeoutS: ctx.config.timeoutBigS,
          }),
        ),
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

export const FTP_WORKLOADS: readonly FtpWorkload[] = [W0, W1, W2, W3, W4, W5, W6];
