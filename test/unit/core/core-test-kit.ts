// Opens a real WharfCore on temp folders (conf settings file, key-file secrets, generated host key)
// with a cheap scrypt cost, and removes everything afterwards.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../../../src-shared/logger.js';
import { silentLogger } from '../../../src-shared/logger.js';
import { ConfSettingsStore, openKeyFileSecretBox, openWharfCore } from '../../../src-main/core/index.js';
import type { WharfCore, WharfCoreOptions } from '../../../src-main/core/index.js';

export const TEST_SCRYPT = { ln: 10, r: 8, p: 1 } as const;

const dirs: string[] = [];

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `wharf-${prefix}-`));
  dirs.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export interface TestCore {
  readonly core: WharfCore;
  readonly configDir: string;
  readonly settingsFile: string;
}

export async function openTestCore(
  configDir?: string,
  extra: Partial<WharfCoreOptions> & { logger?: Logger } = {},
): Promise<TestCore> {
  const dir = configDir ?? (await tempDir('core-config'));
  const store = new ConfSettingsStore(dir);
  const core = await openWharfCore({
    store,
    secrets: await openKeyFileSecretBox(path.join(dir, 'secret.key')),
    configDir: dir,
    cacheDir: path.join(dir, 'cache'),
    logger: silentLogger,
    scrypt: TEST_SCRYPT,
    platform: 'linux',
    ...extra,
  });
  return { core, configDir: dir, settingsFile: store.location };
}
