// The flags of `wharf serve sftp`, with rclone's names and defaults (rclone serve sftp): server,
// logins (with the auth proxy and the lockout shared with serve ftp), file rules and the VFS table.
import type { AnyOptionSpec } from './option-spec.js';
import type { OptionValues } from './option-spec.js';
import { SERVE_AUTH_PROXY_OPTIONS, SERVE_LOGIN_LIMIT_OPTIONS } from './serve-common-options.js';
import { VFS_OPTIONS } from './vfs-options.js';

const UINT32_MAX = 0xffff_ffff;

export const SERVE_SFTP_OPTIONS = [
  {
    name: 'addr',
    kind: 'addr',
    default: { host: 'localhost', port: 2022 },
    valueName: 'HOST:PORT',
    help: 'Address to listen on. ":PORT" listens on every interface (as rclone); port 0 picks a free port',
    group: 'Server',
  },
  {
    name: 'key',
    kind: 'list',
    default: [],
    defaultText: 'an ed25519 key generated once and kept in the config dir',
    valueName: 'FILE',
    help: 'SSH host private key file; repeat for several keys',
    group: 'Server',
    repeatable: true,
  },
  {
    name: 'user',
    kind: 'string',
    default: undefined,
    help: 'User name for authentication (with --pass; alone it limits key logins to this name)',
    group: 'Authentication',
  },
  {
    name: 'pass',
    kind: 'string',
    default: undefined,
    help: 'Password for authentication (needs --user)',
    group: 'Authentication',
  },
  {
    name: 'authorized-keys',
    kind: 'string',
    default: undefined,
    defaultText: '~/.ssh/authorized_keys, used only if it exists',
    valueName: 'FILE',
    help: 'Authorized keys file: clients holding one of these keys may log in',
    group: 'Authentication',
  },
  {
    name: 'no-auth',
    kind: 'bool',
    default: false,
    help: 'Allow connections with no authentication: anyone who can reach the port gets in',
    group: 'Authentication',
  },
  ...SERVE_AUTH_PROXY_OPTIONS,
  ...SERVE_LOGIN_LIMIT_OPTIONS,
  {
    name: 'read-only',
    kind: 'bool',
    default: false,
    help: 'Serve read-only: uploads, deletes, renames, new folders and attribute changes are refused',
    group: 'Files',
  },
  {
    name: 'file-perms',
    kind: 'octal',
    default: 0o666,
    valueName: 'MODE',
    help: 'Mode of new files (before --umask); when given, every file is shown with it',
    group: 'Files',
  },
  {
    name: 'dir-perms',
    kind: 'octal',
    default: 0o777,
    valueName: 'MODE',
    help: 'Mode of new folders (before --umask); when given, every folder is shown with it',
    group: 'Files',
  },
  {
    name: 'umask',
    kind: 'octal',
    default: 0o002,
    valueName: 'MODE',
    help: 'Permission bits removed from new files and folders (and from --file-perms/--dir-perms)',
    group: 'Files',
    max: 0o777,
  },
  {
    name: 'uid',
    kind: 'int',
    default: undefined,
    defaultText: 'the real owner',
    help: 'Owner uid shown to clients',
    group: 'Files',
    max: UINT32_MAX,
  },
  {
    name: 'gid',
    kind: 'int',
    default: undefined,
    defaultText: 'the real group',
    help: 'Group gid shown to clients',
    group: 'Files',
    max: UINT32_MAX,
  },
  {
    name: 'no-modtime',
    kind: 'bool',
    default: false,
    help: "Don't set modification times that clients send (uploads keep the time of writing)",
    group: 'Files',
  },
  {
    name: 'no-checksum',
    kind: 'bool',
    default: false,
    help: "Don't offer checksums (the md5sum/sha1sum commands rclone uses are refused)",
    group: 'Files',
  },
  ...VFS_OPTIONS,
  {
    name: 'verbose',
    short: 'v',
    kind: 'count',
    default: 0,
    help: 'Log every access to stderr (-v); -vv also logs protocol traces',
    group: 'Logging',
    repeatable: true,
  },
] as const satisfies readonly AnyOptionSpec[];

export type ServeSftpOptions = OptionValues<typeof SERVE_SFTP_OPTIONS>;

/** Flags every command understands. */
export const GENERAL_OPTIONS = [
  { name: 'help', short: 'h', kind: 'bool', default: false, help: 'Show this help and exit', group: 'General' },
  { name: 'version', kind: 'bool', default: false, help: 'Print the version and exit', group: 'General' },
] as const satisfies readonly AnyOptionSpec[];

export type GeneralOptions = OptionValues<typeof GENERAL_OPTIONS>;
