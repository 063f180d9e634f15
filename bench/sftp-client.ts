// Driving OpenSSH's `sftp` client in batch mode (`-b -`, commands on stdin): the same client, flags and
// key for every server, only the port, remote folder and cipher differ. Also reads which cipher the
// client actually negotiated, from its -v trace.
import { spawn } from 'node:child_process';
import { type ClientResult, timeClient } from './timed-client.js';

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
