// The one login interface both protocol adapters call (SFTP now, FTP later): a decision per
// credential, resolving to the user's root inside the share and whether they may write.

export type AuthMethod = 'none' | 'password' | 'publickey';

export interface AuthSuccess {
  readonly ok: true;
  /** The user name the session runs as (shown in logs and live stats). */
  readonly user: string;
  /** The user's root inside the share, as a normalised share path ("/" for the whole share). */
  readonly root: string;
  readonly readOnly: boolean;
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
