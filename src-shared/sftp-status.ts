// SFTP v3 status codes (draft-ietf-secsh-filexfer-02 §7): one table for the two sides that speak
// SFTP, the server's codec (src-main/servers/sftp) and the remote backend (src-main/vfs), which may
// not import each other.
export const SFTP_STATUS = {
  OK: 0,
  EOF: 1,
  NO_SUCH_FILE: 2,
  PERMISSION_DENIED: 3,
  FAILURE: 4,
  BAD_MESSAGE: 5,
  NO_CONNECTION: 6,
  CONNECTION_LOST: 7,
  OP_UNSUPPORTED: 8,
} as const;
