// Per-session bounds, advertised to clients through limits@openssh.com (same values as OpenSSH).

export interface SftpProtocolLimits {
  readonly maxOpenHandles: number;
  /** Longest READ answered (and longest WRITE a client should send); longer READs are clamped. */
  readonly maxReadLength: number;
  /** Longest inbound packet; a longer one ends the session. */
  readonly maxPacketLength: number;
  /** Most names in one READDIR reply. */
  readonly readdirBatch: number;
}

export const DEFAULT_SFTP_LIMITS: SftpProtocolLimits = {
  maxOpenHandles: 256,
  maxReadLength: 261_120,
  maxPacketLength: 262_144,
  readdirBatch: 100,
};
