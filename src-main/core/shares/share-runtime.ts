// One share while the app runs: its users, live sessions and lockout (shared by its SFTP and FTP
// servers), the two server runners, and — while at least one server runs — the Vfs and the
// authenticator both servers use. Lifecycle operations run one at a time per share, so a restart
// never interleaves with a stop.
import type { CacheInfo, ServerStatus, ShareProtocol } from '../../../src-shared/contract/index.js';
import { resolveVfsValues } from '../../../src-shared/contract/index.js';
import type { Logger } from '../../../src-shared/logger.js';
import {
  createProxyAuthenticator,
  createSftpServer,
  createUserAuthenticator,
  endSessionsOnRevoke,
  LoginLockout,
  SessionRegistry,
  UserStore,
} from '../../servers/index.js';
import type { Authenticator, ProxyAuthenticator, ScryptParams, TransferObserver, UserRecord } from '../../servers/index.js';
import { createFtpServer } from '../../servers/ftp/index.js';
import { CacheLockedError, Vfs } from '../../vfs/index.js';
import type { Backend, VfsOptions } from '../../vfs/index.js';
import type { ShareRecord } from '../settings/settings-schema.js';
import { listenError, StartError } from './listen-error.js';
import { ServerRunner } from './server-runner.js';
import type { ListeningServer } from './server-runner.js';

export interface RuntimeDeps {
  readonly logger: Logger;
  /** Host private keys for SFTP (the app's, shared by every share). */
  readonly hostKeys: readonly Buffer[];
  readonly scrypt?: ScryptParams;
  /** Opens the backend of the share's source; throws StartError saying why it cannot. */
  readonly openBackend: (record: ShareRecord) => Promise<Backend>;
  readonly vfsOptions: (record: ShareRecord) => VfsOptions;
  readonly transfers: (shareId: string) => TransferObserver;
  readonly onStatus: (shareId: string, protocol: ShareProtocol, status: ServerStatus) => void;
  /** A user of the share logged in (any protocol) at `at` (epoch ms). */
  readonly onLogin?: (shareId: string, user: string, at: number) => void;
  readonly now?: () => number;
}

interface Resources {
  readonly vfs: Vfs;
  readonly authenticator: Authenticator;
  readonly proxy: ProxyAuthenticator | undefined;
}

/** "localhost" binds the IPv4 loopback only; "network" every interface. */
export function bindHost(bind: ShareRecord['sftp']['bind']): string {
  return bind === 'network' ? '' : '127.0.0.1';
}

export class ShareRuntime {
  readonly sessions: SessionRegistry;
  readonly lockout: LoginLockout;
  /** Undefined when the stored users could not be loaded (see `usersError`). */
  readonly users: UserStore | undefined;
  readonly usersError: string | undefined;
  private readonly runners: Readonly<Record<ShareProtocol, ServerRunner>>;
  private resources: Resources | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly unbind: () => void;

  constructor(
    public record: ShareRecord,
    private readonly deps: RuntimeDeps,
  ) {
    const now = deps.now ?? Date.now;
    this.sessions = new SessionRegistry({}, now);
    this.lockout = new LoginLockout({}, now);
    let users: UserStore | undefined;
    let usersError: string | undefined;
    try {
      users = UserStore.fromRecords(record.users as readonly UserRecord[], { scrypt: deps.scrypt });
    } catch (err) {
      usersError = `the users of this share could not be loaded (${err instanceof Error ? err.message : String(err)})`;
      deps.logger.error(`share ${JSON.stringify(record.name)}: ${usersError}`);
    }
    this.users = users;
    this.usersError = usersError;
    const unbindRevoke = users ? endSessionsOnRevoke(users, this.sessions, deps.logger) : () => undefined;
    const unbindLogin = this.sessions.onOpen((info) => deps.onLogin?.(record.id, info.user, info.startedAt));
    this.unbind = () => {
      unbindRevoke();
      unbindLogin();
    };
    const report = (protocol: ShareProtocol) => (status: ServerStatus) => deps.onStatus(record.id, protocol, status);
    this.runners = {
      sftp: new ServerRunner('sftp', report('sftp'), deps.logger, now),
      ftp: new ServerRunner('ftp', report('ftp'), deps.logger, now),
    };
  }

  get id(): string {
    return this.record.id;
  }

  status(protocol: ShareProtocol): ServerStatus {
    return this.runners[protocol].status;
  }

  listening(protocol: ShareProtocol): ListeningServer | undefined {
    return this.runners[protocol].listening;
  }

  /** Why the last start of this server failed, if it did. */
  lastStartError(protocol: ShareProtocol): StartError | undefined {
    return this.runners[protocol].lastError;
  }

  /** Starts one server; rejects with StartError (the state then says why). */
  start(protocol: ShareProtocol): Promise<ServerStatus> {
    return this.serial(() => this.startNow(protocol));
  }

  stop(protocol: ShareProtocol): Promise<void> {
    return this.serial(() => this.stopNow(protocol));
  }

  /**
   * Applies a changed record. When the source, VFS options, read-only or auth changed (compared with
   * the record in effect), or `forceRebuild` (an app-wide default changed), the Vfs is made again
   * and every running server restarts; otherwise only the servers whose own settings changed
   * restart. Servers that should run and do not are started. Failures end up in the servers' states.
   */
  apply(record: ShareRecord, forceRebuild = false): Promise<void> {
    return this.serial(async () => {
      const before = this.record;
      this.record = record;
      const rebuild =
        forceRebuild ||
        JSON.stringify([before.source, before.vfs, before.readOnly, before.authProxy]) !==
          JSON.stringify([record.source, record.vfs, record.readOnly, record.authProxy]);
      const protocols: ShareProtocol[] = ['sftp', 'ftp'];
      const changed = (p: ShareProtocol) => rebuild || before[p].port !== record[p].port || before[p].bind !== record[p].bind;
      for (const p of protocols) {
        if (this.runners[p].listening && (!record[p].enabled || changed(p))) await this.stopNow(p);
      }
      if (rebuild) await this.release();
      for (const p of protocols) {
        if (record[p].enabled && !this.runners[p].listening) await this.startNow(p).catch(() => undefined);
        if (!record[p].enabled && this.runners[p].status.state === 'error') await this.stopNow(p);
      }
    });
  }

