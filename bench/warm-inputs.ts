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

/** What a workload reads from the fixture folder. */
export interface WorkloadInputs {
  /** Files it reads whole. */
  readonly files: readonly string[];
  /** Folders whose every file it reads whole. */
  readonly folders: readonly string[];
  /** Folders it only lists (their entries' metadata, not their contents). */
  readonly listed: readonly string[];
}

const NONE: WorkloadInputs = { files: [], folders: [], listed: [] };

export function inputsOf(id: WorkloadId, fixtures: Fixtures): WorkloadInputs {
  const at = (name: string): string => path.join(fixtures.dir, name);
  switch (id) {
    case 'W0':
      return NONE;
    case 'W1':
    case 'W2':
      return { ...NONE, files: [at(fixtures.big)] };
    case 'W3':
    case 'W4':
      return { ...NONE, folders: [at(fixtures.small)] };
    case 'W5':
      return { ...NONE, listed: [at(fixtures.list)] };
    case 'W6':
      return { ...NONE, files: fixtures.par.map(at) };
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

/** Each entry of `folder`: files read whole with `readFiles`, everything else lstat()ed. */
async function eachEntry(folder: string, readFiles: boolean): Promise<void> {
  for await (const entry of await opendir(folder)) {
    const full = path.join(folder, entry.name);
    await (readFiles && entry.isFile() ? readWhole(full) : lstat(full));
  }
}

/** Brings `id`'s inputs into the page cache. */
export async function warmInputs(id: WorkloadId, fixtures: Fixtures): Promise<void> {
  const inputs = inputsOf(id, fixtures);
  for (const file of inputs.files) await readWhole(file);
  for (const folder of inputs.folders) await eachEntry(folder, true);
  for (const folder of inputs.listed) await eachEntry(folder, false);
}
