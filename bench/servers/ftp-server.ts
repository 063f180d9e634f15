// What the FTP suite needs from each FTP server under test: whether it can run here, how to start it
// on 127.0.0.1 over the shared fixture folder with a login for the bench, and the running handle.
import type { FtpServerName } from '../ftp-config.js';
import type { PortRange } from '../passive-ports.js';

export interface FtpServerSetup {
  /**
   * Parent of the fixture folder, root-owned and world-traversable: servers that chroot (vsftpd's
   * anonymous root) serve this and find the fixtures one level down.
   */
  readonly servedRoot: string;
  /** The fixture folder (world-writable so servers that drop to an unprivileged user can upload). */
  readonly fixtureDir: string;
  /** A private temp folder for this server's config, user database and logs. */
  readonly workDir: string;
  /** Root of the Wharf checkout (for the built CLI). */
  readonly projectRoot: string;
  /** Passive port range reserved for this server (inclusive). */
  readonly passivePorts: PortRange;
}

export interface RunningFtpServer {
  readonly name: FtpServerName;
  readonly port: number;
  readonly user: string;
  readonly pass: string;
  /** Root of the process tree whose memory is measured. */
  readonly pid: number;
  /** The fixture folder as this server's clients see it, without a trailing slash ('' = root). */
  readonly remoteDir: string;
  exitStatus(): string | undefined;
  output(): string;
  stop(): Promise<void>;
}

export interface FtpServerLauncher {
  readonly name: FtpServerName;
  readonly title: string;
  /** Undefined when the server can run here, else why it cannot (it is then skipped). */
  unavailable(setup: Pick<FtpServerSetup, 'projectRoot'>): Promise<string | undefined>;
  version(setup: Pick<FtpServerSetup, 'projectRoot'>): Promise<string>;
  start(setup: FtpServerSetup): Promise<RunningFtpServer>;
}
