// lstat, stat and the per-entry lstat of listings for the local backend, each confined to the share.
// The realpath and the stat run together, inline while the disk answers fast (local-inline-io.ts),
// else on the thread pool at once, so a lookup costs one round of trips, not two.
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { toVfsError } from '../errors.js';
import { baseName } from '../share-path.js';
import type { VfsEntry } from '../types.js';
import type { LocalConfinement } from './local-confine.js';
import { toEntry } from './local-entry.js';
import { errnoOf, guarded, inline } from './local-guard.js';
import { bothSettled } from './local-inline-io.js';
import type { InlineIo } from './local-inline-io.js';

export async function lstatConfined(confine: LocalConfinement, io: InlineIo, sharePath: string): Promise<VfsEntry> {
  const name = baseName(sharePath);
  const lexical = confine.lexical(sharePath);
  if (sharePath !== '/') {
    // When the parent's realpath is its lexical path (no links on the way, the usual case), the
    // lstat of the lexical path looked at the right entry.
    const parentLexical = path.dirname(lexical);
    const [parent, stats] = await bothSettled(
      io,
      [() => realpathSync.native(parentLexical), () => lstatSync(lexical)],
      [() => realpath(parentLexical), () => lstat(lexical)],
    );
    if (parent.status === 'fulfilled' && parent.value === parentLexical && confine.contains(parent.value)) {
      if (stats.status === 'fulfilled') return toEntry(name, stats.value);
      throw toVfsError(stats.reason);
    }
  }
  const local = await confine.entry(sharePath);
  return toEntry(name, await guarded(lstat(local)));
}

export async function statConfined(confine: LocalConfinement, io: InlineIo, sharePath: string): Promise<VfsEntry> {
  const name = baseName(sharePath);
  const lexical = confine.lexical(sharePath);
  const [real, stats] = await bothSettled(io, [() => realpathSync.native(lexical), () => statSync(lexical)], [() => realpath(lexical), () => stat(lexical)]);
  // A failed realpath is what `confine.existing` would report too (ENOENT for a missing path); the
  // stat counts once the realpath says the path is inside.
  if (real.status === 'rejected') throw toVfsError(real.reason);
  if (stats.status === 'fulfilled' && confine.contains(real.value)) return toEntry(name, stats.value);
  const local = await confine.existing(sharePath);
  return toEntry(name, await guarded(stat(local)));
}

/**
 * lstat-s one listing batch; entries deleted since readdir are skipped. Each lstat is timed on its
 * own: a hundred fast ones are not one slow call (timed as a batch, a listing of a big folder on a
 * busy machine sent the share to the thread pool). Once one is slow, the rest go to the pool.
 */
export async function statBatch(io: InlineIo, dirLocal: string, names: readonly string[]): Promise<VfsEntry[]> {
  const out: VfsEntry[] = [];
  let i = 0;
  for (; i < names.length && io.allowed(); i++) {
    const name = names[i] as string;
    const stats = io.run(() => inline(() => lstatSync(path.join(dirLocal, name), { throwIfNoEntry: false })));
    if (stats) out.push(toEntry(name, stats));
  }
  if (i === names.length) return out;
  return out.concat(await statOnPool(dirLocal, names.slice(i)));
}

async function statOnPool(dirLocal: string, names: readonly string[]): Promise<VfsEntry[]> {
  const entries = await Promise.all(
    names.map(async (name) => {
      try {
        return toEntry(name, await lstat(path.join(dirLocal, name)));
      } catch (err) {
        if (errnoOf(err) === 'ENOENT') return undefined;
        throw toVfsError(err);
      }
    }),
  );
  return entries.filter((e): e is VfsEntry => e !== undefined);
}
