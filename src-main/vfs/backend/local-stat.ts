// lstat, stat and the per-entry lstat of listings for the local backend, each confined to the share.
// While the disk answers fast they run inline (local-inline-io.ts); otherwise the realpath and the
// stat go to the thread pool together, so a lookup costs one round of trips, not two.
import { lstatSync, realpathSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { toVfsError } from '../errors.js';
import { baseName } from '../share-path.js';
import type { VfsEntry } from '../types.js';
import type { LocalConfinement } from './local-confine.js';
import { toEntry } from './local-entry.js';
import { errnoOf, guarded } from './local-guard.js';
import type { InlineIo } from './local-inline-io.js';

/** What an inline attempt found: stats, a failure to report, or "take the careful path". */
type Found = { readonly stats: Stats } | { readonly error: unknown } | undefined;

function settle(name: string, found: Found): VfsEntry | undefined {
  if (found === undefined) return undefined;
  if ('stats' in found) return toEntry(name, found.stats);
  throw toVfsError(found.error);
}

export async function lstatConfined(confine: LocalConfinement, io: InlineIo, sharePath: string): Promise<VfsEntry> {
  const name = baseName(sharePath);
  const lexical = confine.lexical(sharePath);
  if (sharePath !== '/') {
    // When the parent's realpath is its lexical path (no links on the way, the usual case), the
    // lstat of the lexical path looked at the right entry.
    const parentLexical = path.dirname(lexical);
    const plain = (parent: string) => parent === parentLexical && confine.contains(parent);
    if (io.allowed()) {
      const found = io.run((): Found => {
        let parent: string;
        try {
          parent = realpathSync.native(parentLexical);
        } catch {
          return undefined;
        }
        if (!plain(parent)) return undefined;
        try {
          return { stats: lstatSync(lexical) };
        } catch (error) {
          return { error };
        }
      });
      const entry = settle(name, found);
      if (entry) return entry;
    } else {
      const [parent, stats] = await Promise.allSettled([realpath(parentLexical), lstat(lexical)]);
      if (parent.status === 'fulfilled' && plain(parent.value)) {
        if (stats.status === 'fulfilled') return toEntry(name, stats.value);
        throw toVfsError(stats.reason);
      }
    }
  }
  const local = await confine.entry(sharePath);
  return toEntry(name, await guarded(lstat(local)));
}

export async function statConfined(confine: LocalConfinement, io: InlineIo, sharePath: string): Promise<VfsEntry> {
  const name = baseName(sharePath);
  const lexical = confine.lexical(sharePath);
  // A failed realpath is what `confine.existing` would report too (ENOENT for a missing path); the
  // stat counts once the realpath says the path is inside.
  if (io.allowed()) {
    const found = io.run((): Found => {
      let real: string;
      try {
        real = realpathSync.native(lexical);
      } catch (error) {
        return { error };
      }
      if (!confine.contains(real)) return undefined;
      try {
        return { stats: statSync(lexical) };
      } catch {
        return undefined;
      }
    });
    const entry = settle(name, found);
    if (entry) return entry;
  } else {
    const [real, stats] = await Promise.allSettled([realpath(lexical), stat(lexical)]);
    if (real.status === 'rejected') throw toVfsError(real.reason);
    if (stats.status === 'fulfilled' && confine.contains(real.value)) return toEntry(name, stats.value);
  }
  const local = await confine.existing(sharePath);
  return toEntry(name, await guarded(stat(local)));
}

/** lstat-s one listing batch; entries deleted since readdir are skipped. */
export async function statBatch(io: InlineIo, dirLocal: string, names: readonly string[]): Promise<VfsEntry[]> {
  if (io.allowed()) {
    return io.run(() => {
      const out: VfsEntry[] = [];
      for (const name of names) {
        let stats: Stats | undefined;
        try {
          stats = lstatSync(path.join(dirLocal, name), { throwIfNoEntry: false });
        } catch (err) {
          throw toVfsError(err);
        }
        if (stats) out.push(toEntry(name, stats));
      }
      return out;
    });
  }
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
