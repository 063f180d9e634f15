// The one login interface both protocol adapters call (SFTP and FTP): a decision per credential,
// resolving to the user's root inside the share and whether they may write. An auth proxy's
// answer also carries the Vfs the session runs on (each proxy answer has its own).
import type { Vfs } from '../../vfs/index.js';

export type AuthMethod = 'none' | 'password' | 'publickey';

export interface AuthSuccess {
  readonly ok: true;
  /** The user name the session runs as (shown in logs and live stats). */
  readonly user: string;
  /** The user's root inside the share, as a normalised share path ("/" for the whole share). */
  readonly root: string;
  readonly readOnly: boolean;
  /** The Vfs this session runs on, when the authenticator chose one (auth proxy); else the server's. */
  readonly vfs?: Vfs;
  /**
   * Marks the result in use by a session; returns the release to call when the session ends.
   * The session registry calls it, so the authenticator knows when a Vfs it made is idle.
   */
  readonly acquire?: () => () => void;
  /**
   * False once the account changed after this decision (disabled, deleted, rights or root changed):
   * a login decided just before the change must not open a session after it.
   */
  readonly valid?: () => boolean;
}

export interface AuthFailure {
  readonly ok: false;
}

export type AuthResult = AuthSuccess | AuthFailure;

/** A public key as the client presented it: algorithm name and the SSH wire blob. */
export interface PublicKeyCredential {
  readonly algo: string;
  readonly data: Buffer;
}

export interface Authenticator {
  /** Methods this authenticator can ever accept; adapters advertise only these. */
  readonly methods: readonly AuthMethod[];
  password(user: string, password: string, clientIp: string): Promise<AuthResult>;
  /** Whether this key may log in as `user`. Proof of possession (the signature) is the adapter's job. */
  publicKey(user: string, key: PublicKeyCredential, clientIp: string): Promise<AuthResult>;
  /** Login without credentials; succeeds only when the authenticator allows it. */
  noAuth(user: string, clientIp: string): Promise<AuthResult>;
}

export const AUTH_FAILED: AuthFailure = { ok: false };
