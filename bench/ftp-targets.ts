// The FTP issue's targets: Wharf against vsftpd (at least 0.9x on transfers and small files, 0.5x on
// the listing); pure-ftpd is measured for comparison and has no target. Memory: the shared ceiling.
import type { WorkloadId } from './config.js';

export type FtpRival = 'vsftpd' | 'pure-ftpd';

export function ftpSpeedTarget(workload: WorkloadId, rival: FtpRival): number | undefined {
  if (rival === 'pure-ftpd') return undefined;
  switch (workload) {
    case 'W0':
      return undefined; // connect time has no target
    case 'W1':
    case 'W2':
    case 'W3':
    case 'W4':
    case 'W6':
      return 0.9;
    case 'W5':
      return 0.5;
  }
}
