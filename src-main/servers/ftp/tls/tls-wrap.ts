// Server-side TLS over an existing TCP socket: AUTH TLS on the control connection and PROT P data
// connections (the server is the TLS server whichever side opened the TCP connection).
import type { Socket } from 'node:net';
import { TLSSocket, createSecureContext } from 'node:tls';
import type { SecureContext } from 'node:tls';
import type { FtpTlsConfig } from '../config.js';

/** Builds the context once per server; bad PEM input is a clear error at start-up. */
export function createFtpTlsContext(tls: FtpTlsConfig): SecureContext {
  try {
    return createSecureContext({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' });
  } catch (err) {
    throw new Error(`The FTPS certificate or key could not be loaded: ${(err as Error).message}`);
  }
}

export function wrapServerSocket(socket: Socket, context: SecureContext): TLSSocket {
  return new TLSSocket(socket, { isServer: true, secureContext: context });
}

/** Wraps and waits for the handshake; rejects on failure, close, or after `timeoutMs`. */
export function handshake(socket: Socket, context: SecureContext, timeoutMs: number, signal?: AbortSignal): Promise<TLSSocket> {
  const secure = wrapServerSocket(socket, context);
  return new Promise((resolve, reject) => {
    const fail = (err: Error) => {
      cleanup();
      secure.destroy();
      reject(err);
    };
    const onError = (err: Error) => fail(new Error(`TLS handshake failed: ${err.message}`));
    const onClose = () => fail(new Error('Data connection closed during the TLS handshake'));
    const onAbort = () => fail(new Error('Transfer aborted'));
    const timer = setTimeout(() => fail(new Error('TLS handshake timed out')), timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      secure.off('error', onError);
      secure.off('close', onClose);
      signal?.removeEventListener('abort', onAbort);
    };
    secure.once('secure', () => {
      cleanup();
      resolve(secure);
    });
    secure.once('error', onError);
    secure.once('close', onClose);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
