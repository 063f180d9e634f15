// Driving OpenSSH's `sftp` client in batch mode (`-b -`, commands on stdin): the same client, flags and
// key for every server, only the port, remote folder and cipher differ. Also reads which cipher the
// client actually negotiated, from its -v trace.
import { spawn } from 'node:child_process';
import { type ClientResult, timeClient } from './timed-client.js';
import type { BenchClient, ClientCommands, WorkloadTitles } from './workloads.js';

export interface SftpTarget {
  readonly port: number;
  readonly user: string;
  readonly keyFile: string;
}

export type SftpResult = ClientResult;

/** Quote one argument for an sftp batch line (double quotes; backslash escapes " and \). */
export function batchArg(arg: string): string {
  if (/[\r\n]/.test(arg)) throw new Error('sftp batch arguments cannot contain line breaks');
  return `"${arg.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function clientArgs(target: SftpTarget, extra: readonly string[]): string[] {
  return [
    '-F', '/dev/null',
    '-i', target.keyFile,
    '-oIdentitiesOnly=yes',
    '-oPasswordAuthentication=no',
    '-oKbdInteractiveAuthentication=no',
    '-oStrictHostKeyChecking=no',
    '-oUserKnownHostsFile=/dev/null',
    '-oLogLevel=ERROR',
    '-oConnectTimeout=15',
    '-oServerAliveInterval=15',
    '-oServerAliveCountMax=4',
    ...extra,
    '-P', String(target.port),
    '-b', '-',
    `${target.user}@127.0.0.1`,
  ];
}

/**
 * Run one sftp batch. The clock covers the whole client run (connect, auth, commands, exit), as a
 * user timing the command would see it. Batch mode stops at the first failing command.
 */
export function runSftp(
  target: SftpTarget,
  batch: readonly string[],
  options: { readonly extraArgs: readonly string[]; readonly timeoutS: number; readonly captureStdout?: boolean },
): Promise<SftpResult> {
  return timeClient('sftp', clientArgs(target, options.extraArgs), {
    timeoutS: options.timeoutS,
    captureStdout: options.captureStdout,
    stdin: batch.map((l) => `${l}\n`).join(''),
  });
}

/** "cipher / MAC" negotiated client->server, from `ssh -v` output. */
export function parseNegotiatedCipher(trace: string): string | undefined {
  const m = /kex: client->server cipher: (\S+) MAC: (\S+)/.exec(trace);
  if (!m?.[1]) return undefined;
  return m[2] === '<implicit>' ? m[1] : `${m[1]} / ${m[2]}`;
}

/** Connect once with -v and report the negotiated cipher, or the failure. */
export function probeCipher(target: SftpTarget, extraArgs: readonly string[]): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn('sftp', clientArgs(target, ['-v', ...extraArgs]), { stdio: 'pipe' });
    child.stdout.resume();
    let trace = '';
    child.stderr.on('data', (d: Buffer) => {
      trace += d.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', (e) => resolve(`failed: ${e.message}`));
    child.on('close', (code) => {
      clearTimeout(timer);
      const cipher = parseNegotiatedCipher(trace);
      if (code === 0 && cipher) resolve(cipher);
      else {
        const last = trace.trim().split('\n').filter((l) => !l.startsWith('debug')).pop();
        resolve(`failed${cipher ? ` (${cipher})` : ''}: ${last ?? `exit ${code ?? '?'}`}`);
      }
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end('pwd\n');
  });
}

/** What `sftp` types for each workload; the floor run sends the same. */
export const SFTP_COMMANDS: ClientCommands = {
  W0: () => ['pwd'],
  get: (remoteFile, localFile) => [`get ${batchArg(remoteFile)} ${batchArg(localFile)}`],
  put: (localFile, remoteFile) => [`put ${batchArg(localFile)} ${batchArg(remoteFile)}`],
  W3: (localFolder, remoteTarget) => [`put -r ${batchArg(localFolder)} ${batchArg(remoteTarget)}`],
  W4: (remoteFolder, localTarget) => [`get -r ${batchArg(remoteFolder)} ${batchArg(localTarget)}`],
  W5: (remoteFolder) => [`ls -l ${batchArg(remoteFolder)}`],
};

export const SFTP_TITLES: WorkloadTitles = {
  W0: () => 'connect+auth+pwd+exit',
  W1: (c) => `download ${c.bigMb} MiB file`,
  W2: (c) => `upload ${c.bigMb} MiB file`,
  W3: (c) => `upload ${c.smallN} small files (put -r)`,
  W4: (c) => `download ${c.smallN} small files (get -r)`,
  W5: (c) => `ls -l of a ${c.listN}-entry folder`,
  W6: (c) => `${c.parN} parallel downloads of ${c.parMb} MiB (aggregate)`,
};

/** `sftp` aimed at one server with one cipher setting, as the workloads drive it. */
export function sftpBenchClient(target: SftpTarget, extraArgs: readonly string[]): BenchClient {
  return {
    commands: SFTP_COMMANDS,
    run: (batch, timeoutS, captureStdout) => runSftp(target, batch, { extraArgs, timeoutS, captureStdout }),
  };
}
