// Confinement of share paths to the local root (PITFALLS "Resolve paths once at the edge"). The root
// is realpath-ed once; every access realpaths what it touches and requires the result to be the root
// or under `root + sep` (a bare prefix test would accept the sibling `/srv/share-secret`). Refusals
// are EPERM with a message that names no local path.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { VfsError } from '../errors.js';
import { assertSharePath } from '../share-path.js';
import { guard, guarded } from './local-guard.js';
import { resolveTolerant } from './local-resolve.js';

export const OUTSIDE_MESSAGE = 'Path leads outside the share';

export class LocalConfinement {
  private readonly prefix: string;

  private constructor(readonly root: string) {
    this.prefix = root.endsWith(path.sep) ? root : root + path.sep;
  }

  /** Realpaths `rootDir` once; it must exist and be a directory. */
  static async create(rootDir: string): Promise<LocalConfinement> {
    if (typeof rootDir !== 'string' || rootDir === '' || rootDir.includes('\0')) {
      throw new VfsError('EINVAL', 'The shared folder path is invalid');
    }
    let root: string;
    try {
      root = await realpath(path.resolve(rootDir));
    } catch {
      throw new VfsError('ENOENT', 'The shared folder does not exist');
    }
    const stats = await guarded(stat(root));
    if (!stats.isDirectory()) throw new VfsError('ENOTDIR', 'The shared folder is not a directory');
    return new LocalConfinement(root);
  }

  contains(local: string): boolean {
    return local === this.root || local.startsWith(this.prefix);
  }

  /** Throws EPERM unless `local` (already resolved) is the root or under it. */
  check(local: string): string {
    if (!this.contains(local)) throw new VfsError('EPERM', OUTSIDE_MESSAGE);
    return local;
  }

  /** The lexical local path of a share path (no disk access, no link resolution). */
  lexical(sharePath: string): string {
    assertSharePath(sharePath);
    return sharePath === '/' ? this.root : path.join(this.root, ...sharePath.slice(1).split('/'));
  }

  /** The share path of a local path under the root, or undefined when it is outside. */
  toShare(local: string): string | undefined {
    if (local === this.root) return '/';
    if (!local.startsWith(this.prefix)) return undefined;
    return `/${local.slice(this.prefix.length).split(path.sep).join('/')}`;
  }

  /** An existing entry, every link followed (stat, open, list): its confined realpath. */
  async existing(sharePath: string): Promise<string> {
    const lexical = this.lexical(sharePath);
    return guard(async () => this.check(await realpath(lexical)));
  }

  /**
   * The entry itself, the last component not followed (lstat, remove, rename, readlink, and the
   * new name of mkdir/symlink/link): its parent's confined realpath plus the last component.
   */
  async entry(sharePath: string): Promise<string> {
    const lexical = this.lexical(sharePath);
    if (sharePath === '/') return this.root;
    return guard(async () => {
      const parent = this.check(await resolveTolerant(path.dirname(lexical)));
      return path.join(parent, path.basename(lexical));
    });
  }

  /**
   * Where a write through this path lands, the last component followed even when it is a dangling
   * link (open with create, copy target): the deepest existing ancestor decides, so a missing path
   * under a link that leaves the share is refused.
   */
  async target(sharePath: string): Promise<string> {
    const lexical = this.lexical(sharePath);
    return guard(async () => this.check(await resolveTolerant(lexical)));
  }

  /** Like `target` for any local path (link targets): resolved and confined. */
  async resolveLocal(local: string): Promise<string> {
    return guard(async () => this.check(await resolveTolerant(local)));
  }
}
