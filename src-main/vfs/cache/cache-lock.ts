// One running instance per cache folder: a lock file holding the owner's PID (and, on Linux, the
// process start time, so a reused PID is not mistaken for the owner). A lock whose owner is gone is
// stale and taken over; a live owner, in this process or another, makes the second instance fail.
import { readFileSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeFileAtomic } from './atomic-file.js';

export const LOCK_FILE = 'wharf.lock';

export class CacheLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CacheLockedError';
  }
}

interface LockRecord {
  readonly pid: number;
  readonly start: string | null;
  readonly host: string;
  readonly token: string;
}

export interface CacheLock {
  readonly file: string;
  release(): Promise<void>;
}

/** Folders locked by this process (a second Vfs here sees its own PID in the file: still live). */
const heldHere = new Set<string>();

/** Field 22 of /proc/PID/stat: when the process started, in clock ticks since boot. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(record: LockRecord): boolean {
  if (record.host !== os.hostname()) return true; // another machine's process: cannot tell, assume live
  try {
    process.kill(record.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  if (record.start === null) return true;
  const start = processStartTime(record.pid);
  return start === null || start === record.start;
}

function parseRecord(text: string): LockRecord | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockRecord>;
    if (!Number.isSafeInteger(v.pid) || typeof v.host !== 'string' || typeof v.token !== 'string') return undefined;
    return { pid: v.pid as number, start: typeof v.start === 'string' ? v.start : null, host: v.host, token: v.token };
  } catch {
    return undefined;
  }
}

export async function acquireCacheLock(dir: string): Promise<CacheLock> {
  const key = path.resolve(dir);
  const file = path.join(key, LOCK_FILE);
  if (heldHere.has(key)) {
    throw new CacheLockedError(`the cache folder ${key} is already in use by another share in this process`);
  }
  const mine: LockRecord = {
    pid: process.pid,
    start: processStartTime(process.pid),
    host: os.hostname(),
    token: randomBytes(8).toString('hex'),
  };
  heldHere.add(key);
  try {
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    const owner = text === undefined ? undefined : parseRecord(text);
    if (owner && owner.pid !== process.pid && isAlive(owner)) {
      throw new CacheLockedError(
        `the cache folder ${key} is in use by another Wharf (pid ${owner.pid} on ${owner.host}); ` +
          'give each running instance its own --cache-dir',
      );
    }
    // Absent, unreadable or stale: replace it atomically, then read it back after a moment. If two
    // instances raced past the check, only one record survives and the other one backs off.
    await writeFileAtomic(file, JSON.stringify(mine), true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const after = parseRecord(await readFile(file, 'utf8'));
    if (after?.token !== mine.token) {
      throw new CacheLockedError(`the cache folder ${key} was taken by another Wharf while starting`);
    }
  } catch (err) {
    heldHere.delete(key);
    throw err;
  }
  let released = false;
  return {
    file,
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(key);
      const current = parseRecord(await readFile(file, 'utf8').catch(() => ''));
      if (current?.token !== mine.token) return;
      // Renamed away first so a crash mid-removal never leaves a half-written lock behind.
      const gone = `${file}.released-${mine.token}`;
      await rename(file, gone).catch(() => undefined);
      await rm(gone, { force: true }).catch(() => undefined);
    },
  };
}
