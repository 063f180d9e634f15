// src-main/servers/sftp: the SFTP server. The SSH transport (ssh2 over a socket we own), explicit
// algorithms, connection limits, authentication with signature checks, host keys, session
// channels (the sftp subsystem and the exec commands in exec/) and the SFTP v3 codec (protocol/).
// May import: the VFS public API (src-main/vfs/index.ts), servers/session.ts, servers/auth,
// src-shared, ssh2, node builtins.
export { createSftpServer, normalizeIp } from './ssh-server.js';
export type { SftpServer, SftpServerConfig } from './ssh-server.js';
export { DEFAULT_SSH_LIMITS } from './ssh-limits.js';
export type { SshLimits } from './ssh-limits.js';
export {
  SSH_CIPHERS,
  SSH_HOST_KEY_ALGORITHMS,
  SSH_KEX,
  SSH_MACS,
  cryptoBindingInfo,
} from './ssh-algorithms.js';
export type { CryptoBindingInfo } from './ssh-algorithms.js';
export { GENERATED_HOST_KEY_FILE, loadHostKeys, loadOrCreateHostKey } from './host-keys.js';
export type { GeneratedHostKey, LoadedHostKey } from './host-keys.js';
export { parseHostKey } from './ssh-private-key.js';
export type { HostKey } from './ssh-private-key.js';
export { EXEC_COMMANDS, runExecCommand } from './exec/index.js';
export { ADVERTISED_EXTENSIONS, DEFAULT_SFTP_LIMITS, serveSftp } from './protocol/index.js';
export type { SftpProtocolLimits, SftpSession } from './protocol/index.js';
