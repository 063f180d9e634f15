// SFTP v3 wire constants (draft-ietf-secsh-filexfer-02 plus OpenSSH's PROTOCOL file).
import { SFTP_STATUS } from '../../../../src-shared/sftp-status.js';

export const SFTP_VERSION = 3;

/** Packet types, client to server and back. */
export const PacketType = {
  INIT: 1,
  VERSION: 2,
  OPEN: 3,
  CLOSE: 4,
  READ: 5,
  WRITE: 6,
  LSTAT: 7,
  FSTAT: 8,
  SETSTAT: 9,
  FSETSTAT: 10,
  OPENDIR: 11,
  READDIR: 12,
  REMOVE: 13,
  MKDIR: 14,
  RMDIR: 15,
  REALPATH: 16,
  STAT: 17,
  RENAME: 18,
  READLINK: 19,
  SYMLINK: 20,
  STATUS: 101,
  HANDLE: 102,
  DATA: 103,
  NAME: 104,
  ATTRS: 105,
  EXTENDED: 200,
  EXTENDED_REPLY: 201,
} as const;

export const Status = SFTP_STATUS;

export type StatusCode = (typeof Status)[keyof typeof Status];

/** SSH_FXF_* open flags ("pflags"). */
export const OpenFlag = {
  READ: 0x01,
  WRITE: 0x02,
  APPEND: 0x04,
  CREAT: 0x08,
  TRUNC: 0x10,
  EXCL: 0x20,
} as const;

/** SSH_FILEXFER_ATTR_* presence flags. */
export const AttrFlag = {
  SIZE: 0x01,
  UIDGID: 0x02,
  PERMISSIONS: 0x04,
  ACMODTIME: 0x08,
  EXTENDED: 0x80000000,
} as const;

/** File-type bits carried in the permissions field (POSIX S_IF*). */
export const FileTypeBits = {
  FILE: 0o100000,
  DIR: 0o040000,
  SYMLINK: 0o120000,
} as const;

/** statvfs@openssh.com f_flag bits. */
export const StatVfsFlag = {
  RDONLY: 0x1,
  NOSUID: 0x2,
} as const;
