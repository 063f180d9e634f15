// src-main/servers/ftp: the FTP/FTPS server over the Vfs. ftp-srv provides the listener and the
// connection objects; Wharf provides the session (commands, data connections, TLS, timeouts) and
// the FileSystem over the Vfs.
// May import: the vfs public API (src-main/vfs/index.ts), ../session.ts, ../auth, src-shared,
// node builtins, ftp-srv.
export { createFtpServer } from './ftp-server.js';
export type { FtpServer } from './ftp-server.js';
export { DEFAULT_FTP_LIMITS } from './config.js';
export type { FtpLimits, FtpServerConfig, FtpTlsConfig } from './config.js';
