// Reads the cache folder back at start: every valid metadata file becomes an item; temp files,
// unreadable metadata and data files without metadata are removed. When two records name one path
// (a crash in the middle of a rename), the one saved last wins.
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../../src-shared/logger.js';
import { TEMP_MARKER } from './atomic-file.js';
import { parseItemMeta } from './item-meta.js';
import type { ItemMeta } from './item-meta.js';

export const META_SUFFIX = '.json';
const ID = /^[0-9a-f]{16}$/;

export interface LoadedItem {
  readonly id: string;
  readonly meta: ItemMeta;
}

export interface LoadResult {
  readonly items: readonly LoadedItem[];
  /** Highest save counter seen, so new saves sort after every old one. */
  readonly maxSeq: number;
}

export async function loadCacheFolder(
  dataDir: string,
  metaDir: string,
  keepClean: boolean,
  logger: Logger,
): Promise<LoadResult> {
  const byPath = new Map<string, LoadedItem>();
  const dropped: string[] = [];
  let maxSeq = 0;
  for (const name of await readdir(metaDir)) {
    const file = path.join(metaDir, name);
    const id = name.slice(0, -META_SUFFIX.length);
    if (name.includes(TEMP_MARKER) || !name.endsWith(META_SUFFIX) || !ID.test(id)) {
      await rm(file, { force: true, recursive: true });
      continue;
    }
    const meta = parseItemMeta(await readFile(file, 'utf8').catch(() => ''));
    if (!meta) {
      logger.error(`vfs cache: dropping unreadable cache record ${name}`);
      dropped.push(id);
      continue;
    }
    maxSeq = Math.max(maxSeq, meta.seq);
    // A clean record is only worth keeping in full mode, and only when it holds some data.
    const useless = !meta.dirty && (!keepClean || meta.ranges.length === 0 || meta.remote === null);
    if (useless) {
      dropped.push(id);
      continue;
    }
    const other = byPath.get(meta.path);
    if (other && other.meta.seq > meta.seq) {
      dropped.push(id);
      continue;
    }
    if (other) dropped.push(other.id);
    byPath.set(meta.path, { id, meta });
  }
  for (const id of dropped) {
    await rm(path.join(metaDir, `${id}${META_SUFFIX}`), { force: true });
    await rm(path.join(dataDir, id), { force: true });
  }
  const live = new Set([...byPath.values()].map((i) => i.id));
  for (const name of await readdir(dataDir)) {
    if (!live.has(name)) await rm(path.join(dataDir, name), { force: true, recursive: true });
  }
  return { items: [...byPath.values()], maxSeq };
}
