// What the bench needs from each server under test: how to find out whether it can run here, how to
// start it over the shared fixture folder with key auth for the bench user, and the running handle.
import type { ServerName } from '../config.js';

export interface ServerSetup {
  /** The local folder every server serves (fixtures; uploads land here too). */
  readonly fixtureDir: string;
  /** A private temp folder for this server's config, keys and cache. */
  readonly workDir: string;
  readonly user: string;
  /** authorized_keys file holding the bench client's public key. */
  readonly authorizedKeysFile: string;
  /** Root of the Wharf checkout (for the built CLI). */
  readonly projectRoot: string;
}

export interface RunningServer {
  readonly name: ServerName;
  readonly port: number;
  /** Root of the process tree whose memory is measured. */
  readonly pid: number;
  /** The fixture folder as this server's clients see it, without a trailing slash ('' = root). */
  readonly remoteDir: string;
  /** Undefined while running, else how it ended. */
  exitStatus(): string | undefined;
  /** Recent server output, for failure reports. */
  output(): string;
  stop(): Promise<void>;
}

export interface ServerLauncher {
  readonly name: ServerName;
  readonly title: string;
  /** Undefined when the server can run here, else why it cannot (it is then skipped). */
  unavailable(setup: Pick<ServerSetup, 'projectRoot'>): Promise<string | undefined>;
  version(setup: Pick<ServerSetup, 'projectRoot'>): Promise<string>;
  start(setup: ServerSetup): Promise<RunningServer>;
}
