// ftp-srv 4.6.3 exactly as shipped (its own FileSystem, connectors and command handlers), as the
// baseline for the defect tests: each one shows the defect here and its absence in Wharf.
import { FtpSrv } from 'ftp-srv';

export interface StockFtpServer {
  readonly host: string;
  readonly port: number;
  readonly root: string;
  /** How many SIGTERM/SIGINT/SIGQUIT listeners its constructor installed (removed again here). */
  readonly signalListenersAdded: number;
  close(): Promise<void>;
}

const silentBunyan = {
  child() {
    return silentBunyan;
  },
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
  fatal() {},
};

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGQUIT'] as const;

export async function startStockFtpSrv(root: string, pasv: { min: number; max: number } = { min: 1024, max: 65535 }): Promise<StockFtpServer> {
  const before = SIGNALS.map((s) => new Set(process.listeners(s)));
  const srv = new FtpSrv({
    url: 'ftp://127.0.0.1:0',
    pasv_url: '127.0.0.1',
    pasv_min: pasv.min,
    pasv_max: pasv.max,
    log: silentBunyan,
  });
  let added = 0;
  // Counted, then removed: left in place they would call process.exit(0) in the test runner.
  SIGNALS.forEach((signal, i) => {
    for (const listener of process.listeners(signal)) {
      if (!before[i]!.has(listener)) {
        added++;
        process.off(signal, listener);
      }
    }
  });
  srv.on('login', ({ username, password }, resolve, reject) => {
    if (username === 'alice' && password === 'secret') resolve({ root });
    else reject(new Error('Bad login'));
  });
  await srv.listen();
  const address = (srv as unknown as { server: import('node:net').Server }).server.address();
  if (!address || typeof address !== 'object') throw new Error('stock ftp-srv has no address');
  return {
    host: '127.0.0.1',
    port: address.port,
    root,
    signalListenersAdded: added,
    async close() {
      await srv.close();
    },
  };
}
