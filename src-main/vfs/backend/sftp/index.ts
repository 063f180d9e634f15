// src-main/vfs/backend/sftp: the SFTP remote backend (ssh2's client; the only code that imports it).
// Owns the connection (reconnect, host-key check), error classification (unreachable apart from
// not-found) and the SFTP verbs. May import: the vfs engine's types and errors, node builtins, ssh2.
export { createSftpBackend, SftpBackend } from './sftp-backend.js';
export { SftpConnectError } from './sftp-connection.js';
export { describeTarget, SFTP_DEFAULTS } from './sftp-options.js';
export type { SftpBackendOptions, SftpTarget } from './sftp-options.js';
export { checkHostKey, fingerprintOf, parseKnownHosts } from './known-hosts.js';
