// Driving `lftp` for the FTP suite: one script per run (plain FTP, passive mode, no TLS, no caches,
// the same settings for every server), run with `lftp -f`, its HOME kept in the bench's temp dir.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type ClientResult, timeClient } from './timed-client.js';
import type { BenchClient, ClientCommands, WorkloadTitles } from './workloads.js';

export interface FtpTarget {
  readonly port: number;
  readonly user: string;
  readonly pass: string;
}

/** The script is written before the clock starts. */
export type LftpResult = ClientResult;

/** Quote one argument for an lftp command line (double quotes; backslash escapes " and \). */
export function lftpArg(arg: string): string {
  if (/[\r\n]/.test(arg)) throw new Error('lftp arguments cannot contain line breaks');
  return `"${arg.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** The whole script: settings every run shares, the login, then `commands`. */
export function lftpScript(target: FtpTarget, commands: readonly string[]): string {
  if (target.user.includes(',')) throw new Error('an lftp user name cannot contain a comma');
  return [
    'set cmd:fail-exit yes',
    'set cmd:save-cwd-history no',
    'set cmd:save-rl-history no',
    'set xfer:log no',
    'set net:timeout 20',
    'set net:max-retries 2',
    'set net:reconnect-interval-base 2',
    'set net:persist-retries 0',
    'set ftp:ssl-allow no',
    'set ftp:passive-mode on',
    'set ftp:prefer-epsv no',
    'set ftp:use-mdtm no',
    'set ftp:use-site-utime no',
    'set ftp:use-site-utime2 no',
    'set xfer:clobber yes',
    'set cache:enable no',
    'set mirror:set-permissions no',
    'set mirror:parallel-transfer-count 1',
    `open -u ${lftpArg(`${target.user},${target.pass}`)} -p ${target.port} 127.0.0.1`,
    ...commands,
    '',
  ].join('\n');
}

/** lftp's HOME and XDG folders under `home`, so it keeps no history or bookmarks in the user's. */
function clientEnv(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    LFTP_HOME: path.join(home, '.lftp'),
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
  };
}

/** Run one lftp script; the script file lives in `home` (it holds the password) and is removed after. */
export async function runLftp(
  target: FtpTarget,
  commands: readonly string[],
  options: { readonly home: string; readonly timeoutS: number; readonly captureStdout?: boolean },
): Promise<LftpResult> {
  await fs.mkdir(options.home, { recursive: true, mode: 0o700 });
  const script = path.join(options.home, `run-${randomBytes(6).toString('hex')}.lftp`);
  await fs.writeFile(script, lftpScript(target, commands), { mode: 0o600 });
  try {
    return await timeClient('lftp', ['-f', script], {
      timeoutS: options.timeoutS,
      captureStdout: options.captureStdout,
      env: clientEnv(options.home),
    });
  } finally {
    await fs.rm(script, { force: true });
  }
}

/** What lftp types for each workload; the floor run sends the same. */
export const LFTP_COMMANDS: ClientCommands = {
  // lftp connects lazily: the cd is what opens the connection and logs in.
  W0: (remoteDir) => [`cd ${lftpArg(remoteDir)}`],
  get: (remoteFile, localFile) => [`get ${lftpArg(remoteFile)} -o ${lftpArg(localFile)}`],
  put: (localFile, remoteFile) => [`put ${lftpArg(localFile)} -o ${lftpArg(remoteFile)}`],
  W3: (localFolder, remoteTarget) => [`mirror -R --no-perms ${lftpArg(localFolder)} ${lftpArg(remoteTarget)}`],
  W4: (remoteFolder, localTarget) => [`mirror --no-perms ${lftpArg(remoteFolder)} ${lftpArg(localTarget)}`],
  W5: (remoteFolder) => [`ls ${lftpArg(remoteFolder)}`],
};

export const LFTP_TITLES: WorkloadTitles = {
  W0: () => 'connect+login+cwd+quit',
  W1: (c) => `download ${c.bigMb} MiB file (get)`,
  W2: (c) => `upload ${c.bigMb} MiB file (put)`,
  W3: (c) => `upload ${c.smallN} small files (mirror -R)`,
  W4: (c) => `download ${c.smallN} small files (mirror)`,
  W5: (c) => `LIST of a ${c.listN}-entry folder (ls)`,
  W6: (c) => `${c.parN} parallel downloads of ${c.parMb} MiB (aggregate)`,
};

/** lftp aimed at one server, its HOME in the bench's temp dir, as the workloads drive it. */
export function lftpBenchClient(target: FtpTarget, home: string): BenchClient {
  return {
    commands: LFTP_COMMANDS,
    run: (commands, timeoutS, captureStdout) => runLftp(target, commands, { home, timeoutS, captureStdout }),
  };
}
