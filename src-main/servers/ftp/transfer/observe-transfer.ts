// Reports one FTP file transfer to the session's transfer observer (the app's live transfers), the
// way the SFTP adapter does for its opens. Without an observer this is a no-op; an observer that
// throws never fails the transfer.
import type { Logger } from '../../../../src-shared/logger.js';
import type { SessionContext } from '../../session.js';
import type { TransferProbe } from '../../transfer-observer.js';

export interface FtpTransferProbe {
  /** Bytes moved on the data connection (read from the file for RETR, written to it for STOR). */
  moved(bytes: number): void;
  closed(completed: boolean): void;
}

const NONE: FtpTransferProbe = { moved: () => undefined, closed: () => undefined };

export function observeFtpTransfer(
  session: SessionContext,
  logger: Logger,
  path: string,
  direction: 'download' | 'upload',
  size: number | undefined,
): FtpTransferProbe {
  const observer = session.transfers;
  if (!observer) return NONE;
  let probe: TransferProbe | undefined;
  try {
    probe = observer.opened({
      sessionId: session.id,
      protocol: session.protocol,
      user: session.user,
      clientIp: session.clientIp,
      path,
      reading: direction === 'download',
      writing: direction === 'upload',
      size: direction === 'download' ? size : undefined,
    });
  } catch (err) {
    logger.debug(`ftp: transfer observer failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!probe) return NONE;
  const report = direction === 'download' ? probe.read.bind(probe) : probe.written.bind(probe);
  let done = false;
  return {
    moved: (bytes) => {
      if (!done) report(bytes);
    },
    closed: (completed) => {
      if (done) return;
      done = true;
      probe.closed(completed);
    },
  };
}
