// src-main/servers/sftp/protocol: Wharf's own SFTP v3 codec over a raw SSH channel (ssh2 keeps the
// transport, keys and auth): framing, requests, extensions, handles and status mapping.
// May import: the Vfs public API (src-main/vfs/index.ts), servers/session.ts, src-shared, node builtins.
import type { Duplex } from 'node:stream';
import type { Logger } from '../../../../src-shared/logger.js';
import type { SessionContext } from '../../session.js';
import { DEFAULT_SFTP_LIMITS } from './limits.js';
import type { SftpProtocolLimits } from './limits.js';
import { SftpServerSession } from './sftp-session.js';
import type { SftpSession } from './sftp-session.js';

export { DEFAULT_SFTP_LIMITS } from './limits.js';
export type { SftpProtocolLimits } from './limits.js';
export type { SftpSession } from './sftp-session.js';
export { ADVERTISED_EXTENSIONS } from './extensions.js';
export { statusForVfsCode } from './status.js';

/** Serves SFTP on `channel` (an accepted `sftp` subsystem) until either side ends it. */
export function serveSftp(
  channel: Duplex,
  session: SessionContext,
  logger: Logger,
  limits: SftpProtocolLimits = DEFAULT_SFTP_LIMITS,
): SftpSession {
  return new SftpServerSession(channel, session, logger, limits);
}
