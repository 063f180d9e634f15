// Why a server could not start, in the words the window shows next to its switch ("port 2022 is in
// use"). `inUse` lets "Share folder over SFTP" move on to the next port.
export class StartError extends Error {
  constructor(
    message: string,
    readonly inUse = false,
  ) {
    super(message);
    this.name = 'StartError';
  }
}

export function listenError(err: unknown, host: string, port: number): StartError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const where = host === '' || host === '0.0.0.0' || host === '::' ? `port ${port}` : `${host}:${port}`;
  switch (code) {
    case 'EADDRINUSE':
      return new StartError(`port ${port} is in use (another program or share listens on it); choose another port`, true);
    case 'EACCES':
    case 'EPERM':
      return new StartError(`not allowed to listen on ${where} (ports below 1024 need privileges); choose a port from 1024 up`);
    case 'EADDRNOTAVAIL':
      return new StartError(`this machine has no address ${host}`);
    default:
      return new StartError(`cannot listen on ${where}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
