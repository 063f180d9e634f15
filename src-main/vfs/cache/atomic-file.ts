// Metadata files are replaced atomically: written to a temp file in the same folder, fsynced, then
// renamed over the old one (and the folder fsynced), so a crash leaves the old or the new version,
// never a torn one. `durable` false skips the fsyncs for saves nobody has been promised yet.
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export const TEMP_MARKER = '.tmp-';

export async function writeFileAtomic(target: string, data: string, durable: boolean): Promise<void> {
  const temp = `${target}${TEMP_MARKER}${randomBytes(6).toString('hex')}`;
  try {
    const fh = await open(temp, 'w', 0o600);
    try {
      await fh.writeFile(data);
      if (durable) await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  if (durable) await syncDir(path.dirname(target));
}

/** Makes a folder's entries (a rename, a new file) durable. Some systems cannot open folders: skip. */
export async function syncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch {
    // Windows cannot fsync a directory; NTFS journals the rename itself.
  } finally {
    await fh?.close().catch(() => undefined);
  }
}
