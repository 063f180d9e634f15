// Builds an open-flags truth table for one cache mode over a remote without random access: every
// combination of read/write/append/create/truncate/exclusive, on an existing file ("hello") and a
// missing one. A cell says what happened, in order:
//   the error code of the open, or the handle kind, then
//   r=<data read at 0> or r!<error>, w=ok or w!<error> for writing "AB" at 0, c!<error> if close
//   failed, and "> <content>" as a fresh read sees the file afterwards ("> -" when it is absent).
// After the table the share is stopped and the remote must hold exactly what the Vfs showed.
import { expect } from 'vitest';
import type { CacheMode } from '../../../src-shared/cache-mode.js';
import { isVfsError } from '../../../src-main/vfs/index.js';
import type { OpenFlags, Vfs } from '../../../src-main/vfs/index.js';
import { makeCachedVfs, putRemote, readThrough, remoteContent } from './cache-helpers.js';

export const FLAG_ORDER = ['read', 'write', 'append', 'create', 'truncate', 'exclusive'] as const;
const LETTERS = 'RWACTX';

export type TruthTable = Readonly<Record<string, readonly [existing: string, missing: string]>>;

/** "RW-C--" for read+write+create. */
export function flagLabel(flags: OpenFlags): string {
  return FLAG_ORDER.map((name, i) => (flags[name] ? LETTERS[i] : '-')).join('');
}

export function allFlagCombinations(): OpenFlags[] {
  const out: OpenFlags[] = [];
  for (let bits = 0; bits < 64; bits++) {
    const entries = FLAG_ORDER.map((name, i) => [name, (bits & (1 << (5 - i))) !== 0] as const);
    out.push(Object.fromEntries(entries) as unknown as OpenFlags);
  }
  return out;
}

function code(err: unknown): string {
  return isVfsError(err) ? err.code : `THROWN(${String(err)})`;
}

async function shown(vfs: Vfs, path: string): Promise<string> {
  try {
    return (await readThrough(vfs, path)).toString();
  } catch (err) {
    return isVfsError(err) && err.code === 'ENOENT' ? '-' : `!${code(err)}`;
  }
}

async function cell(vfs: Vfs, path: string, flags: OpenFlags): Promise<string> {
  let handle;
  try {
    handle = await vfs.openFile(path, flags);
  } catch (err) {
    return `${code(err)} > ${await shown(vfs, path)}`;
  }
  const kind = vfs.getCacheStats().openFiles.find((f) => f.path === path)?.kind ?? '?';
  const parts = [kind];
  try {
    parts.push(`r=${(await handle.read(0, 100)).toString()}`);
  } catch (err) {
    parts.push(`r!${code(err)}`);
  }
  try {
    await handle.write(0, Buffer.from('AB'));
    parts.push('w=ok');
  } catch (err) {
    parts.push(`w!${code(err)}`);
  }
  try {
    await handle.close();
  } catch (err) {
    parts.push(`c!${code(err)}`);
  }
  parts.push(`> ${await shown(vfs, path)}`);
  return parts.join(' ');
}

/** Runs every combination in `cacheMode` and returns the table (and checks the remote at the end). */
export async function buildTruthTable(cacheMode: CacheMode): Promise<TruthTable> {
  // A short write-wait: writing at 0 never waits, and a refused out-of-order write must not either.
  const under = await makeCachedVfs(cacheMode, { writeWaitMs: 50, writeBackMs: 0 });
  const { vfs, memory } = under;
  try {
    const table: Record<string, [string, string]> = {};
    const seen = new Map<string, string>();
    let n = 0;
    for (const flags of allFlagCombinations()) {
      n += 1;
      const existing = `/e${n}`;
      const missing = `/m${n}`;
      await putRemote(memory, existing, 'hello');
      const row: [string, string] = [await cell(vfs, existing, flags), await cell(vfs, missing, flags)];
      table[flagLabel(flags)] = row;
      for (const [i, p] of [existing, missing].entries()) {
        const after = (row[i] as string).split(' > ')[1] as string;
        seen.set(p, after);
      }
    }
    await vfs.shutdown();
    // Whatever the Vfs showed is what the remote holds once pending uploads are done.
    for (const [p, content] of seen) {
      const remote = await remoteContent(memory, p);
      expect({ path: p, content: remote === undefined ? '-' : remote.toString() }).toEqual({ path: p, content });
    }
    return table;
  } finally {
    await under.cleanup();
  }
}
