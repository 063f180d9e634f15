// What a share serves from: a local folder (checked first, so the reason is clear) or a folder on
// a named SFTP remote; and the engine options for it, VFS values over the option table's defaults.
import { stat } from 'node:fs/promises';
import type { AppSettings } from '../../../src-shared/contract/index.js';
import { resolveVfsValues } from '../../../src-shared/contract/index.js';
import type { Logger } from '../../../src-shared/logger.js';
import { assertNever } from '../../../src-shared/assert-never.js';
import { createLocalBackend, createSftpBackend, DEFAULT_VFS_OPTIONS } from '../../vfs/index.js';
import type { Backend, SftpTarget, VfsOptions } from '../../vfs/index.js';
import { caseInsensitiveDefault } from '../os-defaults.js';
import type { ShareRecord } from '../settings/settings-schema.js';
import { StartError } from './listen-error.js';

/** A named remote's connection, secrets revealed (only in memory, only while connecting). */
export type RemoteTarget = Omit<SftpTarget, 'root'>;

export async function openShareBackend(
  record: ShareRecord,
  remote: (name: string) => RemoteTarget | undefined,
  logger: Logger,
): Promise<Backend> {
  const { source } = record;
  switch (source.kind) {
    case 'local':
      await checkFolder(source.path);
      try {
        return await createLocalBackend(source.path);
      } catch (err) {
        throw new StartError(`the folder ${source.path} cannot be shared: ${err instanceof Error ? err.message : String(err)}`);
      }
    case 'remote': {
      const target = remote(source.remote);
      if (!target) throw new StartError(`there is no remote named "${source.remote}"`);
      try {
        return await createSftpBackend({ ...target, root: source.path, logger });
      } catch (err) {
        throw new StartError(`cannot reach the remote "${source.remote}": ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    default:
      return assertNever(source, 'share source');
  }
}

/** The folder must exist and be a folder; said with the path the person chose. */
export async function checkFolder(folder: string): Promise<void> {
  let isDir: boolean;
  try {
    isDir = (await stat(folder)).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new StartError(`the folder ${folder} does not exist`);
    if (code === 'EACCES' || code === 'EPERM') throw new StartError(`Wharf may not read the folder ${folder}`);
    throw new StartError(`the folder ${folder} cannot be used (${code ?? 'unknown error'})`);
  }
  if (!isDir) throw new StartError(`${folder} is a file, not a folder`);
}

export interface VfsContext {
  readonly app: AppSettings;
  readonly cacheDir: string;
  readonly platform: NodeJS.Platform;
}

/** The engine's options for a share: its VFS values, then the app's and the system's defaults. */
export function shareVfsOptions(record: ShareRecord, ctx: VfsContext): VfsOptions {
  const values = resolveVfsValues(record.vfs);
  return {
    ...DEFAULT_VFS_OPTIONS,
    ...values,
    cacheDir: values.cacheDir ?? ctx.cacheDir,
    cacheName: record.id,
    caseInsensitive: values.caseInsensitive ?? ctx.app.caseInsensitive ?? caseInsensitiveDefault(ctx.platform),
    readOnly: record.readOnly,
  };
}
