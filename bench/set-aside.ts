// Folders of small files a run created are moved aside, not deleted, and the suites' temp roots are
// removed only when the whole bench ends. On ext4 without a journal (this kind of machine) every
// file creation skips each inode of its block group freed in the last few seconds, or minutes while
// the inode table is not yet written back: 6,000 files deleted after one run made each creation of
// the next run scan them all, and the time of a 2,000-file run swung from 1.2 s to 6.9 s depending
// on which server's clean-up it followed (and the SFTP suite's 70,000 deletions slowed the FTP
// suite's small files). Moving a folder frees no inode, so every server creates its files alike.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Moves `tree` into `scratchDir/aside`; a missing tree is fine. Same file system as `scratchDir`. */
export async function setAside(scratchDir: string, tree: string): Promise<void> {
  const aside = path.join(scratchDir, 'aside');
  await fs.mkdir(aside, { recursive: true });
  try {
    await fs.rename(tree, path.join(aside, `${path.basename(tree)}-${randomBytes(4).toString('hex')}`));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    // Another file system after all (EXDEV): deleting is still correct, only slower for the next run.
    await fs.rm(tree, { recursive: true, force: true });
  }
}

const roots: string[] = [];

/** Removes `root` when the bench ends (removeAtEnd), not now. */
export function removeAtEnd(root: string): void {
  roots.push(root);
}

/** Removes every root handed to removeAtEnd so far. */
export async function removeAtEndNow(): Promise<void> {
  const now = roots.splice(0);
  await Promise.all(now.map((root) => fs.rm(root, { recursive: true, force: true })));
}
