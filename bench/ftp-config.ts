// FTP suite settings on top of the shared BenchConfig (sizes, repetitions, workloads): which FTP
// servers to run. A separate variable from BENCH_SERVERS, whose names are the SFTP servers.
import { pick } from './config.js';

export type FtpServerName = 'wharf' | 'vsftpd' | 'pure-ftpd';
export const FTP_SERVER_NAMES: readonly FtpServerName[] = ['wharf', 'vsftpd', 'pure-ftpd'];

/** `BENCH_FTP_SERVERS="wharf vsftpd"`; default all three. Throws ConfigError on unknown names. */
export function readFtpServers(env: NodeJS.ProcessEnv): readonly FtpServerName[] {
  return pick(env, 'BENCH_FTP_SERVERS', FTP_SERVER_NAMES);
}
