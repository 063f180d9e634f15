// Binds a passive listener to a port picked at random within the configured range. ftp-srv handed
// ports out in sequence, so the next data port of any session was predictable (a third party could
// race the client to it). Random picks first; if they keep colliding, a sweep from a random start
// still finds any free port.
//
// A port found taken is skipped for a while. Where the range overlaps the kernel's ephemeral ports
// (Linux: 32768-60999), clients' own connections in TIME_WAIT hold ports of it for a minute each:
// after 6,000 small transfers 1,441 of 3,441 binds failed, and each failure costs Node a socket,
// a bind, a close and an exception with its stack.
import { randomInt } from 'node:crypto';
import type { Server } from 'node:net';

export interface PortRange {
  readonly min: number;
  readonly max: number;
}

const RANDOM_ATTEMPTS = 16;
/** Random picks that land on a port remembered as taken cost nothing but are still bounded. */
const RANDOM_PICKS = 64;
/** How long a taken port is passed over: about as long as Linux keeps a connection in TIME_WAIT. */
export const BUSY_MS = 30_000;

/** Ports a bind recently found taken, with when to try them again. */
export class BusyPorts {
  private readonly until = new Map<number, number>();

  constructor(private readonly now: () => number = Date.now) {}

  mark(port: number): void {
    this.until.set(port, this.now() + BUSY_MS);
  }

  isBusy(port: number): boolean {
    const until = this.until.get(port);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.until.delete(port);
    return false;
  }

  clear(port: number): void {
    this.until.delete(port);
  }

  get size(): number {
    return this.until.size;
  }
}

/** One memory per process: the ports are the machine's, whichever server asks. */
const SHARED_BUSY = new BusyPorts();

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
export async function listenInRange(server: Server, host: string, range: PortRange, busy: BusyPorts = SHARED_BUSY): Promise<number> {
  const portOf = () => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  };
  if (range.min === 0 && range.max === 0) {
    if (await tryListen(server, host, 0)) return portOf();
    throw new Error('No free port for a passive data connection');
  }
  const span = range.max - range.min + 1;
  const attempt = async (port: number): Promise<boolean> => {
    if (await tryListen(server, host, port)) {
      busy.clear(port);
      return true;
    }
    busy.mark(port);
    return false;
  };
  let attempts = 0;
  for (let pick = 0; pick < RANDOM_PICKS && attempts < Math.min(RANDOM_ATTEMPTS, span); pick++) {
    const port = range.min + randomInt(span);
    if (busy.isBusy(port)) continue;
    attempts++;
    if (await attempt(port)) return portOf();
  }
  // The sweep ignores the memory: a port may have come free since.
  const start = randomInt(span);
  for (let i = 0; i < span; i++) {
    if (await attempt(range.min + ((start + i) % span))) return portOf();
  }
  throw new Error('No free port left in the passive port range');
}
