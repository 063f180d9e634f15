// Case-insensitive lookups (--vfs-case-insensitive, rclone's "fixup"): a name is used as given
// when it exists exactly; only when it does not is an existing name differing by case used
// instead, component by component. Names created anew keep the case the client gave.
// Comparison is Unicode simple case folding, per code point (Go's strings.EqualFold, as rclone).
import type { Backend } from './backend/backend.js';
import { isVfsError } from './errors.js';
import { baseName, parentPath } from './share-path.js';

function foldChar(ch: string): string {
  const upper = ch.toUpperCase();
  // One code point each way: ς → Σ → σ, ſ → S → s, K (Kelvin) → K → k.
  if ([...upper].length === 1) {
    const lower = upper.toLowerCase();
    if ([...lower].length === 1) return lower;
  }
  const lower = ch.toLowerCase();
  // Full mappings (ß → SS, İ → i̇) are not simple folds: such a character only equals itself.
  return [...lower].length === 1 ? lower : ch;
}

/** The folded form of a name: two names are equal ignoring case when their folds are equal. */
export function foldName(name: string): string {
  let out = '';
  for (const ch of name) out += foldChar(ch);
  return out;
}

export function equalFold(a: string, b: string): boolean {
  return a === b || foldName(a) === foldName(b);
}

function join(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** True when `path` exists exactly; errors other than "not there" leave the path to the caller. */
async function existsExactly(backend: Backend, path: string): Promise<boolean | undefined> {
  try {
    await backend.lstat(path);
    return true;
  } catch (err) {
    if (isVfsError(err) && (err.code === 'ENOENT' || err.code === 'ENOTDIR')) return false;
    return undefined;
  }
}

/** The existing name in `dir` equal to `name` ignoring case (first in sort order), if any. */
async function findFolded(backend: Backend, dir: string, name: string, except?: string): Promise<string | undefined> {
  const wanted = foldName(name);
  const matches: string[] = [];
  try {
    for await (const batch of backend.list(dir)) {
      for (const entry of batch) {
        if (entry.name !== except && foldName(entry.name) === wanted) matches.push(entry.name);
      }
    }
  } catch {
    return undefined;
  }
  matches.sort();
  return matches[0];
}

/**
 * Fixes up the case of `path` against what exists: each component is kept when it exists exactly,
 * else replaced by an existing name that differs only by case; from the first component that has
 * neither, the rest is kept as given (a new name, or a not-found for the caller to report).
 */
export async function resolveCase(backend: Backend, path: string): Promise<string> {
  if (path === '/') return path;
  const whole = await existsExactly(backend, path);
  if (whole !== false) return path;
  const parts = path.slice(1).split('/');
  let dir = '/';
  for (let i = 0; i < parts.length; i++) {
    const name = parts[i] as string;
    const exact = join(dir, name);
    const exists = await existsExactly(backend, exact);
    if (exists === undefined) return path;
    if (exists) {
      dir = exact;
      continue;
    }
    const found = await findFolded(backend, dir, name);
    if (found === undefined) return [dir, ...parts.slice(i)].reduce(join);
    dir = join(dir, found);
  }
  return dir;
}

/**
 * The case-fixed target of a rename, link or copy: the folder is fixed up; the last name is fixed
 * up only to an existing entry other than `source` (so `a` → `A` stays a case-only rename).
 */
export async function resolveTargetCase(backend: Backend, path: string, source?: string): Promise<string> {
  if (path === '/') return path;
  const dir = await resolveCase(backend, parentPath(path));
  const name = baseName(path);
  const exact = join(dir, name);
  if ((await existsExactly(backend, exact)) !== false) return exact;
  const except = source !== undefined && parentPath(source) === dir ? baseName(source) : undefined;
  const found = await findFolded(backend, dir, name, except);
  return found === undefined ? exact : join(dir, found);
}
