// Driving OpenSSH's `sftp` client in batch mode (`-b -`, commands on stdin): the same client, flags and
// key for every server, only the port, remote folder and cipher differ. Also reads which cipher the
// client actually negotiated, from its -v trace.
import { spawn } from 'node:child_process';

export interface SftpTarget {
  readonly port: number;
  readonly user: string;
  readonly keyFile: string;
}

export interface SftpResult {
  readonly ok: boolean;
  /** Wall time from spawning the client to its exit. */
  readonly seconds: number;
  /** Captured stdout (only when asked for). */
  readonly stdout: string;
  /** Exit code or signal, timeout, and the last of stderr, for failure messages. */
  readonly problem: string;
}

const STDERR_TAIL = 2000;

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
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn('sftp', clientArgs(target, options.extraArgs), { stdio: 'pipe' });
    const out: Buffer[] = [];
    let err = '';
    let timedOut = false;
    // Always drained (a full pipe would stall the client); kept only when asked for.
    child.stdout.on('data', (d: Buffer) => {
      if (options.captureStdout) out.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      err = (err + d.toString('utf8')).slice(-STDERR_TAIL);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutS * 1000);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, seconds: 0, stdout: '', problem: `cannot run sftp: ${e.message}` });
    });
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      clearTimeout(timer);
      const ok = code === 0 && !timedOut;
      const how = timedOut ? `timed out after ${options.timeoutS} s` : signal ? `killed by ${signal}` : `exit ${code ?? '?'}`;
      const problem = ok ? '' : `sftp ${how}${err.trim() ? `: ${err.trim()}` : ''}`;
      resolve({ ok, seconds, stdout: Buffer.concat(out).toString('utf8'), problem });
    });
    child.stdin.on('error', () => undefined); // the client may exit before reading all commands
    child.stdin.end(batch.map((l) => `${l}\n`).join(''));
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
