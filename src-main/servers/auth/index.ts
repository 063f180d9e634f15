// src-main/servers/auth: who may log in. The Authenticator interface both protocol adapters call,
// authorized_keys parsing and key fingerprints, and the static authenticator behind the CLI flags.
// May import: node builtins, ssh2 (key parsing only), src-shared. Never the VFS.
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
