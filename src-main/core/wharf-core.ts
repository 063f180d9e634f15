// The application core: opens the settings (migrated, checked), the app's SFTP host key, and a
// runtime per share, resumes the servers left on, and offers the services the api calls. No
// Electron here: the desktop shell and the headless web UI both sit on this.
import os from 'node:os';
import type { ConnectionCard, ShareProtocol } from '../../src-shared/contract/index.js';
import type { Logger } from '../../src-shared/logger.js';
import { loadOrCreateHostKey } from '../servers/index.js';
import type { ScryptParams } from '../servers/index.js';
import type { CoreContext, NetworkInterfaces } from './core-context.js';
import { CoreEvents } from './core-events.js';
import { hostKeysDir } from './paths.js';
import type { SecretBox } from './secrets/secret-box.js';
import { AppSettingsService } from './settings/app-settings-service.js';
import { SettingsRepo } from './settings/settings-repo.js';
import type { SettingsStore } from './settings/settings-store.js';
import { connectionCard } from './shares/connection-card.js';
import { quickShareSftp } from './shares/quick-share.js';
import { ShareService } from './shares/share-service.js';
import { LiveService } from './stats/live-service.js';
import { TransferLog } from './stats/transfer-log.js';
import { RemoteService } from './remotes/remote-service.js';
import { UserService } from './users/user-service.js';

export interface WharfCoreOptions {
  readonly store: SettingsStore;
  readonly secrets: SecretBox;
  /** The app's config folder: the SFTP host key is kept under it. */
  readonly configDir: string;
  /** Default folder for the shares' file caches. */
  readonly cacheDir: string;
  readonly logger: Logger;
  readonly platform?: NodeJS.Platform;
  /** scrypt cost for new password hashes (tests lower it). */
  readonly scrypt?: ScryptParams;
  readonly now?: () => number;
  readonly networkInterfaces?: NetworkInterfaces;
  /** Whether to start the servers left on; by default the "resume sharing on launch" setting decides. */
  readonly resume?: boolean;
}

export interface WharfCore {
  readonly events: CoreEvents;
  readonly settings: AppSettingsService;
  readonly shares: ShareService;
  readonly users: UserService;
  readonly remotes: RemoteService;
  readonly live: LiveService;
  readonly platform: NodeJS.Platform;
  /** "Share folder over SFTP". */
  quickShareSftp(folder: string): Promise<ConnectionCard>;
  /** The connection card of a running server (no password: it is shown only when generated). */
  card(shareId: string, protocol: ShareProtocol): ConnectionCard;
  /** Stops every server and lets each share's VFS flush pending uploads. Safe to call twice. */
  close(): Promise<void>;
}

export async function openWharfCore(options: WharfCoreOptions): Promise<WharfCore> {
  const { logger } = options;
  const repo = SettingsRepo.open(options.store, logger);
  const hostKey = await loadOrCreateHostKey(hostKeysDir(options.configDir));
  if (hostKey.created) logger.info(`generated the SFTP host key ${hostKey.file}`);
  const now = options.now ?? Date.now;
  const ctx: CoreContext = {
    repo,
    runtimes: new Map(),
    events: new CoreEvents(),
    transfers: new TransferLog(now),
    secrets: options.secrets,
    logger,
    platform: options.platform ?? process.platform,
    cacheDir: options.cacheDir,
    hostKeys: [hostKey.data],
    scrypt: options.scrypt,
    now,
    networkInterfaces: options.networkInterfaces ?? os.networkInterfaces,
  };
  const remotes = new RemoteService(ctx);
  const shares = new ShareService(ctx, (name) => remotes.target(name));
  const users = new UserService(shares);
  const settings = new AppSettingsService(ctx, shares);
  const live = new LiveService(ctx);
  shares.load();
  if (options.resume ?? repo.document.app.resumeOnLaunch) await shares.resume();

  let closing: Promise<void> | undefined;
  return {
    events: ctx.events,
    settings,
    shares,
    users,
    remotes,
    live,
    platform: ctx.platform,
    quickShareSftp: (folder) => quickShareSftp(ctx, shares, users, folder),
    card: (shareId, protocol) => connectionCard(shares.runtime(shareId), protocol, null, ctx.networkInterfaces),
    close() {
      closing ??= (async () => {
        live.feed.stop();
        await shares.closeAll();
      })();
      return closing;
    },
  };
}
