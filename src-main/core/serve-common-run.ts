// What the SFTP and FTP services do alike once their settings are checked: build the server over
// the opened share with the login it must use (the proxy's when there is one), listen, and run
// until stopped. A failure before listening lets go of the share; stopping closes the server, then
// flushes pending uploads.
import type { Authenticator } from '../servers/auth/index.js';
import type { Vfs } from '../vfs/index.js';
import { listenOrClose } from './serve-common.js';
import type { ServeShare } from './serve-common-share.js';

interface ShareServer {
  listen(host: string, port: number): Promise<{ host: string; port: number }>;
  close(): Promise<void>;
}

export interface ServerOverShare<S extends ShareServer> {
  readonly server: S;
  readonly address: { host: string; port: number };
}

/** What a running service offers its caller besides its protocol's own fields. */
export interface ServiceLifecycle {
  readonly serving: string;
  stop(): Promise<void>;
  forget(): void;
}

export async function listenOverShare<S extends ShareServer>(
  share: ServeShare,
  staticAuth: Authenticator | undefined,
  listenOn: { readonly host: string; readonly port: number },
  create: (vfs: Vfs | undefined, authenticator: Authenticator) => S,
): Promise<ServerOverShare<S>> {
  try {
    const authenticator = share.proxy ?? staticAuth;
    if (authenticator === undefined) throw new Error('no authenticator');
    const server = create(share.vfs, authenticator);
    return { server, address: await listenOrClose(server, listenOn.host, listenOn.port) };
  } catch (err) {
    await share.shutdown().catch(() => undefined);
    throw err;
  }
}

export function serviceLifecycle(server: ShareServer, share: ServeShare): ServiceLifecycle {
  let stopped: Promise<void> | undefined;
  return {
    serving: share.description,
    stop() {
      stopped ??= (async () => {
        try {
          await server.close();
        } finally {
          // Uploads still pending are written back before the VFS lets go.
          await share.shutdown();
        }
      })();
      return stopped;
    },
    forget() {
      share.forget();
    },
  };
}
