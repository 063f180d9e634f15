// Reads a workload's inputs (the fixture files it sends or lists) right before each timed run, so
// the page cache is warm whichever server runs first. The fixtures are written minutes before a
// workload reads them and this machine pages out what sits idle (DAMON), so the first run of a
// workload read them from disk while later runs found them in memory; with the servers rotated per
// repetition, that first run was always Wharf's (FTP W6 in one full run: Wharf 1.03 s in
// repetition 1, then 0.88 and 0.70 s; vsftpd 0.68-0.71 s).
import { open, opendir, lstat } from 'node:fs/promises';
import path from 'node:path';
import { assertNever } from '../src-shared/assert-never.js';
import type { WorkloadId } from './config.js';
import type { Fixtures } from './fixtures.js';

/** What a workload reads from the fixture folder: whole files, and folders whose entries it lists. */
export interface WorkloadInputs {
  /** Files read whole (folders here have every file inside read). */
  readonly read: readonly string[];
  /** Folders only listed (their entries' metadata, not their contents). */
  readonly listed: readonly string[];
}

export function inputsOf(id: WorkloadId, fixtures: Fixtures): WorkloadInputs {
  const at = (name: string): string => path.join(fixtures.dir, name);
  switch (id) {
    case 'W0':
      return { read: [], listed: [] };
    case 'W1':
    case 'W2':
      return { read: [at(fixtures.big)], listed: [] };
    case 'W3':
    case 'W4':
      return { read: [at(fixtures.small)], listed: [] };
    case 'W5':
      return { read: [], listed: [at(fixtures.list)] };
    case 'W6':
      return { read: fixtures.par.map(at), listed: [] };
    default:
      return assertNever(id, 'workload id');
  }
}

const buffer = Buffer.allocUnsafe(4 * 1024 * 1024);

async function readWhole(file: string): Promise<void> {
  const fh = await open(file, 'r');
  try {
    while ((await fh.read(buffer, 0, buffer.length, null)).bytesRead > 0) {
      // the bytes only need to pass through the page cache
    }
  } finally {
    await fh.close();
  }
}

async function statEntries(folder: string, andRead: boolean): Promise<void> {
  const dir = await opendir(folder);
  for await (const entry of dir) {
    const full = path.join(folder, entry.name);
    if (andRead && entry.isFile()) await readWhole(full);
    else await lstat(full);
  }
}

/** Brings `id`'s inputs into the page cache. */
export async function warmInputs(id: WorkloadId, fixtures: Fixtures): Promise<void> {
  const inputs = inputsOf(id, fixtures);
  for (const item of inputs.read) {
    if ((await lstat(item)).isDirectory()) await statEntries(item, true);
    else await readWhole(item);
  }
  for (const folder of inputs.listed) await statEntries(folder, false);
}