  /** Stops both servers and lets the Vfs flush (pending uploads get their attempt). */
  close(): Promise<void> {
    return this.serial(async () => {
      await this.stopNow('sftp');
      await this.stopNow('ftp');
      await this.release();
      this.unbind();
    });
  }

  cacheInfo(): CacheInfo {
    const settings = resolveVfsValues(this.record.vfs);
    const stats = this.resources?.vfs.getCacheStats();
    const cache = stats?.cache;
    return {
      shareId: this.id,
      mode: settings.cacheMode,
      bytesUsed: cache ? cache.bytesUsed : null,
      limit: settings.cacheMaxSize === 'off' ? null : settings.cacheMaxSize,
      files: cache ? cache.files : 0,
      uploadsPending: cache ? cache.uploadsQueued + cache.uploadsInProgress : 0,
    };
  }

  /** Drops the clean, closed files of the share's cache (nothing while the share is stopped). */
  clearCache(): Promise<number> {
    return this.serial(async () => (this.resources ? this.resources.vfs.clearCache() : 0));
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.chain.then(op, op);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async startNow(protocol: ShareProtocol): Promise<ServerStatus> {
    const runner = this.runners[protocol];
    if (runner.listening) return runner.status;
    return runner.start(async () => {
      const resources = await this.acquire();
      try {
        return await this.listen(protocol, resources);
      } catch (err) {
        if (!this.anyListening()) await this.release();
        throw err;
      }
    });
  }

  private async stopNow(protocol: ShareProtocol): Promise<void> {
    await this.runners[protocol].stop();
    if (!this.anyListening()) await this.release();
  }

  private anyListening(): boolean {
    return this.runners.sftp.listening !== undefined || this.runners.ftp.listening !== undefined;
  }

  private async listen(protocol: ShareProtocol, { vfs, authenticator }: Resources): Promise<ListeningServer> {
    const { record, deps } = this;
    const host = bindHost(record[protocol].bind);
    const port = record[protocol].port;
    const common = { vfs, authenticator, readOnly: record.readOnly, logger: deps.logger, sessions: this.sessions, lockout: this.lockout };
    if (protocol === 'sftp') {
      const server = createSftpServer({ ...common, hostKeys: deps.hostKeys, transfers: deps.transfers(record.id) });
      const address = await server.listen(host, port).catch(async (err: unknown) => {
        await server.close().catch(() => undefined);
        throw listenError(err, host, port);
      });
      return { ...address, fingerprints: server.fingerprints, close: () => server.close() };
    }
    const server = createFtpServer({ ...common, passivePorts: { min: 0, max: 0 }, transfers: deps.transfers(record.id) });
    const address = await server.listen(host, port).catch(async (err: unknown) => {
      await server.close().catch(() => undefined);
      throw listenError(err, host, port);
    });
    return { ...address, fingerprints: [], close: () => server.close() };
  }

  private async acquire(): Promise<Resources> {
    if (this.resources) return this.resources;
    const { record, deps } = this;
    const users = this.users;
    if (record.authProxy === null) {
      if (!users) throw new StartError(this.usersError ?? 'the users of this share could not be loaded');
      if (!users.list().some((u) => u.enabled && (u.hasPassword || u.keys.length > 0))) {
        throw new StartError('add a user with a password or a key first: nobody could log in');
      }
    }
    let options: VfsOptions;
    try {
      options = deps.vfsOptions(record);
    } catch (err) {
      throw new StartError(`the VFS options cannot work: ${err instanceof Error ? err.message : String(err)}`);
    }
    const backend = await deps.openBackend(record);
    let vfs: Vfs;
    try {
      vfs = await Vfs.create(backend, options, deps.logger);
    } catch (err) {
      if (err instanceof CacheLockedError) throw new StartError(`the cache folder is in use by another running Wharf: ${err.message}`);
      throw new StartError(`the share cannot start: ${err instanceof Error ? err.message : String(err)}`);
    }
    let proxy: ProxyAuthenticator | undefined;
    let authenticator: Authenticator;
    if (record.authProxy !== null) {
      try {
        proxy = createProxyAuthenticator({ program: record.authProxy, vfsOptions: options, logger: deps.logger });
      } catch (err) {
        await vfs.shutdown().catch(() => undefined);
        throw new StartError(`auth proxy: ${err instanceof Error ? err.message : String(err)}`);
      }
      authenticator = proxy;
    } else {
      authenticator = createUserAuthenticator(users as UserStore, { scrypt: deps.scrypt });
    }
    this.resources = { vfs, authenticator, proxy };
    return this.resources;
  }

  private async release(): Promise<void> {
    const resources = this.resources;
    this.resources = undefined;
    if (!resources) return;
    try {
      await resources.proxy?.close();
    } finally {
      await resources.vfs.shutdown().catch((err: unknown) => {
        this.deps.logger.warn(`share ${JSON.stringify(this.record.name)}: closing the VFS failed: ${err instanceof Error ? err.message : String(err)}`);
      });
    }
  }
}
