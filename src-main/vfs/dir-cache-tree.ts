// Which paths the directory cache holds something about, as a tree, so that dropping a folder
// and everything below it costs the size of that subtree, not of the whole cache. A path may be
// held twice (its stat and its listing); intermediate folders are linked while anything below
// them is held, and unlinked when nothing is.
import { parentPath } from './share-path.js';

export class PathTree {
  /** How many cache entries hold each path. */
  private readonly held = new Map<string, number>();
  /** Links from a folder to the paths directly below it that are held or lead to held ones. */
  private readonly below = new Map<string, Set<string>>();

  add(path: string): void {
    this.held.set(path, (this.held.get(path) ?? 0) + 1);
    for (let p = path; p !== '/'; ) {
      const parent = parentPath(p);
      let kids = this.below.get(parent);
      if (kids === undefined) {
        kids = new Set();
        this.below.set(parent, kids);
      }
      // Already linked: so is everything above it.
      if (kids.has(p)) break;
      kids.add(p);
      p = parent;
    }
  }

  remove(path: string): void {
    const count = this.held.get(path);
    if (count === undefined) return;
    if (count > 1) {
      this.held.set(path, count - 1);
      return;
    }
    this.held.delete(path);
    this.prune(path);
  }

  /** Held paths at or below `path`. */
  subtree(path: string): string[] {
    const out: string[] = [];
    const stack = [path];
    for (let p = stack.pop(); p !== undefined; p = stack.pop()) {
      if (this.held.has(p)) out.push(p);
      for (const kid of this.below.get(p) ?? []) stack.push(kid);
    }
    return out;
  }

  /** Held paths directly below `dir`. */
  children(dir: string): string[] {
    return [...(this.below.get(dir) ?? [])].filter((p) => this.held.has(p));
  }

  clear(): void {
    this.held.clear();
    this.below.clear();
  }

  /** Unlinks `path` and then each folder above it that no longer leads to anything held. */
  private prune(path: string): void {
    for (let p = path; p !== '/' && !this.held.has(p) && !(this.below.get(p)?.size); ) {
      this.below.delete(p);
      const parent = parentPath(p);
      this.below.get(parent)?.delete(p);
      p = parent;
    }
    if (this.below.get('/')?.size === 0) this.below.delete('/');
  }
}
