// What both floor responders share: the handle they return, the folders they list, the size every
// file reads as, and listening on loopback.
import type net from 'node:net';

/** Every file a floor responder serves reads as this many bytes. */
export const SMALL_BYTES = 4096;

export interface FloorServer {
  readonly port: number;
  close(): void;
}

/** The names a folder lists, by the folder's last path segment. */
export type FloorFolders = ReadonlyMap<string, readonly string[]>;

export function lastSegment(p: string): string {
  const parts = p.split('/').filter((s) => s !== '');
  return parts[parts.length - 1] ?? '';
}

/** What net.Server and ssh2's Server both offer. */
interface Listenable {
  listen(port: number, host: string, done: () => void): unknown;
  address(): net.AddressInfo | string | null;
  close(): unknown;
  once(event: 'error', listener: (err: Error) => void): unknown;
}

/** Listens on 127.0.0.1 (port 0 picks one). */
export function listenOnLoopback(server: Listenable, port: number): Promise<FloorServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const addr = server.address() as net.AddressInfo;
      resolve({ port: addr.port, close: () => void server.close() });
    });
  });
}
