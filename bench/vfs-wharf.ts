// What the VFS bench parts share: their context (the bench environment plus the sshd that plays the
// SFTP remote), the connection string for a folder on that remote, and starting Wharf's CLI over a
// PATH with extra flags (key auth for the bench client), with a kill -9 for the crash rounds.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { BenchConfig } from './config.js';
import type { BenchEnvironment } from './environment.js';
import type { ManagedProcess } from './servers/managed-process.js';
import { startWharfCli } from './servers/wharf-cli.js';

export interface VfsBenchContext {
  readonly config: BenchConfig;
  readonly projectRoot: string;
  readonly workDir: string;
  readonly env: BenchEnvironment;
  /** Port of the sshd that plays the remote (it serves the whole file system). */
  readonly remotePort: number;
  readonly log: (line: string) => void;
  readonly signal: AbortSignal;
}

export interface WharfProcess {
  readonly port: number;
  readonly proc: ManagedProcess;
  /** SIGKILL, then waits for the exit. */
  kill9(): Promise<void>;
}

/** rclone's connection string for `folder` on the bench's sshd, with the bench client's key. */
export function remoteSpec(ctx: VfsBenchContext, folder: string): string {
  return `:sftp,host=127.0.0.1,port=${ctx.remotePort},user=${ctx.env.user},key_file=${ctx.env.keyFile}:${folder}`;
}

/** `wharf serve sftp PATH` with key auth for the bench client and `args`; resolves once it listens. */
export async function startWharf(ctx: VfsBenchContext, pathArg: string, args: readonly string[]): Promise<WharfProcess> {
  const { proc, port } = await startWharfCli(ctx.projectRoot, path.join(ctx.workDir, 'config'), 'sftp', pathArg, [
    '--user', ctx.env.user,
    // Key auth is what the bench uses; the password only satisfies the CLI and is never sent.
    '--pass', randomBytes(18).toString('base64url'),
    '--authorized-keys', `${ctx.env.keyFile}.pub`,
    ...args,
  ]);
  return {
    port,
    proc,
    async kill9() {
      try {
        process.kill(proc.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      await proc.stop();
    },
  };
}
