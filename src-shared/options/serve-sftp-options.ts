// The flags of `wharf serve sftp`, with rclone's names and defaults (rclone serve sftp): server,
// logins (with the auth proxy and the lockout shared with serve ftp), file rules and the VFS table.
import type { AnyOptionSpec } from './option-spec.js';
import type { OptionValues } from './option-spec.js';
import { SERVE_AUTH_PROXY_OPTIONS, SERVE_LOGIN_LIMIT_OPTIONS, serveFileOptions, VERBOSE_OPTIONS } from './serve-common-options.js';
import { VFS_OPTIONS } from './vfs-options.js';

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
  ...serveFileOptions({
    readOnly: 'Serve read-only: uploads, deletes, renames, new folders and attribute changes are refused',
    noModtime: "Don't set modification times that clients send (uploads keep the time of writing)",
    noChecksum: "Don't offer checksums (the md5sum/sha1sum commands rclone uses are refused)",
  }),
  ...VFS_OPTIONS,
  ...VERBOSE_OPTIONS,
] as const satisfies readonly AnyOptionSpec[];

export type ServeSftpOptions = OptionValues<typeof SERVE_SFTP_OPTIONS>;

/** Flags every command understands. */
export const GENERAL_OPTIONS = [
  { name: 'help', short: 'h', kind: 'bool', default: false, help: 'Show this help and exit', group: 'General' },
  { name: 'version', kind: 'bool', default: false, help: 'Print the version and exit', group: 'General' },
] as const satisfies readonly AnyOptionSpec[];

export type GeneralOptions = OptionValues<typeof GENERAL_OPTIONS>;
