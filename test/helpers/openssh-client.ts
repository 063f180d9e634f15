// Drives OpenSSH's real `sftp` client in batch mode against a server on 127.0.0.1, with a key or a
// password (through sshpass), ignoring the tester's own ssh config, agent and known hosts.
import { execFile, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './cli-server.js';

export interface SftpLogin {
  readonly user: string;
  /** Private key file for publickey login. */
  readonly key?: string;
  /** Password login (via sshpass). */
  readonly password?: string;
}

export interface SftpRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options that make every run independent of the machine's ssh setup. */
function baseOptions(port: number): string[] {
  return [
    '-P', String(port),
    '-F', '/dev/null',
    '-o', 'StrictHostKeyChecking=no',
    '-o', 'UserKnownHostsFile=/dev/null',
    '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'LogLevel=ERROR',
    '-o', 'ConnectTimeout=10',
  ];
}

/**
 * Runs `commands` (one per line) with `sftp -b`. `extraOptions` override the defaults. Batch mode stops at the first failing command
 * unless it is prefixed with "-". `cwd` is the local directory for put/get.
 */
export async function runSftp(
  port: number,
  login: SftpLogin,
  commands: readonly string[],
  options: { cwd?: string; extraOptions?: readonly string[] } = {},
): Promise<SftpRun> {
  const dir = await tempDir('batch');
  const batch = path.join(dir, 'batch');
  await writeFile(batch, `${commands.join('\n')}\n`);
  // ssh keeps the first value it sees for an option and `-b` adds BatchMode=yes where it appears,
  // so options that must win (the caller's, BatchMode=no for sshpass) go before it and the defaults.
  const args: string[] = [...(options.extraOptions ?? [])];
  let command = 'sftp';
  const env: Record<string, string> = { ...(process.env as Record<string, string>) };
  delete env.SSH_AUTH_SOCK;
  if (login.password !== undefined) {
    // sftp -b turns BatchMode on, which forbids password prompts; sshpass answers the prompt.
    args.push('-o', 'BatchMode=no', '-o', 'PreferredAuthentications=password,keyboard-interactive', '-o', 'PubkeyAuthentication=no');
    env.SSHPASS = login.password;
    command = 'sshpass';
    args.unshift('-e', 'sftp');
  } else if (login.key !== undefined) {
    args.push('-i', login.key, '-o', 'IdentitiesOnly=yes', '-o', 'PreferredAuthentications=publickey');
  }
  args.push('-b', batch, ...baseOptions(port), `${login.user}@127.0.0.1`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Generates an unencrypted ed25519 key pair with ssh-keygen; returns the private key path. */
export async function makeClientKey(dir: string, name = 'id_ed25519'): Promise<string> {
  const file = path.join(dir, name);
  await promisify(execFile)('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `wharf-test-${name}`, '-f', file]);
  return file;
}

/** `ssh-keygen -lf FILE`'s SHA256 fingerprint. */
export async function sshKeygenFingerprint(file: string): Promise<string> {
  const { stdout } = await promisify(execFile)('ssh-keygen', ['-l', '-E', 'sha256', '-f', file]);
  const m = /(SHA256:[A-Za-z0-9+/]+)/.exec(stdout);
  if (!m?.[1]) throw new Error(`no fingerprint in: ${stdout}`);
  return m[1];
}
