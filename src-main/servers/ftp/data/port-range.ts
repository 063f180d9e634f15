// Binds a passive listener to a port picked at random within the configured range. ftp-srv handed
// ports out in sequence, so the next data port of any session was predictable (a third party could
// race the client to it). Random picks first; if they keep colliding, a sweep from a random start
// still finds any free port.
import { randomInt } from 'node:crypto';
import type { Server } from 'node:net';

export interface PortRange {
  readonly min: number;
  readonly max: number;
}

const RANDOM_ATTEMPTS = 16;

function tryListen(server: Server, host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE' || err.code === 'EACCES') resolve(false);
      else reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(true);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host, exclusive: true });
  });
}

/** Listens on a free port of `range` (or one the OS picks when the range is 0-0); returns the port. */
export async function listenInRange(server: Server, host: string, range: PortRange): Promise<number> {
  const portOf = () => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  };
  if (range.min === 0 && range.max === 0) {
    if (await tryListen(server, host, 0)) return portOf();
    throw new Error('No free port for a passive data connection');
  }
  const span = range.max - range.min + 1;
  for (let i = 0; i < Math.min(RANDOM_ATTEMPTS, span); i++) {
    if (await tryListen(server, host, range.min + randomInt(span))) return portOf();
  }
  const start = randomInt(span);
  for (let i = 0; i < span; i++) {
    if (await tryListen(server, host, range.min + ((start + i) % span))) return portOf();
  }
  throw new Error('No free port left in the passive port range');
}
