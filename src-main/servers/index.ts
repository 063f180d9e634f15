// src-main/servers: the protocol adapters and what they share. `sftp/` (the SSH server and SFTP
// codec), `auth/` (who may log in), the session policy both adapters apply (session.ts), and the
// registry of live sessions both register with (session-registry.ts).
// May import: the VFS public API (src-main/vfs/index.ts), src-shared, ssh2, ftp-srv.
// Core imports the servers through this file.
export * from './sftp/index.js';
export * from './auth/index.js';
export { checkWritable, toClientPath, toSharePath } from './session.js';
export type { Protocol, SessionContext } from './session.js';
export type { TransferObserver, TransferProbe, TransferStart } from './transfer-observer.js';
export { DEFAULT_SESSION_LIMITS, SessionRegistry } from './session-registry.js';
export type { LiveSessionInfo, OpenResult, SessionLease, SessionLimits, SessionRegistration } from './session-registry.js';
export { endSessionsOnRevoke } from './session-registry-users.js';
