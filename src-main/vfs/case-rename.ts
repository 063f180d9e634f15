// Renames that change only letter case (`a` → `A`). On a case-sensitive store they are ordinary
// renames. On a case-insensitive one (Windows, macOS, many NAS shares) the "existing target" is the
// source itself, so a no-clobber rename fails with EEXIST: the listing tells the two cases apart,
// and the rename then goes through a temporary name in the same folder.
import { randomBytes } from 'node:crypto';
import type { Backend } from './backend/backend.js';
import { isVfsError } from './errors.js';
import { equalFold } from './case-fold.js';
import { baseName, parentPath } from './share-path.js';

/** True for `from` → `to` that differ, but only by case (same folder, same name folded). */
export function isCaseOnlyRename(from: string, to: string): boolean {
  return from !== to && parentPath(from) === parentPath(to) && equalFold(baseName(from), baseName(to));
}

async function listsExactly(backend: Backend, dir: string, name: string): Promise<boolean> {
  for await (const batch of backend.list(dir)) {
    if (batch.some((e) => e.name === name)) return true;
  }
  return false;
}

export async function renameCaseOnly(backend: Backend, from: string, to: string, overwrite: boolean): Promise<void> {
  try {
    await backend.rename(from, to, overwrite);
    return;
  } catch (err) {
    if (!isVfsError(err) || err.code !== 'EEXIST') throw err;
    // A distinct entry really has the new name (case-sensitive store): the refusal stands.
    if (await listsExactly(backend, parentPath(to), baseName(to))) throw err;
  }
  const dir = parentPath(from);
  const temp = `${dir === '/' ? '' : dir}/.${baseName(from)}.wharf-case-${randomBytes(6).toString('hex')}`;
  await backend.rename(from, temp, false);
  try {
    await backend.rename(temp, to, false);
  } catch (err) {
    // Put it back under its old name so a failure changes nothing.
    await backend.rename(temp, from, false).catch(() => undefined);
    throw err;
  }
}
