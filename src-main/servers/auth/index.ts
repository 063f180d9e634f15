// src-main/servers/auth: who may log in, shared by the SFTP and FTP servers. The Authenticator
// interface; the static authenticator behind the CLI flags; a share's users (scrypt password
// hashes, authorized keys, roots and rights) and their authenticator; the auth proxy, which turns
// a login into a backend and a Vfs; and the lockout against password guessing.
// May import: node builtins, ssh2 (key parsing only), src-shared, the VFS public API (share paths,
// and Vfs/backends for the auth proxy's answers).
export { AUTH_FAILED } from './authenticator.js';
export type {
  AuthFailure,
  AuthMethod,
  AuthResult,
  AuthSuccess,
  Authenticator,
  PublicKeyCredential,
} from './authenticator.js';
export {
  SUPPORTED_KEY_TYPES,
  fingerprintOf,
  isSupportedKeyType,
  parseAuthorizedKeys,
  parsePublicKeyLine,
} from './authorized-keys.js';
export type { AuthorizedKey, AuthorizedKeyError, KeyType, ParsedAuthorizedKeys } from './authorized-keys.js';
export { DEFAULT_FAILURE_DELAY_MS, createStaticAuthenticator } from './static-authenticator.js';
export type { StaticAuthOptions } from './static-authenticator.js';
export { safeEqual } from './constant-time.js';
export { systemClock } from './timing.js';
export type { Clock } from './timing.js';
export {
  DEFAULT_SCRYPT_PARAMS,
  MAX_PASSWORD_LENGTH,
  PasswordHashError,
  hashPassword,
  isPasswordHash,
  verifyPassword,
} from './password-hash.js';
export type { ScryptParams } from './password-hash.js';
export { GENERATED_PASSWORD_LENGTH, generatePassword } from './generate-password.js';
export { KeyImportError, MAX_KEY_TEXT_BYTES, importKeys, importKeysFromFile } from './key-import.js';
export type { KeyImport } from './key-import.js';
export {
  MAX_USER_NAME_LENGTH,
  MIN_PASSWORD_LENGTH,
  UserStoreError,
  checkUserName,
  checkUserRoot,
} from './user-model.js';
export type { UserKeyInfo, UserKeyRecord, UserRecord, UserView } from './user-model.js';
export { UserStore } from './user-store.js';
export type { NewUser, UserChange, UserChangeKind, UserChangeListener, UserPatch, UserStoreOptions } from './user-store.js';
export { createUserAuthenticator } from './user-authenticator.js';
export type { UserAuthenticatorOptions } from './user-authenticator.js';
export { DEFAULT_LOCKOUT, LoginLockout } from './lockout.js';
export type { BanInfo, BanListener, LockoutOptions } from './lockout.js';
export { guardAuthenticator } from './guarded-authenticator.js';
export type { GuardOptions } from './guarded-authenticator.js';
export { PROXY_BACKEND_TYPES, parseProxyAnswer } from './proxy-answer.js';
export type { ParsedAnswer, ProxyBackendSpec, ProxyBackendType } from './proxy-answer.js';
export { ProxyBackendError, createProxyBackend } from './proxy-backend.js';
export type { ProxyBackendFactory } from './proxy-backend.js';
export { PROXY_DEFAULTS, createProxyAuthenticator } from './proxy-authenticator.js';
export type { ProxyAuthOptions, ProxyAuthenticator } from './proxy-authenticator.js';
export { runProxyProgram } from './proxy-run.js';
export type { ProxyRunOptions, ProxyRunResult } from './proxy-run.js';
