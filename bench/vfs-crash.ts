// V2: kill -9 of Wharf in --vfs-cache-mode writes over an SFTP remote, right after uploads the
// client was told succeeded (OpenSSH's sftp `put` has exited), then a restart with the same
// --cache-dir, round after round: each restart must upload what the previous process acknowledged.
// Counts acknowledged uploads, those that never reached the remote (lost: must be 0) and those that
// were still only in the cache when the process died (what makes a round prove anything).
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { batchArg, runSftp } from './sftp-client.js';
import { remoteSpec, startWharf } from './vfs-wharf.js';
import type { VfsBenchContext } from './vfs-wharf.js';

/** The kill follows the acknowledgement within milliseconds: this leaves a wide margin. */
const WRITE_BACK = '500ms';
const FILE_BYTES = 256 * 1024;
const RECOVERY_TIMEOUT_MS = 30_000;

export interface CrashResult {
  readonly rounds: number;
  readonly acked: number;
  readonly lost: number;
  readonly pendingAtKill: number;
  readonly seconds: number;
  readonly failure?: string;
}

export async function measureCrashRounds(ctx: VfsBenchContext, rounds: number): Promise<CrashResult> {
  const remoteDir = path.join(ctx.workDir, 'crash-remote');
  const srcDir = path.join(ctx.workDir, 'crash-src');
  await fs.mkdir(remoteDir, { recursive: true });
  await fs.mkdir(srcDir, { recursive: true });
  const args = ['--vfs-cache-mode', 'writes', '--vfs-write-back', WRITE_BACK, '--cache-dir', path.join(ctx.workDir, 'crash-cache')];
  /** Latest acknowledged content per remote file, not yet seen on the remote. */
  const waiting = new Map<string, Buffer>();
  let acked = 0;
  let lost = 0;
  let pendingAtKill = 0;
  const started = performance.now();
  const result = (failure?: string): CrashResult => ({
    rounds, acked, lost, pendingAtKill, seconds: (performance.now() - started) / 1000, ...(failure === undefined ? {} : { failure }),
  });

  for (let round = 0; round <= rounds; round++) {
    ctx.signal.throwIfAborted();
    let wharf;
    try {
      wharf = await startWharf(ctx, remoteSpec(ctx, remoteDir), args);
    } catch (err) {
      return result(`round ${round}: ${(err as Error).message.split('\n')[0] ?? ''}`);
    }
    try {
      lost += await recover(remoteDir, waiting);
      if (round === rounds) break;
      const files = new Map<string, Buffer>([[`round-${round}.bin`, randomBytes(FILE_BYTES)], ['shared.bin', randomBytes(FILE_BYTES / 2 + round)]]);
      for (const [name, data] of files) await fs.writeFile(path.join(srcDir, name), data);
      const put = await runSftp(
        { port: wharf.port, user: ctx.env.user, keyFile: ctx.env.keyFile },
        [...files.keys()].map((name) => `put ${batchArg(path.join(srcDir, name))} ${batchArg(`/${name}`)}`),
        { extraArgs: [], timeoutS: 120 },
      );
      if (!put.ok) return result(`round ${round}: ${put.problem}`);
      // Acknowledged: kill at once, before the write-back delay is up.
      await wharf.kill9();
      for (const [name, data] of files) {
        acked += 1;
        if (!(await same(path.join(remoteDir, name), data))) pendingAtKill += 1;
        waiting.set(name, data);
      }
      if ((round + 1) % 10 === 0) ctx.log(`VFS V2 round ${round + 1}/${rounds}: ${acked} acknowledged, ${lost} lost so far`);
    } finally {
      await wharf.proc.stop();
    }
  }
  return result();
}

/** Waits for every waiting upload to reach the remote; returns how many never did. */
async function recover(remoteDir: string, waiting: Map<string, Buffer>): Promise<number> {
  const deadline = Date.now() + RECOVERY_TIMEOUT_MS;
  while (waiting.size > 0 && Date.now() < deadline) {
    for (const [name, data] of [...waiting]) if (await same(path.join(remoteDir, name), data)) waiting.delete(name);
    if (waiting.size > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const missing = waiting.size;
  waiting.clear();
  return missing;
}

async function same(file: string, data: Buffer): Promise<boolean> {
  return (await fs.readFile(file).catch(() => undefined))?.equals(data) ?? false;
}
