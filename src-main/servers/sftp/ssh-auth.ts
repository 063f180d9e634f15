// One SSH authentication request, decided. ssh2 does not verify public-key signatures, so this
// does: the key must parse, match the algorithm the client named (SHA-2 only for RSA), be
// authorized for the user, and the signature over the session data must verify (`=== true`: ssh2
// returns an Error object, which is truthy, on failure). Failed attempts are counted per
// connection; reaching the limit closes it (OpenSSH MaxAuthTries).
import ssh2 from 'ssh2';
import type { AuthContext, AuthenticationType, ParsedKey, PublicKeyAuthContext } from 'ssh2';
import type { Logger } from '../../../src-shared/logger.js';
import { isSupportedKeyType } from '../auth/index.js';
import type { AuthMethod, AuthResult, AuthSuccess, Authenticator } from '../auth/index.js';
import { printable } from './ssh-log-text.js';

const { utils } = ssh2;

/** Longer user names are refused before the authenticator sees them. */
const MAX_USER_LENGTH = 256;

export interface AuthConnection {
  readonly id: string;
  readonly clientIp: string;
  /** Failed attempts so far on this connection. */
  failures: number;
  /** The first `none` request is how clients ask for the method list; it is not a failure. */
  sawNone: boolean;
}

export interface AuthEnv {
  readonly authenticator: Authenticator;
  readonly maxAuthTries: number;
  readonly logger: Logger;
  /**
   * Called before the client is told it succeeded; returns why the session may not start (a
   * session cap, an account changed meanwhile), which closes the connection, or undefined.
   */
  onSuccess(result: AuthSuccess, method: AuthMethod): string | undefined;
  /** Closes the connection (too many failures). */
  drop(reason: string): void;
}

type Decision = { readonly ok: true; readonly result: AuthSuccess } | { readonly ok: false; readonly why: string; readonly counts: boolean; readonly quiet?: boolean } | { readonly ok: 'pk-ok' };

export function handleAuthentication(ctx: AuthContext, conn: AuthConnection, env: AuthEnv): void {
  decide(ctx, conn, env).then(
    (decision) => apply(ctx, conn, env, decision),
    (err: unknown) => {
      env.logger.error(`ssh ${conn.id}: authentication error: ${err instanceof Error ? err.message : String(err)}`);
      apply(ctx, conn, env, { ok: false, why: 'internal error', counts: true });
    },
  );
}

async function decide(ctx: AuthContext, conn: AuthConnection, env: AuthEnv): Promise<Decision> {
  const { authenticator } = env;
  const user = ctx.username;
  if (user.length === 0 || user.length > MAX_USER_LENGTH || user.includes('\0')) {
    return { ok: false, why: 'invalid user name', counts: true };
  }
  const allows = (m: AuthMethod): boolean => authenticator.methods.includes(m);
  switch (ctx.method) {
    case 'none': {
      const first = !conn.sawNone;
      conn.sawNone = true;
      if (!allows('none')) return { ok: false, why: 'method none not allowed', counts: !first, quiet: true };
      return fromResult(await authenticator.noAuth(user, conn.clientIp), 'not allowed');
    }
    case 'password':
      if (!allows('password')) return { ok: false, why: 'password logins are not enabled', counts: true };
      return fromResult(await authenticator.password(user, ctx.password, conn.clientIp), 'wrong user name or password');
    case 'publickey':
      if (!allows('publickey')) return { ok: false, why: 'key logins are not enabled', counts: true };
      return decidePublicKey(ctx, conn, authenticator);
    case 'keyboard-interactive':
    case 'hostbased':
      return { ok: false, why: `method ${ctx.method} not supported`, counts: true };
    default: {
      const method: string = (ctx as { method: string }).method;
      return { ok: false, why: `unknown method ${method}`, counts: true };
    }
  }
}

async function decidePublicKey(ctx: PublicKeyAuthContext, conn: AuthConnection, authenticator: Authenticator): Promise<Decision> {
  const parsed = utils.parseKey(ctx.key.data);
  if (parsed instanceof Error || Array.isArray(parsed)) return { ok: false, why: 'malformed public key', counts: true };
  // ssh2 reports rsa-sha2-256/512 requests as algo "ssh-rsa" with hashAlgo set.
  if (parsed.type !== ctx.key.algo) {
    return { ok: false, why: `key is ${parsed.type} but the client named ${ctx.key.algo}`, counts: true };
  }
  if (!isSupportedKeyType(parsed.type)) return { ok: false, why: `${parsed.type} keys are not supported`, counts: true };
  if (parsed.type === 'ssh-rsa' && ctx.hashAlgo !== 'sha256' && ctx.hashAlgo !== 'sha512') {
    return { ok: false, why: 'RSA signatures with SHA-1 (ssh-rsa) are refused', counts: true };
  }
  const result = await authenticator.publicKey(ctx.username, { algo: parsed.type, data: ctx.key.data }, conn.clientIp);
  if (!result.ok) return { ok: false, why: 'key not authorized', counts: true };
  // Without a signature the client only asks whether this key would do: answer PK_OK.
  if (ctx.signature === undefined || ctx.blob === undefined) return { ok: 'pk-ok' };
  if (!verifySignature(parsed, ctx.blob, ctx.signature, ctx.hashAlgo)) {
    return { ok: false, why: 'signature verification failed', counts: true };
  }
  return { ok: true, result };
}

/** True only when the signature verifies; ssh2 returns an Error object (truthy) on some failures. */
export function verifySignature(key: ParsedKey, data: Buffer, signature: Buffer, hashAlgo: string | undefined): boolean {
  const verified: unknown = key.verify(data, signature, hashAlgo);
  return verified === true;
}

function fromResult(result: AuthResult, why: string): Decision {
  return result.ok ? { ok: true, result } : { ok: false, why, counts: true };
}

function apply(ctx: AuthContext, conn: AuthConnection, env: AuthEnv, decision: Decision): void {
  const { logger } = env;
  const who = `user=${printable(ctx.username)} ip=${conn.clientIp} method=${ctx.method}`;
  try {
    if (decision.ok === 'pk-ok') {
      logger.debug(`ssh ${conn.id}: key accepted for ${who}, waiting for signature`);
      ctx.accept();
      return;
    }
    if (decision.ok) {
      const refused = env.onSuccess(decision.result, ctx.method as AuthMethod);
      if (refused !== undefined) {
        logger.warn(`ssh ${conn.id}: login refused ${who}: ${refused}`);
        env.drop(refused);
        return;
      }
      logger.info(`ssh ${conn.id}: login ok ${who}`);
      ctx.accept();
      return;
    }
    if (decision.quiet) logger.debug(`ssh ${conn.id}: login failed ${who}: ${decision.why}`);
    else logger.info(`ssh ${conn.id}: login failed ${who}: ${decision.why}`);
    if (decision.counts) conn.failures++;
    if (conn.failures >= env.maxAuthTries) {
      logger.info(`ssh ${conn.id}: too many authentication failures from ${conn.clientIp}; disconnecting`);
      env.drop('too many authentication failures');
      return;
    }
    ctx.reject(methodsLeft(env.authenticator.methods));
  } catch (err) {
    // The connection may have gone away while the decision was pending.
    logger.debug(`ssh ${conn.id}: could not answer authentication: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function methodsLeft(methods: readonly AuthMethod[]): AuthenticationType[] {
  const left = methods.filter((m): m is 'password' | 'publickey' => m !== 'none');
  // With only `none` configured a rejected request can only retry `none`.
  return left.length > 0 ? left : ['none'];
}
