// src-shared/options: options declared once (name, kind, default, help, group) and the pure code
// that parses and formats their values and renders help. CLI flags, settings and the UI derive from
// these tables. May import: nothing outside src-shared (no node builtins).
export type {
  Address,
  AnyOptionSpec,
  OptionGroup,
  OptionKind,
  OptionSpec,
  OptionValueByKind,
  OptionValues,
  ValueOfSpec,
} from './option-spec.js';
export {
  formatAddress,
  formatOptionValue,
  parseAddress,
  parseBool,
  parseInteger,
  parseOctal,
  parseOptionValue,
} from './parse-value.js';
export { SERVE_SFTP_OPTIONS, GENERAL_OPTIONS } from './serve-sftp-options.js';
export type { ServeSftpOptions, GeneralOptions } from './serve-sftp-options.js';
export { formatOptionsHelp } from './format-help.js';
export { defaultVfsFlagSettings, VFS_OPTIONS, vfsSettingsFromFlags } from './vfs-options.js';
export type { VfsFlagSettings, VfsFlagValues } from './vfs-options.js';
export { SERVE_FTP_OPTIONS, parsePassivePorts } from './serve-ftp-options.js';
export {
  SERVE_AUTH_PROXY_OPTIONS,
  SERVE_LOGIN_LIMIT_OPTIONS,
  VERBOSE_OPTIONS,
  loginLimitsFromFlags,
  serveFileOptions,
} from './serve-common-options.js';
export type { LoginLimits, ServeFileHelp, ServeFileValues, ServeLoginLimitValues } from './serve-common-options.js';
export type { PassivePortRange, ServeFtpOptions } from './serve-ftp-options.js';
