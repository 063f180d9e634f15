// What the core's services share: the settings, the running shares, the event hub, the transfer log
// and the app's host keys. Built once by openWharfCore.
import type os from 'node:os';
import type { Logger } from '../../src-shared/logger.js';
import type { ScryptParams } from '../servers/index.js';
import type { CoreEvents } from './core-events.js';
import type { SecretBox } from './secrets/secret-box.js';
import type { SettingsRepo } from './settings/settings-repo.js';
import type { ShareRuntime } from './shares/share-runtime.js';
import type { TransferLog } from './stats/transfer-log.js';

export type NetworkInterfaces = () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;

export interface CoreContext {
  readonly repo: SettingsRepo;
  readonly runtimes: Map<string, ShareRuntime>;
  readonly events: CoreEvents;
  readonly transfers: TransferLog;
  readonly secrets: SecretBox;
  readonly logger: Logger;
  readonly platform: NodeJS.Platform;
  readonly cacheDir: string;
  readonly hostKeys: readonly Buffer[];
  readonly scrypt: ScryptParams | undefined;
  readonly now: () => number;
  readonly networkInterfaces: NetworkInterfaces;
}
